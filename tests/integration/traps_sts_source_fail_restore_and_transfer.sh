#!/bin/bash
# An STS: source 1 fails (load moves to the alternate source S2), comes
# back (load back on the preferred source), then a transfer while both are
# present and a transfer back.  A SOCOMEC receiver gets the STS MIB traps
# (.1.3.6.1.4.1.4555.1.1.10.2.0.N): stsTrapSwitchOnAlternateSource (4),
# then stsTrapSwitchOnPreferedSource (3), twice over, each carrying the
# STS trap string; a receiver filtered on "warning" gets only the 4s.
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"

ST=.1.3.6.1.4.1.4555.1.1.10.2
P1=$(nv_free_port); P2=$(nv_free_port)
nv_start_trapd all "$P1"
nv_start_trapd warn "$P2"
nv_start_nvsim sts
nv_start_snmpd
nv_write_conf "trap-receiver all { address = \"127.0.0.1:$P1\" }" \
	"trap-receiver warn { address = \"127.0.0.1:$P2\"  severity = warning }" \
	> "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_for 30 "[ -n \"\$(nv_get .1.3.6.1.4.1.4555.1.1.10.1.1.1.0 | tr -d '\"')\" ]" ||
	nv_fail "nvagentd did not serve the STS"
nv_wait_for 10 "[ \$(nv_count all 27) -ge 1 ]" || nv_fail "no trap 27 at start"

sts_traps() { nv_traps_of "$1" | tr ' ' '\n' | grep "^$ST.0." | sed "s/^$ST.0.//" | tr '\n' ' '; }
step() {   # step SCENARIO EXPECTED-STS-TRAPS-SO-FAR
	nv_simctl scenario "$1" >/dev/null || nv_fail "nvsim: scenario $1"
	nv_wait_for 10 "[ \"\$(sts_traps all)\" = '$2' ]" ||
		nv_fail "after $1: STS traps '$(sts_traps all)', expected '$2'"
}
step source1-fail "4 "
step source1-restore "4 3 "
step transfer "4 3 4 "
step transfer "4 3 4 3 "
nv_wait_for 2 "false"    # a quiet window: nothing more arrives
assert_eq "STS traps" "4 3 4 3 " "$(sts_traps all)"
assert_eq "warning receiver" "4 4 " "$(sts_traps warn)"
grep -q "OID: $ST.0.4	.*\.1\.3\.6\.1\.4\.1\.4555\.1\.1\.10\.1\.7\.1\.0 = STRING" "$T/trap-all.log" ||
	nv_fail "trap 4 without the STS trap string: $(grep "$ST.0.4" "$T/trap-all.log" | head -1)"
nv_pass
