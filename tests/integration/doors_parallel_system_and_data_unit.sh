#!/usr/bin/env bash
# A 3-unit parallel UPS (nvsim vumap-parallel): by default the UPS-MIB and
# the NV5 branch show system values (output current of a phase = sum of
# the units'); with data-unit = 2 they show unit 2's.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/doors.sh"
nv_setup
nv_start_stack vumap-parallel
doors_need_registration "UPS-MIB" "$UPSMIB.1.1.0"
[ "$(nv_simctl get T014)" = 1 ] && cur=1 || cur=10     # 0.1 A per register unit
sum_current() {
	echo $(( ($(nv_simctl get 1:M006) + $(nv_simctl get 2:M006) + $(nv_simctl get 3:M006)) * cur ))
}
nv_wait_for 10 "[ \"\$(nv_get $UPSMIB.4.4.1.3.1)\" = \"\$(sum_current)\" ]" ||
	nv_fail "system output current $(nv_get $UPSMIB.4.4.1.3.1), units sum $(sum_current)"
nv_next_case

nv_start_stack vumap-parallel "data-unit = 2"
nv_simctl set 1:M022 91 >/dev/null
nv_simctl set 2:M022 62 >/dev/null
nv_simctl set 3:M022 83 >/dev/null
nv_wait_for 10 "[ \"\$(nv_get $UPSMIB.2.4.0)\" = 62 ] && [ \"\$(nv_get $NV5.2.4.0)\" = 62 ]" ||
	nv_fail "data-unit = 2: charge $(nv_get $UPSMIB.2.4.0) / $(nv_get $NV5.2.4.0), unit 2 has 62"
want=$(( $(nv_simctl get 2:M006) * cur ))
nv_wait_for 10 "[ \"\$(nv_get $UPSMIB.4.4.1.3.1)\" = \"\$(( \$(nv_simctl get 2:M006) * cur ))\" ]" ||
	nv_fail "data-unit = 2: output current $(nv_get $UPSMIB.4.4.1.3.1), unit 2 has $want"
nv_pass
