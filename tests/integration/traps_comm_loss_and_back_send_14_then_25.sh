#!/bin/bash
# The UPS stops answering (nvsim fault no-response) and comes back: a
# SOCOMEC receiver gets upsTrapCommunicationLost (14) then
# upsTrapComEstablished (25), in that order, once each, with the alarm
# entry traps 3 / 4 of upsAlarmCommunicationLost; the levels are the
# manual's (14 critical, 25 information): a receiver filtered on
# "critical" gets the 14 and not the 25.
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"

P1=$(nv_free_port); P2=$(nv_free_port)
nv_start_trapd all "$P1"
nv_start_trapd crit "$P2"
nv_start_nvsim jbusp-three-phase
nv_start_snmpd
nv_write_conf "trap-receiver all { address = \"127.0.0.1:$P1\" }" \
	"trap-receiver crit { address = \"127.0.0.1:$P2\"  severity = critical }" \
	> "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30
nv_wait_for 10 "[ \$(nv_count all 27) -ge 1 ]" || nv_fail "no trap 27 at start"

nv_simctl fault no-response on >/dev/null || nv_fail "nvsim: fault no-response on"
nv_wait_for 15 "[ \$(nv_count all 14) -ge 1 ]" || nv_fail "no trap 14 on comm loss: $(nv_traps_of all)"
nv_simctl fault no-response off >/dev/null || nv_fail "nvsim: fault no-response off"
nv_wait_for 15 "[ \$(nv_count all 25) -ge 1 ]" || nv_fail "no trap 25 when comm is back: $(nv_traps_of all)"
nv_wait_for 15 "[ \$(nv_count crit 14) -ge 1 ]" || nv_fail "critical receiver: no trap 14"
# a quiet window (a deadline that must pass) lets a wrong extra trap arrive
nv_wait_for 2 "false"
# the SOCOMEC alarm table follows: upsAlarmCommunicationLost (wk 58) row
# added with the loss (trap 3), removed when comm is back (trap 4)
assert_eq "traps at the receiver" "$S.0.27 $S.0.14 $S.0.3 $S.0.25 $S.0.4 " "$(nv_traps_of all)"
grep -q "OID: $S.0.3	.*OID: $SOCOMEC.1.6.3.58\$" "$T/trap-all.log" || nv_fail "trap 3 is not for wk 58"
grep -q "OID: $S.0.4	.*OID: $SOCOMEC.1.6.3.58\$" "$T/trap-all.log" || nv_fail "trap 4 is not for wk 58"
assert_eq "traps at the critical receiver" "$S.0.14 " "$(nv_traps_of crit)"
nv_pass
