#!/bin/bash
# Trap receivers SET over SNMP (write community) are used at once and
# survive an nvagentd restart: a receiver added in the first empty row and
# an address changed in row 1 both get the test trap, before and after.
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"

P1=$(nv_free_port); P2=$(nv_free_port); P3=$(nv_free_port)
nv_start_trapd a "$P1"; nv_start_trapd b "$P2"; nv_start_trapd c "$P3"
nv_start_nvsim jbusp-three-phase
nv_start_snmpd
nv_write_conf "trap-receiver nms1 { address = \"127.0.0.1:$P1\" }" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30

# the table shows the config's receiver in row 1 and empty rows up to 8
assert_eq "row 1 address" "\"127.0.0.1:$P1\"" "$(nv_get $RCV.2.1)"
assert_eq "row 1 type" "3" "$(nv_get $RCV.4.1)"
assert_eq "row 8 address" '""' "$(nv_get $RCV.2.8)"

out=$(nv_set $RCV.2.1 s "127.0.0.1:$P3" $RCV.2.2 s "127.0.0.1:$P2" \
	$RCV.3.2 s public $RCV.4.2 i 3) || nv_fail "SET refused: $out"
assert_eq "row 1 after SET" "\"127.0.0.1:$P3\"" "$(nv_get $RCV.2.1)"
assert_eq "row 2 after SET" "\"127.0.0.1:$P2\"" "$(nv_get $RCV.2.2)"
[ -s "$T/state/trap-receivers.conf" ] || nv_fail "the table was not saved in state-dir"

# applied at once: the test trap reaches the new addresses, not the old one
nv_ctl trap test >/dev/null || nv_fail "nvctl trap test failed"
nv_wait_for 10 "[ \$(nv_count b 42) -eq 1 ] && [ \$(nv_count c 42) -eq 1 ]" ||
	nv_fail "test trap after SET: b='$(nv_traps_of b)' c='$(nv_traps_of c)'"

nv_stop_nvagentd
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30
assert_eq "row 1 after restart" "\"127.0.0.1:$P3\"" "$(nv_get $RCV.2.1)"
assert_eq "row 2 after restart" "\"127.0.0.1:$P2\"" "$(nv_get $RCV.2.2)"
nv_ctl trap test >/dev/null || nv_fail "nvctl trap test failed after restart"
nv_wait_for 10 "[ \$(nv_count b 42) -eq 2 ] && [ \$(nv_count c 42) -eq 2 ]" ||
	nv_fail "test trap after restart: b='$(nv_traps_of b)' c='$(nv_traps_of c)'"
[ "$(nv_count a 42)" -eq 0 ] || nv_fail "the replaced address still gets traps"

# an empty address deletes the receiver; that too survives a restart
out=$(nv_set $RCV.2.1 s "") || nv_fail "delete refused: $out"
assert_eq "row 1 after delete" "\"127.0.0.1:$P2\"" "$(nv_get $RCV.2.1)"
assert_eq "row 2 after delete" '""' "$(nv_get $RCV.2.2)"
nv_stop_nvagentd
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30
assert_eq "row 1 after delete + restart" "\"127.0.0.1:$P2\"" "$(nv_get $RCV.2.1)"
assert_eq "row 2 after delete + restart" '""' "$(nv_get $RCV.2.2)"
nv_pass
