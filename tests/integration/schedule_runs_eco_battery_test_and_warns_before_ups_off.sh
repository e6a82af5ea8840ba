#!/bin/bash
# Schedules run on the host's clock (entries a few seconds ahead, "HH:MM:SS"):
# eco-mode on, eco-mode off and a battery test reach the UPS through the
# control path (nvsim's write log, the agent log says "asked by schedule"),
# each once; then a weekly shut-off warns the nvshutdown client for the
# warning period, sends the shutdown request at the shut-off time and only
# then the UPS shut-off, which programs the restart time (stand-by minutes
# in the 0x1580 block).  A crash and restart of the agent repeats none of them.
# nvctl schedule shows the next action.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup

# at_time SECONDS FORMAT — local time SECONDS from now, lower-case, C locale
at_time() { LC_ALL=C date -d "@$(( BASE + $1 ))" "+$2" | tr 'A-Z' 'a-z'; }
writes() { nv_simctl writes; }
count() { writes | tr ' ' '\n' | grep -c "$1"; }   # writes naming $1
ctl() { "$NVCTL" -s "$T/nvagent.sock" "$@"; }

sd_start_stack "event on-battery { action = disabled }"
sd_start_client alpha
sd_wait_connected 1
nv_simctl battery-test 2 pass >/dev/null
nv_simctl writes reset >/dev/null

# eco on +8 s, off +10 s, a battery test +12 s; the weekly shut-off at +18 s
# with a 4 s warning period (sequence from +14 s), restart 2 h later
BASE=$(date +%s)
conf="shutdown {
  listen = \"127.0.0.1:$SD_PORT\"
  secret-file = \"$T/shutdown.key\"
  client-timeout = 3s
  ups-shutoff-delay = 20
  event weekly-schedule { action = shutdown  warning-period = 4s  first-warning = 1  warning-interval = 1 }
}
schedule {
  eco-mode { on = \"$(at_time 8 '%a %H:%M:%S')\"  off = \"$(at_time 10 '%a %H:%M:%S')\" }
  battery-test { start = \"$(at_time 12 '%Y-%m-%d %H:%M:%S')\" }
  weekly { off = \"$(at_time 18 '%a %H:%M:%S')\"  restart = \"$(at_time 7218 '%a %H:%M:%S')\" }
}"
nv_write_conf "$conf" > "$T/nvagent.conf"
kill -HUP "$NVAGENTD_PID"
nv_wait_for 10 "ctl schedule | grep -q '^next: eco-mode on at'" ||
	nv_fail "nvctl schedule: $(ctl schedule)"
nv_log "$(ctl schedule)"

nv_wait_for 20 "writes | grep -q 'battery-test'" || nv_fail "no battery test written: $(writes)"
assert_eq "writes of the eco and battery-test schedule" \
	"fc06:0x15B0=0x0003[eco-mode] fc06:0x15B0=0x0004[normal-mode] fc06:0x15B0=0x0010[battery-test]" \
	"$(writes | tr '\n' ' ' | sed 's/ $//')"
for want in 'eco-mode asked by schedule sent: wrote 0x15B0' 'Eco mode schedule sent: eco-mode on' \
	'normal-mode asked by schedule sent' 'Battery test schedule sent'; do
	nv_wait_for 5 "grep -q '$want' '$T/nvagentd.log'" || nv_fail "agent log lacks '$want'"
done

# the shut-off: warnings first, the request, then the UPS shut-off
nv_wait_for 25 "writes | grep -q '0x1580'" || nv_fail "no UPS shut-off written: $(writes)"
grep -q '^warning weekly-schedule' "$T/hook-alpha.log" || nv_fail "client not warned: $(cat "$T/hook-alpha.log")"
nv_wait_for 5 "grep -q '^shutdown weekly-schedule' '$T/hook-alpha.log'" ||
	nv_fail "client got no shutdown request: $(cat "$T/hook-alpha.log")"
warn=$(grep -n 'Shutdown warning sent to 1 clients (weekly-schedule' "$T/nvagentd.log" | head -1 | cut -d: -f1)
req=$(grep -n 'Shutdown request sent to 1 clients (weekly-schedule)' "$T/nvagentd.log" | head -1 | cut -d: -f1)
off=$(grep -n 'UPS shut-off sent (output off in 20 s, restart' "$T/nvagentd.log" | head -1 | cut -d: -f1)
[ -n "$warn" ] && [ -n "$req" ] && [ -n "$off" ] || nv_fail "sequence not in the agent log"
[ "$warn" -lt "$req" ] && [ "$req" -lt "$off" ] || nv_fail "order: warning line $warn, request $req, UPS off $off"
# restart 2 h after the shut-off time = ~7200 - 20 s after the output goes off: 120 min
w=$(writes | grep 0x1580)
case "$w" in
*'0x0000,0x0014,0x0000,0x0078,0x0004[off-then-restart]'*) ;;
*) nv_fail "UPS shut-off block: $w" ;;
esac
grep -q 'Standby schedule sent: weekly shut-off' "$T/nvagentd.log" || nv_fail "no standby schedule event"
# each action once, also after a crash within the catch-up: state-dir
# keeps what is done as it is done (SIGKILL: no clean stop to save it)
[ -s "$T/state/schedule-state" ] || nv_fail "no schedule-state in state-dir"
kill -KILL "$NVAGENTD_PID"; wait "$NVAGENTD_PID" 2>/dev/null
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30
nv_wait_for 10 "ctl schedule | grep -q '^next: weekly restart'" || nv_fail "after restart: $(ctl schedule)"
# a command of our own, answered by the UPS: anything the schedule
# queued before it has been written by then
out=$(ctl ups normal-mode 2>&1) || nv_fail "nvctl ups normal-mode: $out"
assert_eq "eco-mode writes" 1 "$(count 'eco-mode')"
assert_eq "normal-mode writes (the schedule's, then ours)" 2 "$(count 'normal-mode')"
assert_eq "battery-test writes" 1 "$(count 'battery-test')"
assert_eq "UPS shut-off writes" 1 "$(count '0x1580')"
nv_log "$(ctl schedule)"
nv_pass
