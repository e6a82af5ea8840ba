#!/usr/bin/env bash
# NUT's snmp-ups driver (mibs=ietf) sends its instant command
# test.battery.start (INSTCMD on the driver's state socket, what upscmd
# does through upsd) as RFC 1628 upsTestId = INTEGER 0, where the MIB
# wants an OBJECT IDENTIFIER naming the test (a defect of NUT 2.8.0
# to 2.8.3).  The agent answers wrongType, as for any manager, and
# nothing reaches the UPS; the same test asked the RFC's way (upsTestId =
# upsTestQuickBatteryTest with upsTestSpinLock) starts it.  The driver
# runs unprivileged-style in the temp dir.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_need_snmp_ups
nv_setup
nv_start_stack jbusp-three-phase
nv_simctl battery-test 30 pass >/dev/null
nv_simctl writes reset >/dev/null

nv_start_snmp_ups
nv_wait_for 30 "grep -q 'test.battery.start' '$T/nut.log'" ||
	nv_fail "snmp-ups offers no test.battery.start"
nv_nut_instcmd test.battery.start
nv_wait_for 20 "grep -q \"can't set 1.3.6.1.2.1.33.1.7.1.0: .*wrongType\" '$T/nut.log'" ||
	nv_fail "the driver's SET did not get wrongType: $(grep -i 'nut_snmp_set\|test.battery' "$T/nut.log" | tail -5)"
assert_eq "writes after NUT's INSTCMD" "" "$(nv_simctl writes)"
assert_eq "nvsim test after NUT's INSTCMD" "idle" "$(nv_simctl battery-test | cut -d' ' -f1)"

UPS=.1.3.6.1.2.1.33.1
snmpset -v2c -c private -t 8 -r 0 "127.0.0.1:$SNMPD_PORT" $UPS.7.2.0 i 0 \
	$UPS.7.1.0 o $UPS.7.7.4 >/dev/null || nv_fail "the RFC's battery test SET failed"
assert_eq "writes after the RFC's SET" "fc06:0x15B0=0x0010[battery-test]" "$(nv_simctl writes)"
nv_wait_for 10 "nv_simctl battery-test | grep -q '^running'" || nv_fail "nvsim runs no test"
# the driver, still polling, reads the running test (upsTestResultsSummary)
nv_wait_for 20 "grep -q 'su_setinfo(ups.test.result, in progress)' '$T/nut.log'" ||
	nv_fail "the driver never showed the test in progress"
nv_pass
