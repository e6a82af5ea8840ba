#!/bin/bash
# Every MIB module we ship passes smilint at level 3 without a single line
# of output (smilint exits 0 even on errors, so its output is the verdict),
# and net-snmp can load it and resolve its names to the published OIDs.
. "$NV_SRCDIR/tests/lib/common.sh"

BASE="$NV_SRCDIR/../shared/reference/mibs/base"
[ -d "$BASE" ] || nv_skip "SMIv2 base modules not found in $BASE"
command -v smilint >/dev/null || nv_skip "smilint missing (Debian package smitools)"
command -v snmptranslate >/dev/null || nv_skip "snmptranslate missing (Debian package snmp)"
nv_setup

n=0
for mib in "$NV_SRCDIR"/mibs/*.txt; do
	[ -f "$mib" ] || continue
	out=$(SMIPATH="$BASE:$NV_SRCDIR/mibs" smilint -l 3 -i node-implicit "$mib" 2>&1)
	[ -z "$out" ] || nv_fail "smilint complains about $(basename "$mib"):
$out"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || nv_fail "no MIB module found in $NV_SRCDIR/mibs"

# net-snmp resolves names of our SOCOMEC module to the NET VISION OIDs.
translate() {
	snmptranslate -M "+$NV_SRCDIR/mibs:$BASE" -m SOCOMECUPS-MIB -On "$1" 2>/dev/null
}
assert_eq upsBatteryStatus.0 .1.3.6.1.4.1.4555.1.1.7.1.2.1.0 "$(translate SOCOMECUPS-MIB::upsBatteryStatus.0)"
assert_eq upsAlarmCommunicationLost .1.3.6.1.4.1.4555.1.1.7.1.6.3.58 "$(translate SOCOMECUPS-MIB::upsAlarmCommunicationLost)"
assert_eq upsTrapOnBattery .1.3.6.1.4.1.4555.1.1.7.2.0.1 "$(translate SOCOMECUPS-MIB::upsTrapOnBattery)"
assert_eq upsTrapTest .1.3.6.1.4.1.4555.1.1.7.2.0.42 "$(translate SOCOMECUPS-MIB::upsTrapTest)"
nv_pass
