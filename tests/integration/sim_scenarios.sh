#!/bin/bash
# Scenarios change the bits and measurements the manual names, and the
# battery discharges over (scaled) time.
. "$NV_SRCDIR/tests/lib/common.sh"
MBC=$NV_BUILDDIR/tests/sim/mbclient
[ -x "$MBC" ] || nv_skip "tests/sim/mbclient is not built"
mb() { "$MBC" -t 500 "$@"; }
# bit WORD N — bit N of a status/alarm word
bit() { echo $(( ($1 >> $2) & 1 )); }
# sbit BASE N — bit N of the bit table at BASE, read over Modbus
sbit() { bit "$(mb "$NVSIM_PTY" $(( $1 + $2 / 16 )) 1)" $(( $2 % 16 )); }

nv_setup
nv_start_nvsim jbusp-three-phase --time-scale 60
assert_eq "S00 normal" 1 "$(sbit 0x1020 0)"
assert_eq "S05 normal" 0 "$(sbit 0x1020 5)"
assert_eq "input voltages" "230 232 228" "$(mb "$NVSIM_PTY" 0x1081 3)"

assert_eq "mains-fail" OK "$(nv_simctl scenario mains-fail)"
assert_eq "S05 on battery" 1 "$(sbit 0x1020 5)"
assert_eq "S00 input present" 0 "$(sbit 0x1020 0)"
assert_eq "input voltages" "0 0 0" "$(mb "$NVSIM_PTY" 0x1081 3)"
assert_eq "input frequency M43" 0 "$(mb "$NVSIM_PTY" 0x108B 1)"
assert_eq "output still on M09" 230 "$(mb "$NVSIM_PTY" 0x1069 1)"
cap0=$(mb "$NVSIM_PTY" 0x1064 1)
min0=$(mb "$NVSIM_PTY" 0x1077 1)
nv_wait_for 10 '[ "$(mb "$NVSIM_PTY" 0x1064 1)" -lt "$cap0" ]' ||
	nv_fail "battery capacity stays at $cap0 %"
nv_wait_for 10 '[ "$(mb "$NVSIM_PTY" 0x1077 1)" -lt "$min0" ]' ||
	nv_fail "remaining time stays at $min0 min"
# battery-low: still on battery, charge just under the low threshold
assert_eq "S15 not yet" 0 "$(sbit 0x1020 15)"
assert_eq "battery-low" OK "$(nv_simctl scenario battery-low)"
assert_eq "S15 battery low" 1 "$(sbit 0x1020 15)"

assert_eq "mains-restore" OK "$(nv_simctl scenario mains-restore)"
assert_eq "S05 cleared" 0 "$(sbit 0x1020 5)"
assert_eq "S00 back" 1 "$(sbit 0x1020 0)"
assert_eq "S27 charging" 1 "$(sbit 0x1020 27)"
assert_eq "S15 cleared" 0 "$(sbit 0x1020 15)"
assert_eq "input voltages back" "230 232 228" "$(mb "$NVSIM_PTY" 0x1081 3)"

assert_eq "overload" OK "$(nv_simctl scenario overload)"
assert_eq "A02 overload" 1 "$(sbit 0x1040 2)"
assert_eq "M03 load" 110 "$(mb "$NVSIM_PTY" 0x1063 1)"
assert_eq "on-bypass" OK "$(nv_simctl scenario on-bypass)"
assert_eq "S04 on bypass" 1 "$(sbit 0x1020 4)"
assert_eq "S03 on inverter" 0 "$(sbit 0x1020 3)"
assert_eq "general-alarm" OK "$(nv_simctl scenario general-alarm)"
assert_eq "A00 general alarm" 1 "$(sbit 0x1040 0)"
assert_eq "clear" OK "$(nv_simctl scenario clear)"
assert_eq "A00 cleared" 0 "$(sbit 0x1040 0)"
assert_eq "A02 cleared" 0 "$(sbit 0x1040 2)"
assert_eq "S03 back" 1 "$(sbit 0x1020 3)"
assert_eq "capacity full" 100 "$(mb "$NVSIM_PTY" 0x1064 1)"

# discharge to the end: discharged, imminent stop, then the load is off
nv_start_nvsim jbusp-three-phase --time-scale 3000
assert_eq "mains-fail" OK "$(nv_simctl scenario mains-fail)"
nv_wait_for 10 '[ "$(sbit 0x1020 16)" = 1 ]' || nv_fail "S16 discharged never set"
assert_eq "A49 discharged" 1 "$(sbit 0x1040 49)"
assert_eq "A31 imminent stop" 1 "$(sbit 0x1040 31)"
assert_eq "load off: S03" 0 "$(sbit 0x1020 3)"
assert_eq "load off: output voltage" 0 "$(mb "$NVSIM_PTY" 0x1069 1)"

# battery-depleted: that end state at once, from a full battery
nv_start_nvsim jbusp-three-phase
assert_eq "battery-depleted" OK "$(nv_simctl scenario battery-depleted)"
assert_eq "S16 discharged" 1 "$(sbit 0x1020 16)"
assert_eq "capacity M04" 0 "$(mb "$NVSIM_PTY" 0x1064 1)"
assert_eq "remaining time M23" 0 "$(mb "$NVSIM_PTY" 0x1077 1)"
assert_eq "depleted: load off, S03" 0 "$(sbit 0x1020 3)"

# VU-MAP: on battery is A019 with S000 still set; time on battery grows
nv_start_nvsim vumap-single --time-scale 60
assert_eq "mains-fail" OK "$(nv_simctl scenario mains-fail)"
assert_eq "A019 on battery" 1 "$(sbit 0x0038 19)"
assert_eq "S000 on inverter" 1 "$(sbit 0x0030 0)"
assert_eq "S048 input present" 0 "$(sbit 0x0030 48)"
nv_wait_for 10 '[ "$(mb "$NVSIM_PTY" 0x0059 1)" -gt 0 ]' || nv_fail "M025 stays 0"
# at --time-scale 60 the seconds move between two reads: retry until one
# pair of reads lands in the same tick (a name mapped to another word never does)
nv_wait_for 5 '[ "$(nv_simctl get M025)" = "$(nv_simctl get 0x0059)" ]' ||
	nv_fail "get M025 ($(nv_simctl get M025)) is not the word at 0x0059 ($(nv_simctl get 0x0059))"
assert_eq "mains-restore" OK "$(nv_simctl scenario mains-restore)"
assert_eq "A019 cleared" 0 "$(sbit 0x0038 19)"
assert_eq "S036 charging" 1 "$(sbit 0x0030 36)"
nv_pass
