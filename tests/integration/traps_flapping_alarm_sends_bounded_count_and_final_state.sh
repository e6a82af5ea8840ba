#!/bin/bash
# An overload bit (JBUSP A02) that flaps every 100 ms for 10 s does not
# send a storm.  With events { debounce = 1000 } each condition reports at
# most one change per 1 s window: over 10 s of flapping that is at most
# 10 / 1 + 2 = 12 reported changes, so at most 12 overload traps (6) and,
# as the alarm-table row may be replaced inside a window, at most 12 alarm
# entry added (3) and 12 removed (4) -- 36 in all, where every toggle
# would be 50 x (6 + 3) + 50 x 4 = 650.  The final state is always right:
# flapping that ends with the bit set leaves one more trap 3 than trap 4
# for the upsAlarmOverload row, the last one a trap 3, and the agent's alarm
# table shows it; the bit then cleared ends with a trap 4.
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"

P=$(nv_free_port)
nv_start_trapd nms "$P"
nv_start_nvsim jbusp-three-phase
nv_start_snmpd
nv_write_conf "trap-receiver nms { address = \"127.0.0.1:$P\" }" \
	"events { debounce = 1000 }" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30
nv_wait_for 10 "[ \$(nv_count nms 27) -ge 1 ]" || nv_fail "no trap 27 at start"

# 10 s of toggling on a 100 ms schedule, ending with the bit set
start=$(nv_now_ms); v=1; writes=0
while [ $((writes * 100)) -lt 10000 ] || [ "$v" -eq 1 ]; do
	nv_simctl set A02 $v >/dev/null || nv_fail "nvsim: set A02 $v"
	writes=$((writes + 1))
	v=$((1 - v))
	wait_ms=$(( start + writes * 100 - $(nv_now_ms) ))
	[ "$wait_ms" -gt 0 ] && sleep "$(printf '0.%03d' "$wait_ms")"
done
[ "$v" -eq 0 ] || nv_fail "the flapping did not end with the bit set"

WK=.1.3.6.1.4.1.4555.1.1.7.1.6.3.2      # SOCOMEC upsAlarmOverload
# count of trap N (3 / 4) about the overload row: nv_entry N
nv_entry() { grep -c "OID: $S.0.$1	.*OID: $WK\$" "$T/trap-nms.log"; }
# the debounce window after the last change settles the final state
nv_wait_for 5 "[ \$(nv_entry 3) -eq \$(( \$(nv_entry 4) + 1 )) ]" ||
	nv_fail "final state: $(nv_entry 3) added, $(nv_entry 4) removed"
# a quiet window (a deadline that must pass) lets any late trap arrive
nv_wait_for 2 "false"
n6=$(nv_count nms 6); n3=$(nv_entry 3); n4=$(nv_entry 4)
nv_log "$writes writes of A02: traps 6=$n6 3=$n3 4=$n4"
[ "$n6" -ge 1 ] && [ "$n6" -le 12 ] || nv_fail "overload traps: $n6, bound 12"
[ "$n3" -le 12 ] && [ "$n4" -le 12 ] || nv_fail "alarm entry traps: $n3 added, $n4 removed, bound 12 each"
[ "$n3" -eq $((n4 + 1)) ] || nv_fail "final state: $n3 added, $n4 removed"
last=$(nv_traps_of nms | tr ' ' '\n' | grep -E "^$S.0.(3|4)\$" | tail -1)
assert_eq "last alarm entry trap" "$S.0.3" "$last"
nv_walk "$SOCOMEC.1.6.2" | grep -q "$WK\$" ||
	nv_fail "the alarm table does not show the overload: $(nv_walk "$SOCOMEC.1.6.2")"

# cleared for good: one trap 4 more, and the table is empty of it
nv_simctl set A02 0 >/dev/null
nv_wait_for 5 "[ \$(nv_entry 4) -eq $n3 ]" || nv_fail "no trap 4 once the overload cleared"
nv_wait_for 5 "! nv_walk '$SOCOMEC.1.6.2' | grep -q '$WK\$'" ||
	nv_fail "the overload stays in the alarm table"
nv_pass
