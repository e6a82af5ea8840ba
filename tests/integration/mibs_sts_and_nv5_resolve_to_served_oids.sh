#!/bin/bash
# The STS and Net Vision 5/6 modules we ship load in net-snmp and name the
# OIDs the agent serves (mib_lint.sh checks that every module lints clean).
. "$NV_SRCDIR/tests/lib/common.sh"

BASE="$NV_SRCDIR/../shared/reference/mibs/base"
[ -d "$BASE" ] || nv_skip "SMIv2 base modules not found in $BASE"
command -v snmptranslate >/dev/null || nv_skip "snmptranslate missing (Debian package snmp)"
nv_setup

translate() {
	snmptranslate -M "+$NV_SRCDIR/mibs:$BASE" -m "$1" -On "$1::$2" 2>/dev/null
}
assert_eq stsSource1Voltage.2 .1.3.6.1.4.1.4555.1.1.10.1.2.5.1.2.2 \
	"$(translate SOCOMECUPSSTS-MIB stsSource1Voltage.2)"
assert_eq stsOutputLoadStatus.0 .1.3.6.1.4.1.4555.1.1.10.1.5.1.0 \
	"$(translate SOCOMECUPSSTS-MIB stsOutputLoadStatus.0)"
assert_eq stsCustomInputAlarm.0 .1.3.6.1.4.1.4555.1.1.10.1.6.1.9.0 \
	"$(translate SOCOMECUPSSTS-MIB stsCustomInputAlarm.0)"
assert_eq stsTrapAlarmCancelled .1.3.6.1.4.1.4555.1.1.10.2.0.8 \
	"$(translate SOCOMECUPSSTS-MIB stsTrapAlarmCancelled)"
assert_eq upsBatteryStatus.0 .1.3.6.1.4.1.4555.1.1.1.1.2.1.0 \
	"$(translate SOCOMECUPS5-MIB upsBatteryStatus.0)"
assert_eq upsInputLineVoltage.1 .1.3.6.1.4.1.4555.1.1.1.1.3.3.1.5.1 \
	"$(translate SOCOMECUPS5-MIB upsInputLineVoltage.1)"
assert_eq upsAlarmOnBattery.0 .1.3.6.1.4.1.4555.1.1.1.1.6.3.2.0 \
	"$(translate SOCOMECUPS5-MIB upsAlarmOnBattery.0)"
# the enumerations managers decode
assert_eq "battery(5)" "battery(5)" \
	"$(snmptranslate -M "+$NV_SRCDIR/mibs:$BASE" -m SOCOMECUPS5-MIB -Td SOCOMECUPS5-MIB::upsOutputSource 2>/dev/null | grep -o 'battery(5)')"
nv_pass
