#!/bin/bash
# A receiver with mib = rfc1628 gets the RFC 1628 notifications only: on
# mains failure upsTrapOnBattery (.1.3.6.1.2.1.33.2.1) with
# upsEstimatedMinutesRemaining and upsSecondsOnBattery, and
# upsTrapAlarmEntryAdded (.2.3) for upsAlarmInputBad (.1.3.6.1.2.1.33.1.6.3.6)
# but, as RFC 1628 says, not for upsAlarmOnBattery (.6.3.2), which has its
# own trap; on restore upsTrapAlarmEntryRemoved (.2.4) for both.  No
# SOCOMEC trap reaches it.  (The repeat of upsTrapOnBattery each minute is
# unit-tested: test_events on_battery_trap_repeats_every_minute.)
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"

R=.1.3.6.1.2.1.33.2
WK=.1.3.6.1.2.1.33.1.6.3
P=$(nv_free_port)
nv_start_trapd rfc "$P"
nv_start_nvsim jbusp-three-phase
nv_start_snmpd
nv_write_conf "trap-receiver rfc { address = \"127.0.0.1:$P\"  mib = rfc1628 }" \
	"events { debounce = 200 }" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30

# entry N alarm: how many upsTrapAlarmEntry{Added,Removed} for that alarm
entry() { grep -c "OID: $R.$1	.*OID: $WK.$2\$" "$T/trap-rfc.log"; }

nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim: scenario mains-fail"
nv_wait_for 10 "[ \$(entry 3 6) -eq 1 ]" ||
	nv_fail "no alarm entry added for input-bad: $(nv_traps_of rfc)"
nv_wait_for 10 "grep -q 'OID: $R.1	' '$T/trap-rfc.log'" || nv_fail "no upsTrapOnBattery: $(nv_traps_of rfc)"
grep "OID: $R.1	" "$T/trap-rfc.log" | head -1 |
	grep -q "\.1\.3\.6\.1\.2\.1\.33\.1\.2\.3\.0 = INTEGER: [0-9]*	\.1\.3\.6\.1\.2\.1\.33\.1\.2\.2\.0 = INTEGER: [0-9]*" ||
	nv_fail "upsTrapOnBattery varbinds: $(grep "OID: $R.1	" "$T/trap-rfc.log" | head -1)"
# the alarm entry varbind also names its row: upsAlarmId then upsAlarmDescr
grep "OID: $R.3	.*OID: $WK.6\$" "$T/trap-rfc.log" |
	grep -q "\.1\.3\.6\.1\.2\.1\.33\.1\.6\.2\.1\.1\.\([0-9]*\) = INTEGER: \1	\.1\.3\.6\.1\.2\.1\.33\.1\.6\.2\.1\.2\.\1 = OID: $WK.6" ||
	nv_fail "alarm entry varbind: $(grep "OID: $R.3	" "$T/trap-rfc.log" | head -1)"

nv_simctl scenario mains-restore >/dev/null || nv_fail "nvsim: scenario mains-restore"
nv_wait_for 10 "[ \$(entry 4 2) -eq 1 ] && [ \$(entry 4 6) -eq 1 ]" ||
	nv_fail "no alarm entry removed on restore: $(nv_traps_of rfc)"
nv_wait_for 2 "false"    # a quiet window: nothing else arrives
[ "$(entry 3 2)" -eq 0 ] || nv_fail "upsTrapAlarmEntryAdded sent for upsAlarmOnBattery"
for t in $(nv_traps_of rfc); do
	case "$t" in "$R".[1-4]) ;; *) nv_fail "rfc1628 receiver got $t";; esac
done
[ "$(grep -c "OID: $R.1	" "$T/trap-rfc.log")" -eq 1 ] || nv_fail "more than one upsTrapOnBattery inside a minute"
nv_pass
