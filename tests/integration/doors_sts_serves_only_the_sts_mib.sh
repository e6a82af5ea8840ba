#!/usr/bin/env bash
# An STS answers the STS MIB (sources OK, load on the preferred source,
# per-line tables) and noSuchObject on the UPS-MIB, the SOCOMEC UPS MIB and the NV5 branch; a
# source 1 failure in the simulator shows as a bad source 1 and the load on
# the alternate source.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/doors.sh"
nv_setup
nv_start_nvsim sts
nv_start_snmpd
nv_write_conf > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_for 30 "[ \"\$(nv_get $STSMIB.2.1.0)\" = 2 ]" ||
	nv_fail "stsSource1Status never read source1OK(2): $(nv_get $STSMIB.2.1.0)"
[ -n "$(nv_get $STSMIB.1.1.0 | tr -d '"')" ] || nv_fail "empty stsIdentModel"
assert_eq "stsSource2Status" 2 "$(nv_get $STSMIB.3.1.0)"
assert_eq "stsOutputLoadStatus on preferred" 2 "$(nv_get $STSMIB.5.1.0)"
lines=$(nv_get $STSMIB.5.5.0)
[ "$lines" -ge 1 ] || nv_fail "stsOutputNumLines $lines"
assert_eq "output table rows" "$lines" "$(nv_walk $STSMIB.5.6.1.2 | grep -c .)"
assert_eq "source 1 table rows" "$(nv_get $STSMIB.2.4.0)" "$(nv_walk $STSMIB.2.5.1.2 | grep -c .)"
[ "$(nv_get $STSMIB.2.3.0)" -gt 0 ] || nv_fail "stsSource1Frequency not live"
assert_eq "stsOverload" 0 "$(nv_get $STSMIB.6.1.4.0)"
for oid in $UPSMIB.1.1.0 $UPSMIB.2.1.0 $NV5.1.1.0 $NV5.4.1.0 $SOCOMEC.1.1.1.0 $SOCOMEC.1.2.1.0; do
	nv_get "$oid" | grep -q 'No Such Object' || nv_fail "$oid answers for an STS: $(nv_get "$oid")"
done
[ -z "$(nv_walk $UPSMIB | grep -v 'No more\|No Such')" ] || nv_fail "UPS-MIB walk not empty on an STS"
[ -z "$(nv_walk $SOCOMEC.1 | grep -v 'No more\|No Such')" ] || nv_fail "SOCOMEC UPS MIB walk not empty on an STS"

pref_before=$(nv_get $STSMIB.2.2.0)
nv_simctl scenario source1-fail >/dev/null
nv_wait_for 10 "[ \"\$(nv_get $STSMIB.2.1.0)\" != 2 ]" ||
	nv_fail "stsSource1Status stayed OK after source1-fail"
if [ "$pref_before" = 2 ]; then
	nv_wait_for 10 "[ \"\$(nv_get $STSMIB.5.1.0)\" = 3 ]" ||
		nv_fail "load not on the alternate source: $(nv_get $STSMIB.5.1.0)"
fi
nv_simctl scenario source1-restore >/dev/null
nv_wait_for 10 "[ \"\$(nv_get $STSMIB.2.1.0)\" = 2 ]" || nv_fail "source 1 did not come back"
nv_pass
