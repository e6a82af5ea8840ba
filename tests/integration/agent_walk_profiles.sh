#!/usr/bin/env bash
# For every UPS profile of nvsim: the SOCOMEC tree an NMS walks equals the
# simulator's registers after unit conversion (0.1 V, 0.1 A, 0.1 Hz, %),
# unmanaged measurements read -1, table sizes equal the phase counts, and a
# change made in the simulator shows in the MIB within one poll.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup

# expected OID value: raw register x multiplier, 65535 (not managed) -> -1
expect() {   # expect REG MULT
	local raw
	raw=$(nv_simctl get "$1") || return 1
	if [ "$raw" = 65535 ]; then echo -1; else echo $(( raw * $2 )); fi
}

# check_map "OID REG MULT" ... — every pair must match (retried: physics moves)
check_map() {
	local line oid reg mult want got bad=""
	for line in "$@"; do
		read -r oid reg mult <<<"$line"
		want=$(expect "$reg" "$mult")
		got=$(nv_get "$SOCOMEC.$oid")
		[ "$want" = "$got" ] || bad="$bad $oid($reg):want=$want,got=$got"
	done
	[ -z "$bad" ] || { echo "$bad"; return 1; }
}

check_profile() {
	local profile=$1 proto=$2 phases=${3:-}
	local map=() ph rows cur
	nv_start_stack "$profile"
	if [ "$proto" = jbusp ]; then
		map=("1.2.4.0 M04 1" "1.2.3.0 M23 1" "1.2.5.0 M20 1" "1.2.8.0 M24 1"
		     "1.4.2.0 M19 1" "1.4.7.0 M03 1" "1.5.1.0 M18 1")
		for ph in $(seq 1 "$phases"); do
			map+=("1.4.4.1.2.$ph M$(printf %02d $((8 + ph))) 10"
			      "1.4.4.1.3.$ph M$(printf %02d $((14 + ph))) 1"
			      "1.4.4.1.4.$ph M$(printf %02d $((ph - 1))) 1"
			      "1.3.3.1.2.$ph M$(printf %02d $((32 + ph))) 10"
			      "1.5.3.1.2.$ph M$(printf %02d $((5 + ph))) 10")
		done
	else
		[ "$(nv_simctl get T014)" = 1 ] && cur=1 || cur=10
		phases=$(( $(nv_simctl get T007) & 255 ))   # LSB: output phases
		map=("1.2.4.0 M022 1" "1.2.3.0 M024 1" "1.2.5.0 M016 $cur"
		     "1.4.2.0 M013 1" "1.4.7.0 M000 1" "1.3.2.0 M035 1" "1.5.1.0 M042 1")
		for ph in $(seq 1 "$phases"); do
			map+=("1.4.4.1.2.$ph M$(printf %03d $((9 + ph))) 10"
			      "1.4.4.1.3.$ph M$(printf %03d $((5 + ph))) $cur"
			      "1.4.4.1.4.$ph M$(printf %03d $ph) 1"
			      "1.3.3.1.2.$ph M$(printf %03d $((31 + ph))) 10"
			      "1.5.3.1.2.$ph M$(printf %03d $((38 + ph))) 10")
		done
	fi
	nv_wait_for 10 check_map "$(printf '%q ' "${map[@]}")" ||
		nv_fail "$profile: MIB differs from nvsim:$(check_map "${map[@]}")"

	assert_eq "$profile upsOutputNumLines" "$phases" "$(nv_get $SOCOMEC.1.4.3.0)"
	rows=$(nv_walk $SOCOMEC.1.4.4.1.2 | grep -c .)
	assert_eq "$profile output table rows" "$phases" "$rows"
	rows=$(nv_walk $SOCOMEC.1.3.3.1.2 | grep -c .)
	assert_eq "$profile input table rows" "$(nv_get $SOCOMEC.1.3.1.0)" "$rows"
	assert_eq "$profile upsSecondsOnBattery (-1: not on battery)" -1 "$(nv_get $SOCOMEC.1.2.2.0)"
	assert_eq "$profile upsOutputSource (onInverter)" 3 "$(nv_get $SOCOMEC.1.4.1.0)"
	assert_eq "$profile upsAgentSoftwareVersion" 1 \
		"$(nv_get $SOCOMEC.1.1.5.0 | grep -c nvagent)"
	[ -n "$(nv_get $SOCOMEC.1.1.1.0 | tr -d '"')" ] || nv_fail "$profile: empty upsIdentModel"

	# the MIB follows the simulator within one poll (interval = 1 s)
	local reg=M04; [ "$proto" = vumap ] && reg=M022
	nv_simctl set "$reg" 57 >/dev/null
	nv_wait_for 5 "[ \"\$(nv_get $SOCOMEC.1.2.4.0)\" = 57 ]" ||
		nv_fail "$profile: charge did not follow set $reg 57 (got $(nv_get $SOCOMEC.1.2.4.0))"
	nv_log "$profile: MIB equals the simulator"
	nv_next_case
}

check_profile jbusp-single-phase jbusp 1
check_profile jbusp-three-phase  jbusp 3
check_profile vumap-single       vumap
check_profile vumap-modular      vumap
nv_pass
