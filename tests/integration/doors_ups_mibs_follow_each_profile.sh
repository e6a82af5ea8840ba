#!/usr/bin/env bash
# For every UPS profile of nvsim, the RFC 1628 UPS-MIB and the Net Vision
# 5/6 branch show the same device as the SOCOMEC tree, in their own units
# (RFC: whole volts, 0.1 A, 0.1 Hz; NV5: 0.1 V, 0.1 A); the STS MIB is
# closed (noSuchObject); a mains failure in the simulator shows as
# upsOutputSource battery(5), an upsAlarmOnBattery row in upsAlarmTable,
# NV5 batteryDischarging(5) and its on-battery alarm, and back to normal.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/doors.sh"
nv_setup

check_profile() {
	local profile=$1 ph pairs=() lines
	nv_start_stack "$profile"
	doors_need_registration "UPS-MIB" "$UPSMIB.1.1.0"
	doors_need_registration "Net Vision 5 branch" "$NV5.1.1.0"
	lines=$(nv_get "$SOCOMEC.1.4.3.0")
	assert_eq "$profile upsOutputNumLines" "$lines" "$(nv_get $UPSMIB.4.3.0)"
	assert_eq "$profile NV5 output lines" "$lines" "$(nv_get $NV5.4.3.0)"
	assert_eq "$profile upsInputNumLines" "$(nv_get $SOCOMEC.1.3.1.0)" "$(nv_get $UPSMIB.3.2.0)"
	pairs=("$UPSMIB.2.4.0 $SOCOMEC.1.2.4.0" "$UPSMIB.2.3.0 $SOCOMEC.1.2.3.0"
	       "$UPSMIB.4.2.0 $SOCOMEC.1.4.2.0" "$NV5.2.4.0 $SOCOMEC.1.2.4.0"
	       "$NV5.2.3.0 $SOCOMEC.1.2.3.0" "$NV5.4.2.0 $SOCOMEC.1.4.2.0")
	for ph in $(seq 1 "$lines"); do
		pairs+=("$UPSMIB.4.4.1.2.$ph $SOCOMEC.1.4.4.1.2.$ph round"
		        "$UPSMIB.4.4.1.3.$ph $SOCOMEC.1.4.4.1.3.$ph"
		        "$UPSMIB.4.4.1.5.$ph $SOCOMEC.1.4.4.1.4.$ph"
		        "$UPSMIB.5.3.1.2.$ph $SOCOMEC.1.5.3.1.2.$ph round"
		        "$NV5.4.4.1.2.$ph $SOCOMEC.1.4.4.1.2.$ph"
		        "$NV5.4.4.1.3.$ph $SOCOMEC.1.4.4.1.3.$ph"
		        "$NV5.4.4.1.4.$ph $SOCOMEC.1.4.4.1.4.$ph"
		        "$NV5.5.3.1.2.$ph $SOCOMEC.1.5.3.1.2.$ph")
	done
	for ph in $(seq 1 "$(nv_get $SOCOMEC.1.3.1.0)"); do
		pairs+=("$UPSMIB.3.3.1.3.$ph $SOCOMEC.1.3.3.1.2.$ph round"
		        "$NV5.3.3.1.5.$ph $SOCOMEC.1.3.3.1.2.$ph"
		        "$NV5.3.3.1.2.$ph $SOCOMEC.1.3.3.1.2.$ph")
	done
	nv_wait_for 10 doors_same "$(printf '%q ' "${pairs[@]}")" ||
		nv_fail "$profile: doors differ from the SOCOMEC tree:$(doors_same "${pairs[@]}")"
	assert_eq "$profile upsOutputSource normal" 3 "$(nv_get $UPSMIB.4.1.0)"
	assert_eq "$profile upsBatteryStatus normal" 2 "$(nv_get $UPSMIB.2.1.0)"
	assert_eq "$profile upsSecondsOnBattery" 0 "$(nv_get $UPSMIB.2.2.0)"
	assert_eq "$profile NV5 output source normal" 3 "$(nv_get $NV5.4.1.0)"
	doors_is_nosuch "$STSMIB.2.1.0" || nv_fail "$profile: STS MIB answers for a UPS"

	nv_simctl scenario mains-fail >/dev/null
	nv_wait_for 10 "[ \"\$(nv_get $UPSMIB.4.1.0)\" = 5 ]" ||
		nv_fail "$profile: upsOutputSource did not go to battery(5): $(nv_get $UPSMIB.4.1.0)"
	nv_wait_for 5 "nv_walk $UPSMIB.6.2.1.2 | grep -q ' .1.3.6.1.2.1.33.1.6.3.2\$'" ||
		nv_fail "$profile: no upsAlarmOnBattery row: $(nv_walk $UPSMIB.6.2)"
	[ "$(nv_get $UPSMIB.6.1.0)" -ge 1 ] || nv_fail "$profile: upsAlarmsPresent is 0 on battery"
	nv_wait_for 5 "[ \"\$(nv_get $NV5.6.3.2.0)\" = 1 ] && [ \"\$(nv_get $NV5.4.1.0)\" = 5 ]" ||
		nv_fail "$profile: NV5 does not show on battery"
	assert_eq "$profile NV5 battery discharging" 5 "$(nv_get $NV5.2.1.0)"
	[ "$(nv_get $UPSMIB.3.1.0)" -ge 1 ] || nv_fail "$profile: upsInputLineBads did not count"

	nv_simctl scenario mains-restore >/dev/null
	nv_wait_for 10 "[ \"\$(nv_get $UPSMIB.4.1.0)\" = 3 ]" ||
		nv_fail "$profile: upsOutputSource did not return to normal(3)"
	nv_wait_for 5 "! nv_walk $UPSMIB.6.2.1.2 | grep -q ' .1.3.6.1.2.1.33.1.6.3.2\$'" ||
		nv_fail "$profile: upsAlarmOnBattery row stayed after mains restore"
	assert_eq "$profile upsSecondsOnBattery back to 0" 0 "$(nv_get $UPSMIB.2.2.0)"
	nv_next_case
}

for p in jbusp-single-phase jbusp-three-phase vumap-single vumap-modular; do
	check_profile "$p"
done
nv_pass
