#!/usr/bin/env bash
# A BMS finds the UPS with Who-Is (I-Am: our device instance, vendor 591),
# reads every object of the appendix — the Device object, 88 Analog Values,
# 10 Multi-state Values, 3 Bit String Values — with ReadProperty and ReadPropertyMultiple
# (same answers), sees the values the SNMP tree has after unit conversion,
# gets the standard errors, and receives a COV notification of the load
# status when the mains fail; on a parallel system UPS_* objects are the
# system and UNIT_* the unit data-unit chooses.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/gateways.sh"
nv_setup
gw_need_bacnet_client
UPSMIB=.1.3.6.1.2.1.33

BN_PORT=$(nv_free_port)
nv_start_stack jbusp-three-phase "bacnet { listen = \"127.0.0.1:$BN_PORT\"  device-instance = 1234 }"
for t in "0x1020 4" "0x1040 4" "0x1060 48"; do sim_pin 1 $t; done

assert_eq "Who-Is" "device 1234 vendor 591" "$(bacnet discover)"
# wait until the pinned registers reached the agent: SNMP and BACnet agree
charge() { bacnet read 2 70 85; }
nv_wait_for 10 "[ \"\$(charge)\" = \"\$(nv_get $UPSMIB.1.2.4.0)\" ]" ||
	nv_fail "BATTERY_% $(charge), upsEstimatedChargeRemaining $(nv_get $UPSMIB.1.2.4.0)"
bacnet dump > "$T/dump" || nv_fail "dump failed: $(tail -3 "$T/dump")"
assert_eq "objects" 102 "$(grep -c '^[0-9]*:[0-9]* ' "$T/dump")"
grep -q mismatch "$T/dump" && nv_fail "ReadPropertyMultiple differs: $(grep mismatch "$T/dump")"
line() { grep "^$1 " "$T/dump"; }
assert_eq "device" "8:1234 MASTERYS 3/3 UPS units=- value=undefined" "$(line 8:1234)"
assert_eq "AV 0" "2:0 UPS_OUTPUT_Lr units=98" "$(line 2:0 | cut -d' ' -f1-3)"
assert_eq "AV 21" "2:21 UPS_OUTPUT_fr units=27" "$(line 2:21 | cut -d' ' -f1-3)"
assert_eq "AV 71" "2:71 BATTERY_Ah units=261" "$(line 2:71 | cut -d' ' -f1-3)"
assert_eq "AV 87" "2:87 BYPASS_kW3 units=48" "$(line 2:87 | cut -d' ' -f1-3)"
assert_eq "AV U12 not available" "2:18 UPS_OUTPUT_U12 units=5 value=-1" "$(line 2:18)"
assert_eq "MV 1" "19:1 UPSLoadStatus units=- value=3" "$(line 19:1)"
assert_eq "MV 9" "19:9 InputBypStatus units=- value=4" "$(line 19:9)"
assert_eq "BSV 2" "39:2 UnitAlarms units=- value=bits:0000000000000000000000000000000" "$(line 39:2)"
# values as the SNMP tree has them, after unit conversion (0.1 Hz -> Hz)
hz=$(nv_get $UPSMIB.1.4.2.0)
assert_eq "output frequency" "2:21 UPS_OUTPUT_fr units=27 value=$(awk "BEGIN { print $hz / 10 }")" "$(line 2:21)"
assert_eq "output load" "2:0 UPS_OUTPUT_Lr units=98 value=$(nv_get $UPSMIB.1.4.4.1.5.1)" "$(line 2:0)"
assert_eq "minutes" "2:72 BATTERY_Min units=72 value=$(nv_get $UPSMIB.1.2.3.0)" "$(line 2:72)"
# errors: unknown object, unknown property, no write
# (class object 1 / property 2; codes unknown-object 31, unknown-property
# 32, write-access-denied 40, property-is-not-an-array 50)
assert_eq "unknown object" "error 1 31" "$(bacnet read 2 88 85)"
assert_eq "unknown property" "error 2 32" "$(bacnet read 2 0 4242)"
assert_eq "write" "error 2 40" "$(bacnet write 2 0 85)"

# COV of UPSLoadStatus: on inverter (3), then on battery (2) at a mains failure
nv_bg "$T/cov.out" env NODE_PATH="$BN_NODE_PATH" node "$NV_SRCDIR/tests/lib/bacnet_client.js" \
	"$BN_PORT" cov 1 60
cov=$NV_LAST_PID
nv_wait_for 10 "grep -q '^cov 3' '$T/cov.out'" || nv_fail "no initial COV notification: $(cat "$T/cov.out")"
nv_simctl release 0x1020 >/dev/null; nv_simctl release 0x1021 >/dev/null
nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim: scenario mains-fail"
nv_wait_for 20 "grep -q '^cov 2' '$T/cov.out'" ||
	nv_fail "no COV notification of on-battery: $(cat "$T/cov.out")"
kill "$cov"
nv_unchecked "$cov"
nv_next_case

# a parallel system: UPS_* objects are the system (the sum of the units'
# currents), UNIT_* the unit chosen by data-unit, as the UPS-MIB shows it
BN_PORT=$(nv_free_port)
nv_start_stack vumap-parallel "data-unit = 2" \
	"bacnet { listen = \"127.0.0.1:$BN_PORT\"  device-instance = 9 }"
for u in 1 2 3; do sim_pin "$u" 0x0040 80; done
[ "$(nv_simctl get T014)" = 1 ] && scale=1 || scale=10     # register unit in 0.1 A
amps() { awk "BEGIN { print $1 / 10 }"; }
unit_i1() { amps "$(nv_get $UPSMIB.1.4.4.1.3.1)"; }
nv_wait_for 10 "[ \"\$(bacnet read 2 32 85)\" = \"\$(unit_i1)\" ]" ||
	nv_fail "UNIT_OUTPUT_I1 $(bacnet read 2 32 85), upsOutputCurrent.1 (data-unit 2) $(nv_get $UPSMIB.1.4.4.1.3.1)"
sum=$(( ($(nv_simctl get 1:M006) + $(nv_simctl get 2:M006) + $(nv_simctl get 3:M006)) * scale ))
assert_eq "UPS_OUTPUT_I1 is the system's" "$(amps "$sum")" "$(bacnet read 2 6 85)"
nv_pass
