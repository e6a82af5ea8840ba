#!/usr/bin/env bash
# One nvagentd serves two UPSs and an STS, each on its own nvsim line:
# every device's trees answer in the SNMP context named after it (SNMPv3
# -n NAME, and a v2c community snmpd maps to the context), the first
# device also in the default context; the STS context serves the STS MIB
# only; nvctl devices lists the three and nvctl -d reads each one; each
# device keeps its logs in state-dir/NAME; NUT's snmp-ups, pointed at the
# B feed through its community, reads the B feed's battery charge.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/doors.sh"
nv_setup
. "$NV_SRCDIR/tests/lib/devices.sh"

nv_start_two_ups_and_sts
mapfile -t ctxlines < <(nv_context_lines ups-a ups-b sts-1)
nv_start_snmpd "${ctxlines[@]}"
nv_devices_conf ups-a ups-b sts-1 > "$T/nvagent.conf"
"$NVAGENTD" --check-config -c "$T/nvagent.conf" >/dev/null || nv_fail "config refused"
nv_start_nvagentd "$T/nvagent.conf"

# each context reads its own device; the default one the first device
nv_wait_for 30 "[ \"\$(nv_getn ups-b $SOCOMEC.1.2.4.0)\" = 62 ]" ||
	nv_fail "context ups-b: battery $(nv_getn ups-b $SOCOMEC.1.2.4.0)"
nv_wait_for 10 "[ \"\$(nv_getn ups-a $SOCOMEC.1.2.4.0)\" = 81 ]" ||
	nv_fail "context ups-a: battery $(nv_getn ups-a $SOCOMEC.1.2.4.0)"
assert_eq "default context = the first device" 81 "$(nv_get $SOCOMEC.1.2.4.0)"
assert_eq "community public-ups-b" 62 "$(snmpget -v2c -c public-ups-b -Oqv -t 1 -r 1 \
	127.0.0.1:$SNMPD_PORT $SOCOMEC.1.2.4.0)"
assert_eq "RFC 1628 in context ups-b" 62 "$(nv_getn ups-b $UPSMIB.2.4.0)"
nv_wait_for 30 "[ \"\$(nv_getn sts-1 $STSMIB.2.1.0)\" = 2 ]" ||
	nv_fail "context sts-1: stsSource1Status $(nv_getn sts-1 $STSMIB.2.1.0)"
nv_getn sts-1 $SOCOMEC.1.2.4.0 | grep -q 'No Such Object' ||
	nv_fail "the STS context answers the UPS MIB: $(nv_getn sts-1 $SOCOMEC.1.2.4.0)"
nv_get $STSMIB.2.1.0 | grep -q 'No Such Object' ||
	nv_fail "the default context (ups-a) answers the STS MIB"

# a change on one device shows in its context only
nv_devsim ups-b set M04 55 >/dev/null
nv_wait_for 10 "[ \"\$(nv_getn ups-b $SOCOMEC.1.2.4.0)\" = 55 ]" || nv_fail "ups-b did not follow"
assert_eq "ups-a unchanged" 81 "$(nv_getn ups-a $SOCOMEC.1.2.4.0)"

# nvctl
list=$("$NVCTL" -s "$T/nvagent.sock" devices) || nv_fail "nvctl devices failed"
assert_eq "nvctl devices names" "ups-a ups-b sts-1" "$(echo "$list" | awk 'NR > 1 { printf "%s%s", s, $1; s = " " }')"
[ "$(echo "$list" | awk 'NR > 1 && $3 == "ok"' | wc -l)" = 3 ] || nv_fail "not all ok: $list"
"$NVCTL" -s "$T/nvagent.sock" --json devices | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert [x["name"] for x in d] == ["ups-a", "ups-b", "sts-1"], d
' || nv_fail "nvctl --json devices"
"$NVCTL" -s "$T/nvagent.sock" -d ups-b --json status | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert "55" in json.dumps(s), "battery 55 % not in ups-b status"
' || nv_fail "nvctl -d ups-b status is not the B feed"
out=$("$NVCTL" -s "$T/nvagent.sock" -d nope status 2>&1) && nv_fail "nvctl -d nope succeeded"
echo "$out" | grep -q "no device 'nope'" || nv_fail "nvctl -d nope: $out"

# per-device logs
for d in ups-a ups-b sts-1; do
	[ -f "$T/state/$d/agent-events.ring" ] || nv_fail "no logs in state/$d"
done
"$NVCTL" -s "$T/nvagent.sock" -d sts-1 log show agent-events | grep -q "Agent started" ||
	nv_fail "sts-1 agent log"

# NUT's snmp-ups on the B feed through its community ("-d 1": one dump)
SNMPUPS=${SNMPUPS:-/usr/lib/nut/snmp-ups}
if [ -x "$SNMPUPS" ]; then
	mkdir -m 700 "$T/nut"
	NUT_USER=(); [ "$(id -u)" = 0 ] && NUT_USER=(-u root)
	dump=$(NUT_STATEPATH="$T/nut" NUT_CONFPATH="$T/nut" timeout 30 "$SNMPUPS" -s nvtest \
		-x port="127.0.0.1:$SNMPD_PORT" -x mibs=ietf -x snmp_version=v2c \
		-x community=public-ups-b -x pollfreq=1 "${NUT_USER[@]}" -d 1 2>>"$T/nut.log")
	assert_eq "NUT snmp-ups battery.charge of ups-b" 55 "$(sed -n 's/^battery.charge: //p' <<<"$dump")"
else
	nv_log "NUT snmp-ups not installed (nut-snmp): its part is not run"
fi
nv_pass
