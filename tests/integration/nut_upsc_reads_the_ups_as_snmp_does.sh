#!/usr/bin/env bash
# NUT's upsc (and PyNUT) list the UPS from nvagentd's NUT server: every
# variable has a name of NUT's dictionary and the value SNMP reads from the
# same simulated UPS (RFC 1628 units converted to NUT's: V, A, Hz, s);
# ups.status follows mains failure (OB DISCHRG, then LB).  While the
# serial link is lost every value is DATA-STALE (upsc: "Data stale"),
# never a stale value; the values come back with the link.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/gateways.sh"
. "$NV_SRCDIR/tests/lib/nut.sh"
nv_setup
nut_start jbusp-three-phase
for t in "0x1020 4" "0x1040 4" "0x1060 48"; do sim_pin 1 $t; done

R=.1.3.6.1.2.1.33.1
# var NAME — upsc's value; snmp OID — the agent's
var() { nut_upsc "$1"; }
# x10 "230.5" -> 2305 (RFC 1628's 0.1 units)
x10() { awk -v v="$1" 'BEGIN { printf "%d", v * 10 + (v < 0 ? -0.5 : 0.5) }'; }
# "NAME|NUT value|SNMP value", one line, for every mapped variable
pairs() {
	echo "ups.mfr|$(var ups.mfr)|$(nv_get $R.1.1.0 | tr -d '"')"
	echo "ups.model|$(var ups.model)|$(nv_get $R.1.2.0 | tr -d '"')"
	echo "battery.charge|$(var battery.charge)|$(nv_get $R.2.4.0)"
	echo "battery.runtime|$(var battery.runtime)|$(( $(nv_get $R.2.3.0) * 60 ))"
	echo "battery.voltage|$(x10 "$(var battery.voltage)")|$(nv_get $R.2.5.0)"
	echo "input.phases|$(var input.phases)|$(nv_get $R.3.2.0)"
	echo "input.frequency|$(x10 "$(var input.frequency)")|$(nv_get $R.3.3.1.2.1)"
	echo "output.phases|$(var output.phases)|$(nv_get $R.4.3.0)"
	echo "output.frequency|$(x10 "$(var output.frequency)")|$(nv_get $R.4.2.0)"
	echo "output.voltage.nominal|$(var output.voltage.nominal)|$(nv_get $R.9.3.0)"
	echo "input.voltage.nominal|$(var input.voltage.nominal)|$(nv_get $R.9.1.0)"
	echo "ups.power.nominal|$(var ups.power.nominal)|$(nv_get $R.9.5.0)"
	for p in 1 2 3; do
		echo "input.L$p-N.voltage|$(( $(x10 "$(var input.L$p-N.voltage)") / 10 ))|$(nv_get $R.3.3.1.3.$p)"
		echo "input.L$p.current|$(x10 "$(var input.L$p.current)")|$(nv_get $R.3.3.1.4.$p)"
		echo "output.L$p-N.voltage|$(( $(x10 "$(var output.L$p-N.voltage)") / 10 ))|$(nv_get $R.4.4.1.2.$p)"
		echo "output.L$p.current|$(x10 "$(var output.L$p.current)")|$(nv_get $R.4.4.1.3.$p)"
		echo "output.L$p.power.percent|$(var output.L$p.power.percent)|$(nv_get $R.4.4.1.5.$p)"
		echo "input.bypass.L$p-N.voltage|$(( $(x10 "$(var input.bypass.L$p-N.voltage)") / 10 ))|$(nv_get $R.5.3.1.2.$p)"
	done
}
mismatches() { pairs | awk -F'|' '$2 != $3 { print $1 ": NUT " $2 ", SNMP " $3 }'; }
nv_wait_for 20 '[ -z "$(mismatches)" ]' || nv_fail "NUT and SNMP differ: $(mismatches | tr '\n' ';')"

# every name is NUT's: its variable table, or the per-phase and bypass
# names of its dictionary (docs/nut-names.txt)
nut_upsc > "$T/upsc.txt" || nv_fail "upsc failed: $(cat "$T/upsc.txt")"
[ "$(wc -l < "$T/upsc.txt")" -ge 40 ] || nv_fail "upsc lists only $(wc -l < "$T/upsc.txt") variables"
awk '$1 == "VARDESC" { print $2 }' /usr/share/nut/cmdvartab > "$T/known"
while IFS=: read -r name _; do
	grep -qxF "$name" "$T/known" && continue
	[[ $name =~ ^(input|output|input\.bypass)\.L[1-3](-N)?\.(voltage|current|power\.percent|power|realpower)$ ||
	   $name =~ ^(input|output)\.phases$ || $name =~ ^input\.bypass\.(voltage|current|frequency)$ ||
	   $name =~ ^device\.(mfr|model|serial|type)$ ]] || nv_fail "'$name' is not a name of NUT's dictionary"
done < "$T/upsc.txt"
assert_eq "ups.status on mains" "OL" "$(var ups.status)"
assert_eq "device.type" "ups" "$(var device.type)"
assert_eq "UPS description" "UPS of the test room" "$(nut_quiet upsc -l 127.0.0.1:$NUT_PORT >/dev/null; nut_raw 'GET UPSDESC ups' | sed 's/^UPSDESC ups "\(.*\)"$/\1/')"
assert_eq "upsc -l" "ups" "$(nut_quiet upsc -l "127.0.0.1:$NUT_PORT")"

# PyNUT, the Python client, reads the same list
if /usr/bin/python3 -c 'import PyNUT' 2>/dev/null; then
	/usr/bin/python3 - "$NUT_PORT" > "$T/pynut.txt" <<'PY' || nv_fail "PyNUT failed: $(cat "$T/pynut.txt")"
import sys, PyNUT
c = PyNUT.PyNUTClient(host="127.0.0.1", port=int(sys.argv[1]))
for k, v in sorted(c.GetUPSVars("ups").items()):
    print("%s: %s" % (k.decode() if isinstance(k, bytes) else k, v.decode() if isinstance(v, bytes) else v))
PY
	assert_eq "PyNUT's list" "$(LC_ALL=C sort "$T/upsc.txt")" "$(LC_ALL=C sort "$T/pynut.txt")"
else
	nv_fail "python3-nut is not installed (scripts/setup-deps.sh)"
fi

# mains failure: on battery, discharging; then low battery
for t in "0x1020 4" "0x1040 4" "0x1060 48"; do sim_unpin 1 $t; done
nv_simctl scenario mains-fail >/dev/null
nv_wait_for 20 '[ "$(var ups.status)" = "OB DISCHRG" ]' || nv_fail "on battery: ups.status '$(var ups.status)'"
nv_simctl scenario battery-low >/dev/null
nv_wait_for 20 'var ups.status | grep -qw LB' || nv_fail "battery low: ups.status '$(var ups.status)'"
nv_simctl scenario mains-restore >/dev/null
nv_wait_for 20 'var ups.status | grep -qx "OL\( CHRG\)\{0,1\}"' || nv_fail "mains back: ups.status '$(var ups.status)'"

# the link lost: DATA-STALE for every value, never the last one read
nv_simctl fault no-response on >/dev/null
nv_wait_for 30 'var ups.status | grep -q "Data stale"' || nv_fail "link lost: upsc shows '$(var ups.status)'"
nut_upsc > "$T/stale.txt"
grep -q 'Data stale' "$T/stale.txt" || nv_fail "link lost: upsc lists $(head -3 "$T/stale.txt")"
assert_eq "GET VAR while stale" "ERR DATA-STALE" "$(nut_raw 'GET VAR ups battery.charge')"
assert_eq "LIST VAR while stale" "ERR DATA-STALE" "$(nut_raw 'LIST VAR ups')"
nv_simctl fault no-response off >/dev/null
nv_wait_for 30 '[ "$(var battery.charge)" -ge 0 ] 2>/dev/null' || nv_fail "link back: '$(var battery.charge)'"
nv_pass
