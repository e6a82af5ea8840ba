#!/usr/bin/env bash
# Every varbind an NMS walks in the SOCOMEC, STS, NV5 and RFC 1628 trees
# conforms to its MIB, for every nvsim profile, in the steady state and
# after each scenario: the object exists, the wire type is its SYNTAX's,
# the value lies in its range / enumeration / SIZE, scalars end in .0 and
# table instances match the INDEX.  The MIBs are read by smidump (libsmi):
# the project's mibs/ and, for UPS-MIB, the IETF file in the reference
# folder next to the source tree (never copied into the project); the
# project's modules must also agree with the vendor's files of the same
# name, object by object (tests/lib/mib_conformance.py lists the
# deliberate differences).  The RFC 1628 ratings read what the UPS
# reports, and the RFC objects no profile of a protocol serves are those
# nvagentd(8) lists.  One agent per profile; the problems of every
# profile are listed before the test fails, so that one run shows them all.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/doors.sh"
command -v smidump >/dev/null || nv_skip "smidump not installed (Debian package smitools)"
REF=${NV_REFERENCE_MIBS:-$NV_SRCDIR/../shared/reference/mibs}
[ -f "$REF/UPS-MIB.txt" ] && [ -d "$REF/base" ] ||
	nv_skip "no reference MIBs at $REF (set NV_REFERENCE_MIBS)"
CHECK=(python3 "$NV_SRCDIR/tests/lib/mib_conformance.py")
MIBDIRS=("$NV_SRCDIR/mibs" "$REF" "$REF/base")
nv_setup

out=$("${CHECK[@]}" compare "${MIBDIRS[@]}") ||
	nv_fail "the project's MIB modules and the vendor's differ:"$'\n'"$out"

N=0
walk_state() {   # walk_state PROFILE STATE — both enterprise and RFC 1628 trees
	local f
	mkdir -p "$T/walks"
	N=$((N + 1)); f="$T/walks/$(printf %03d $N).$1.$2"
	snmpbulkwalk -v2c -c public -On -Ox -t 2 -r 1 "127.0.0.1:$SNMPD_PORT" \
		.1.3.6.1.4.1.4555 > "$f" 2>&1 || nv_fail "$1 $2: walk failed: $(tail -1 "$f")"
	snmpbulkwalk -v2c -c public -On -Ox -t 2 -r 1 "127.0.0.1:$SNMPD_PORT" \
		.1.3.6.1.2.1.33 >> "$f" 2>&1 || nv_fail "$1 $2: walk failed: $(tail -1 "$f")"
	# an STS has no RFC 1628 tree: the walk says so in one line
	sed -i '/^\.1\.3\.6\.1\.2\.1\.33 = No Such Object/d' "$f"
	grep -q . "$f" || nv_fail "$1 $2: nothing served"
}

is() { [ "$(nv_get "$1")" = "$2" ]; }
at_least() { local v; v=$(nv_get "$1"); [ "${v:-0}" -ge "$2" ] 2>/dev/null; }

# scenario PROFILE NAME 'condition the agent shows once it took effect'
scenario() {
	nv_simctl scenario "$2" >/dev/null || nv_fail "$1: nvsim refused scenario $2"
	nv_wait_for 30 "$3" || nv_fail "$1 $2: the agent never showed it ($3)"
	walk_state "$1" "$2"
}

PROBLEMS="" CHECKED=0
declare -A ABSENT=()
check_walks() {   # check_walks PROTOCOL — the walks of this case against the MIBs
	local out gone
	out=$("${CHECK[@]}" check "${MIBDIRS[@]}" "$T"/walks/*) || PROBLEMS+="$out"$'\n'
	CHECKED=$(( CHECKED + $(sed -n '1s/ varbinds.*//p' <<<"$out") ))
	# RFC 1628 objects no state of this profile showed; a protocol's list
	# is what none of its profiles shows
	[ "$1" = STS ] && return
	gone=$("${CHECK[@]}" absent "${MIBDIRS[@]}" "$T"/walks/*)
	if [ -z "${ABSENT[$1]+set}" ]; then ABSENT[$1]=$gone
	else ABSENT[$1]=$(comm -12 <(echo "${ABSENT[$1]}") <(echo "$gone")); fi
}

# nvagentd(8) lists them, ".BR object \" (JBUSP, VU-MAP)\"" under its own heading
documented() {   # documented PROTOCOL
	sed -n '/^\.SS "RFC 1628 objects without an instance"/,/^\.S[SH]/p' \
		"$NV_SRCDIR/man/nvagentd.8" |
		sed -n "s/^\.BR \(ups[A-Za-z]*\) \" (\(.*\))\"\$/\1 \2/p" |
		grep -w -- "$1" | cut -d' ' -f1 | LC_ALL=C sort
}

# Conditions read a status and a measurement: the poller reads measurements
# less often than status words, and a walk must see the state settled.
# The ratings the UPS reports (nvsim's profiles): upsConfigInputVoltage,
# InputFreq, OutputVoltage, OutputFreq, OutputVA, OutputPower; "-" none.
# JBUSP gives nominal voltages and frequencies (0x10E0) and kVA (0x1001),
# VU-MAP nominal kVA and kW (T005, T006) of the whole system.
declare -A RATING=(
	[jbusp-single-phase]="230 500 230 500 3000 -"
	[jbusp-three-phase]="230 500 230 500 60000 -"
	[jbusp-parallel]="230 500 230 500 80000 -"
	[vumap-single]="- - - - 60000 54000"
	[vumap-modular]="- - - - 100000 100000"
	[vumap-parallel]="- - - - 240000 216000"
	[vumap-modular-system]="- - - - 600000 600000"
)
ratings() {   # ratings — the six upsConfig values as served
	local n v out=""
	for n in 1 2 3 4 5 6; do
		v=$(nv_get "$UPSMIB.9.$n.0" 2>&1)
		[[ "$v" == *"No Such"* ]] && v=-
		out+="$v "
	done
	echo "${out% }"
}

SRC=$UPSMIB.4.1.0       # upsOutputSource: none(2) normal(3) bypass(4) battery(5)
BATT=$UPSMIB.2.1.0      # upsBatteryStatus: normal(2) low(3) depleted(4)
# (measurements from the SOCOMEC tree: a getter broken in the RFC tree
# then shows as a non-conforming value, not as a scenario never seen)
CHARGE=$SOCOMEC.1.2.4.0 VIN=$SOCOMEC.1.3.3.1.2.1 LOAD1=$SOCOMEC.1.4.4.1.4.1
below() { local v; v=$(nv_get "$1"); [ "${v:-999}" -lt "$2" ] 2>/dev/null; }
for p in jbusp-single-phase jbusp-three-phase jbusp-parallel vumap-single \
	vumap-modular vumap-parallel vumap-modular-system; do
	nv_start_stack "$p"
	nv_wait_for 30 is $SRC 3 || nv_fail "$p: not on inverter at start ($(nv_get $SRC))"
	walk_state "$p" steady
	[ "$(ratings)" = "${RATING[$p]}" ] ||
		PROBLEMS+="$p: upsConfig ratings $(ratings), the UPS reports ${RATING[$p]}"$'\n'
	scenario "$p" mains-fail "is $SRC 5 && is $VIN 0"
	scenario "$p" battery-low "is $BATT 3 && below $CHARGE 20"
	scenario "$p" battery-depleted "is $BATT 4 && is $CHARGE 0"    # 0 minutes left
	scenario "$p" mains-restore "is $SRC 3 && at_least $VIN 2000"
	scenario "$p" on-bypass "is $SRC 4"
	scenario "$p" clear "is $SRC 3 && below $LOAD1 100"
	scenario "$p" overload "at_least $LOAD1 105"
	case $p in jbusp-*) check_walks JBUSP ;; *) check_walks VU-MAP ;; esac
	nv_next_case
done

S1=$STSMIB.2.1.0 S2=$STSMIB.3.1.0 LOAD=$STSMIB.5.1.0
nv_start_nvsim sts
nv_start_snmpd
nv_write_conf > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_for 30 "is $S1 2 && is $S2 2" || nv_fail "sts: sources not OK at start"
walk_state sts steady
scenario sts source1-fail "! is $S1 2 && is $LOAD 3"
scenario sts source1-restore "is $S1 2 && is $LOAD 2"
scenario sts source2-fail "! is $S2 2"
scenario sts source2-restore "is $S2 2"
scenario sts transfer "is $LOAD 3"
scenario sts transfer "is $LOAD 2"
scenario sts overload "is $STSMIB.6.1.4.0 1"     # stsWellKnownAlarms overload
check_walks STS
for proto in JBUSP VU-MAP; do
	[ "${ABSENT[$proto]}" = "$(documented $proto)" ] || PROBLEMS+="RFC 1628 objects without an instance for $proto: $(echo ${ABSENT[$proto]}); nvagentd(8) lists: $(echo $(documented $proto))"$'\n'
done

[ -z "$PROBLEMS" ] || nv_fail "MIB conformance problems:"$'\n'"$PROBLEMS"
nv_log "$CHECKED varbinds in $N walks conform"
nv_pass
