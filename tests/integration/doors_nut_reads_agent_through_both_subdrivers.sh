#!/usr/bin/env bash
# NUT's snmp-ups driver (package nut-snmp) reads the agent through its
# RFC 1628 subdriver (mibs=ietf) and its Net Vision one (mibs=netvision):
# battery.charge, battery.runtime, input.voltage, output.voltage, ups.load
# equal the SOCOMEC tree's values after unit conversion, and ups.status
# goes OL -> OB -> LB as the simulator loses mains and runs the battery low.
# On a three-phase UPS every frequency NUT shows, per input line too
# (input.L1..L3.frequency through the RFC 1628 table), is the UPS's.
# The driver runs unprivileged-style: private NUT_STATEPATH / NUT_CONFPATH
# in the temp dir, "-d 1" dumps what it read and exits (no upsd needed).
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/doors.sh"
SNMPUPS=${SNMPUPS:-/usr/lib/nut/snmp-ups}
[ -x "$SNMPUPS" ] || nv_skip "NUT snmp-ups driver not installed (Debian package nut-snmp)"
nv_setup
nv_start_stack jbusp-single-phase
doors_need_registration "UPS-MIB" "$UPSMIB.1.1.0"
mkdir -m 700 "$T/nut"
# as root NUT drops to its build-time user unless told otherwise
NUT_USER=(); [ "$(id -u)" = 0 ] && NUT_USER=(-u root)

nut_dump() {   # nut_dump MIBS — NUT's variables, "name: value" lines
	NUT_STATEPATH="$T/nut" NUT_CONFPATH="$T/nut" timeout 30 "$SNMPUPS" -s nvtest \
		-x port="127.0.0.1:$SNMPD_PORT" -x mibs="$1" -x snmp_version=v2c \
		-x community=public -x pollfreq=1 "${NUT_USER[@]}" -d 1 2>>"$T/nut.log"
}

nut_var() { sed -n "s/^$2: //p" <<<"$1"; }

# nut_values_match MIBS — the figures NUT shows equal the SOCOMEC tree's
nut_values_match() {
	local d bad="" want got
	d=$(nut_dump "$1")
	want=$(nv_get $SOCOMEC.1.2.4.0); got=$(nut_var "$d" battery.charge)
	[ "$want" = "$got" ] || bad="$bad battery.charge=$got(want $want)"
	want=$(( $(nv_get $SOCOMEC.1.2.3.0) * 60 )); got=$(nut_var "$d" battery.runtime)
	[ "$want" = "$got" ] || bad="$bad battery.runtime=$got(want $want)"
	want=$(doors_round10 "$(nv_get $SOCOMEC.1.3.3.1.2.1)"); got=$(nut_var "$d" input.voltage)
	[ "$want" = "$(printf '%.0f' "${got:-x}" 2>/dev/null)" ] || bad="$bad input.voltage=$got(want $want)"
	want=$(doors_round10 "$(nv_get $SOCOMEC.1.4.4.1.2.1)"); got=$(nut_var "$d" output.voltage)
	[ "$want" = "$(printf '%.0f' "${got:-x}" 2>/dev/null)" ] || bad="$bad output.voltage=$got(want $want)"
	want=$(nv_get $SOCOMEC.1.4.4.1.4.1); got=$(nut_var "$d" ups.load)
	[ "$want" = "$got" ] || bad="$bad ups.load=$got(want $want)"
	[ -z "$bad" ] || { echo "$1:$bad"; return 1; }
}

nut_status_is() {   # nut_status_is MIBS WORD [NOT-WORD]
	local s
	s=" $(nut_var "$(nut_dump "$1")" ups.status) "
	[[ "$s" == *" $2 "* ]] && { [ -z "${3:-}" ] || [[ "$s" != *" $3 "* ]]; }
}

for m in ietf netvision; do
	nv_wait_for 30 nut_values_match "$m" || nv_fail "NUT $(nut_values_match "$m")"
	nv_wait_for 20 nut_status_is "$m" OL OB ||
		nv_fail "NUT $m: ups.status not OL: $(nut_var "$(nut_dump "$m")" ups.status)"
done

nv_simctl scenario mains-fail >/dev/null
for m in ietf netvision; do
	nv_wait_for 20 nut_status_is "$m" OB OL ||
		nv_fail "NUT $m: ups.status not OB on mains failure: $(nut_var "$(nut_dump "$m")" ups.status)"
	nv_wait_for 30 nut_values_match "$m" || nv_fail "NUT on battery $(nut_values_match "$m")"
done

nv_simctl scenario battery-low >/dev/null
for m in ietf netvision; do
	nv_wait_for 20 nut_status_is "$m" LB ||
		nv_fail "NUT $m: no LB at low battery: $(nut_var "$(nut_dump "$m")" ups.status)"
done

nv_simctl scenario mains-restore >/dev/null
for m in ietf netvision; do
	nv_wait_for 30 nut_status_is "$m" OL OB ||
		nv_fail "NUT $m: ups.status not back to OL: $(nut_var "$(nut_dump "$m")" ups.status)"
done

# nut_freqs_match MIBS "NUT-VARIABLE SOCOMEC-OID"... — Hz as NUT shows it
# equals the SOCOMEC tree's 0.1 Hz
nut_freqs_match() {
	local d pair var oid want got bad=""
	d=$(nut_dump "$1"); shift
	for pair in "$@"; do
		read -r var oid <<<"$pair"
		want=$(nv_get "$oid"); got=$(nut_var "$d" "$var")
		[ -n "$got" ] && [ "$(awk -v g="$got" 'BEGIN { printf "%d", g * 10 + 0.5 }')" = "$want" ] ||
			bad="$bad $var=${got:-none}(want $want/10)"
	done
	[ -z "$bad" ] || { echo "$bad"; return 1; }
}
nv_next_case
nv_start_stack jbusp-three-phase
mkdir -m 700 "$T/nut"
FIN=$SOCOMEC.1.3.2.0 FOUT=$SOCOMEC.1.4.2.0 FBYP=$SOCOMEC.1.5.1.0
ietf_f=("input.L1.frequency $FIN" "input.L2.frequency $FIN" "input.L3.frequency $FIN"
	"output.frequency $FOUT")
nv_wait_for 30 "nut_freqs_match ietf $(printf '%q ' "${ietf_f[@]}")" ||
	nv_fail "NUT ietf, three-phase:$(nut_freqs_match ietf "${ietf_f[@]}")"
nv_f=("input.frequency $FIN" "output.frequency $FOUT" "input.bypass.frequency $FBYP")
nv_wait_for 30 "nut_freqs_match netvision $(printf '%q ' "${nv_f[@]}")" ||
	nv_fail "NUT netvision, three-phase:$(nut_freqs_match netvision "${nv_f[@]}")"
nv_pass
