#!/bin/bash
# Each profile answers its own blocks; parallel units answer at
# consecutive slave ids and nothing answers past the last unit.
. "$NV_SRCDIR/tests/lib/common.sh"
MBC=$NV_BUILDDIR/tests/sim/mbclient
[ -x "$MBC" ] || nv_skip "tests/sim/mbclient is not built"
mb() { "$MBC" -t 300 "$@"; }
nwords() { local v; v=($(mb "$@")) || return 1; echo "${#v[@]}"; }

nv_setup
nv_start_nvsim sts
for blk in 0x0100:10 0x0116:10 0x0120:16 0x0140:4 0x0148:2 0x0220:64; do
	assert_eq "sts block $blk" "${blk#*:}" "$(nwords "$NVSIM_PTY" "${blk%:*}" "${blk#*:}")"
done
mb "$NVSIM_PTY" 0x1000 12 >/dev/null 2>&1 && nv_fail "sts answers the JBUSP identity"
assert_eq "S1 voltage" 230 "$(mb "$NVSIM_PTY" 0x0220 1)"
assert_eq "source1-fail" OK "$(nv_simctl scenario source1-fail)"
assert_eq "S1 voltage" 0 "$(mb "$NVSIM_PTY" 0x0220 1)"
st=$(mb "$NVSIM_PTY" 0x0140 2)
set -- $st
assert_eq "S1 absent (0x0140 b3)" 1 $(( ($1 >> 3) & 1 ))
assert_eq "load on alternate (0x0141 b2)" 1 $(( ($2 >> 2) & 1 ))
nv_simctl scenario battery-low >/dev/null && nv_fail "sts accepted battery-low"

nv_start_nvsim jbusp-parallel
s1=$(mb -a 1 "$NVSIM_PTY" 0x1003 5) || nv_fail "unit 1 silent"
s2=$(mb -a 2 "$NVSIM_PTY" 0x1003 5) || nv_fail "unit 2 silent"
[ "$s1" != "$s2" ] || nv_fail "units 1 and 2 share serial $s1"
mb -a 3 "$NVSIM_PTY" 0x1000 1 >/dev/null 2>&1 && nv_fail "slave 3 answered (2 units)"
assert_eq "set 2:M04" OK "$(nv_simctl set 2:M04 50)"
assert_eq "unit 2 M04" 50 "$(mb -a 2 "$NVSIM_PTY" 0x1064 1)"
assert_eq "unit 1 M04" 100 "$(mb -a 1 "$NVSIM_PTY" 0x1064 1)"
st=$(mb -a 1 "$NVSIM_PTY" 0x1021 2)
set -- $st
assert_eq "S30 parallel" 1 $(( ($1 >> 14) & 1 ))
assert_eq "S32 S33 units present" 3 $(( $2 & 0x3F ))

nv_start_nvsim vumap-parallel --slave 5 --units 4
for u in 1 2 3 4; do
	assert_eq "vumap unit $u T004" "$u" "$(mb -a $((4 + u)) "$NVSIM_PTY" 0x0004 1)"
done
mb -a 9 "$NVSIM_PTY" 0x0001 1 >/dev/null 2>&1 && nv_fail "slave 9 answered (units 5..8)"
mb -a 1 "$NVSIM_PTY" 0x0001 1 >/dev/null 2>&1 && nv_fail "slave 1 answered (base 5)"
assert_eq "T001 parallel" 1537 "$(mb -a 5 "$NVSIM_PTY" 0x0001 1)"

nv_start_nvsim vumap-modular
assert_eq "T001 modular" 2049 "$(mb "$NVSIM_PTY" 0x0001 1)"
assert_eq "T002 modules" 4 "$(mb "$NVSIM_PTY" 0x0002 1)"
assert_eq "T014 no factor" 0 "$(mb "$NVSIM_PTY" 0x000E 1)"
assert_eq "ASCII area" 35 "$(nwords "$NVSIM_PTY" 0x0001 35)"
assert_eq "measurements" 80 "$(nwords "$NVSIM_PTY" 0x0040 80)"

nv_start_nvsim vumap-modular-system --units 3
assert_eq "T001 modular system" 1544 "$(mb -a 3 "$NVSIM_PTY" 0x0001 1)"
assert_eq "unit 3 T002 modules" 6 "$(mb -a 3 "$NVSIM_PTY" 0x0002 1)"
mb -a 4 "$NVSIM_PTY" 0x0001 1 >/dev/null 2>&1 && nv_fail "slave 4 answered (3 units)"

nv_start_nvsim jbusp-single-phase
assert_eq "NETYS PR type" 35 "$(mb "$NVSIM_PTY" 0x1000 1)"
assert_eq "no phase 2 load" 65535 "$(mb "$NVSIM_PTY" 0x1061 1)"
assert_eq "date/time words" 4 "$(nwords "$NVSIM_PTY" 0x1360 4)"
nv_pass
