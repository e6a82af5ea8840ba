#!/usr/bin/env bash
# The SOCOMEC MIB's log objects over SNMP: upsAgentHistoryLogFrequency and
# upsAgentExtHistoryLogFrequency read the configured intervals, take a
# valid SET at once (the history log follows the new interval), keep it
# across a restart (saved in state-dir), and refuse a value out of the
# MIB's range (wrongValue) or of the wrong type (wrongType) with nothing
# changed.  upsAgentClearHistoryLog / ClearEventLog / ClearAgentLog /
# ClearExtHistoryLog = clear(1) empty their logs, and the agent log says so;
# any other value is refused; they read nothing(2).
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"
nv_set() { snmpset -v2c -c private -t 2 -r 0 "127.0.0.1:$SNMPD_PORT" "$@" 2>&1; }
AG=$SOCOMEC.1.9
HIST=$AG.8.0 EXT=$AG.9.0
CLR_AGENT=$AG.17.0 CLR_EVENT=$AG.18.0 CLR_EXT=$AG.19.0 CLR_HIST=$AG.20.0

nv_start_stack jbusp-three-phase 'logs { history-interval = 30  extended-interval = 60 }'
SOCK="$T/nvagent.sock"
ctl() { "$NVCTL" -s "$SOCK" "$@"; }
assert_eq "history interval" 30 "$(nv_get $HIST)"
assert_eq "extended interval" 60 "$(nv_get $EXT)"
assert_eq "clear reads nothing" 2 "$(nv_get $CLR_HIST)"

# -- bad SETs: nothing changes -------------------------------------------
out=$(nv_set $HIST i 4); echo "$out" | grep -q 'wrongValue' || nv_fail "history 4 s: $out"
out=$(nv_set $HIST i 28801); echo "$out" | grep -q 'wrongValue' || nv_fail "history 28801 s: $out"
out=$(nv_set $EXT i 2); echo "$out" | grep -q 'wrongValue' || nv_fail "extended 2 min: $out"
out=$(nv_set $HIST s 10); echo "$out" | grep -q 'wrongType' || nv_fail "string: $out"
out=$(nv_set $CLR_HIST i 3); echo "$out" | grep -q 'wrongValue' || nv_fail "clear 3: $out"
assert_eq "history interval after bad SETs" 30 "$(nv_get $HIST)"
[ -e "$T/state/logs-settings" ] && nv_fail "a refused SET saved settings"

# -- a good SET: live, logged, saved ---------------------------------------
out=$(nv_set $HIST i 5 $EXT i 3) || nv_fail "SET refused: $out"
assert_eq "history interval after SET" 5 "$(nv_get $HIST)"
assert_eq "extended interval after SET" 3 "$(nv_get $EXT)"
[ -s "$T/state/logs-settings" ] || nv_fail "intervals not saved in state-dir"
ctl log show agent-events | grep -q 'History log interval changed from 30 to 5 s by an SNMP manager' ||
	nv_fail "interval change not logged: $(ctl log show agent-events)"
# the history log now gets a record every 5 s
ctl log clear history >/dev/null
nv_wait_for 15 "[ \$(ctl log show history --csv | wc -l) -ge 3 ]" ||
	nv_fail "no history records at 5 s: $(ctl log show history)"

kill -TERM "$NVAGENTD_PID"; wait "$NVAGENTD_PID"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30
assert_eq "history interval after restart" 5 "$(nv_get $HIST)"
assert_eq "extended interval after restart" 3 "$(nv_get $EXT)"

# -- clears ----------------------------------------------------------------
assert_eq "mains-fail" OK "$(nv_simctl scenario mains-fail)"
nv_wait_for 15 "ctl log show ups-events | grep -q 'Operating on battery'" || nv_fail "no UPS event"
nv_wait_for 15 "[ \$(ctl log show history --csv | wc -l) -ge 2 ]" || nv_fail "no history"
out=$(nv_set $CLR_HIST i 1 $CLR_EVENT i 1) || nv_fail "clear SET refused: $out"
# header + at most the one record written since the clear (every 5 s)
n=$(ctl log show history --csv | wc -l)
[ "$n" -le 2 ] || nv_fail "history not cleared: $n lines"
assert_eq "UPS events after clear" 1 "$(ctl log show ups-events --csv | wc -l)"
agent=$(ctl log show agent-events)
for want in 'History log cleared by an SNMP manager' 'UPS event log cleared by an SNMP manager'; do
	printf '%s\n' "$agent" | grep -q "$want" || nv_fail "agent log lacks '$want': $agent"
done
out=$(nv_set $CLR_AGENT i 1) || nv_fail "clear agent log refused: $out"
assert_eq "agent log after its clear" "Agent event log cleared by an SNMP manager" \
	"$(ctl log show agent-events --csv | tail -n +2 | cut -d, -f4 | tr -d '\r')"
out=$(nv_set $CLR_EXT i 2) || nv_fail "nothing(2) refused: $out"
nv_pass
