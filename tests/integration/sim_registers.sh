#!/bin/bash
# nvsim serves its register map: a value set on the control socket is what
# a Modbus master reads; unmapped blocks answer exception 2; writes land in
# the write log only inside the control area.
. "$NV_SRCDIR/tests/lib/common.sh"
MBC=$NV_BUILDDIR/tests/sim/mbclient
[ -x "$MBC" ] || nv_skip "tests/sim/mbclient is not built"
mb() { "$MBC" -t 500 "$@"; }

nv_setup
nv_start_nvsim jbusp-three-phase

# set M04 95: the master reads 95 at 0x1064, with both read functions
assert_eq "set" OK "$(nv_simctl set M04 95)"
assert_eq "fc03 0x1064" 95 "$(mb "$NVSIM_PTY" 0x1064 1)"
assert_eq "fc04 0x1064" 95 "$(mb -f 4 "$NVSIM_PTY" 0x1064 1)"
if command -v mbpoll >/dev/null; then
	# an independent master (1-based reference 4197 = 0x1064)
	mbpoll -m rtu -b 9600 -P none -a 1 -r 4197 -c 1 -1 "$NVSIM_PTY" |
		grep -q '^\[4197\]:[[:space:]]*95$' || nv_fail "mbpoll does not read 95"
fi

# get returns what Modbus returns, for words and bits
block=($(mb "$NVSIM_PTY" 0x1060 48)) || nv_fail "read of 0x1060 x48 failed"
assert_eq "words in 0x1060" 48 "${#block[@]}"
assert_eq "get M09" "${block[9]}" "$(nv_simctl get M09)"
assert_eq "get M33" "${block[33]}" "$(nv_simctl get M33)"
status=$(mb "$NVSIM_PTY" 0x1020 1)
assert_eq "get S03" $(( (status >> 3) & 1 )) "$(nv_simctl get S03)"
assert_eq "identity type code" 257 "$(mb "$NVSIM_PTY" 0x1000 1)"

# the pinned value stays through physics changes until release
assert_eq "overload" OK "$(nv_simctl scenario overload)"
assert_eq "load follows the scenario" 110 "$(mb "$NVSIM_PTY" 0x1063 1)"
assert_eq "still pinned" 95 "$(mb "$NVSIM_PTY" 0x1064 1)"
assert_eq "release" OK "$(nv_simctl release M04)"
assert_eq "released" 100 "$(mb "$NVSIM_PTY" 0x1064 1)"

# unmapped: exception 2 (libmodbus: "Illegal data address")
out=$(mb "$NVSIM_PTY" 0x2000 4 2>&1) && nv_fail "read of 0x2000 succeeded"
echo "$out" | grep -q "Illegal data address" || nv_fail "0x2000: $out"
out=$(mb "$NVSIM_PTY" 0x1060 49 2>&1) && nv_fail "read past 0x108F succeeded"
echo "$out" | grep -q "Illegal data address" || nv_fail "0x1060 x49: $out"

# writes: accepted in the control area and logged with what the UPS did
# (eco mode, a delayed off-then-restart order here), refused elsewhere
assert_eq "write 0x15B0" OK "$(mb -w "$NVSIM_PTY" 0x15B0 3)"
assert_eq "write 0x1580 x5" OK "$(mb -w "$NVSIM_PTY" 0x1580 0 30 0 1 4)"
out=$(mb -w "$NVSIM_PTY" 0x1064 7 2>&1) && nv_fail "write to 0x1064 accepted"
echo "$out" | grep -q "Illegal data address" || nv_fail "write 0x1064: $out"
assert_eq "write log" "fc06:0x15B0=0x0003[eco-mode] fc10:0x1580=0x0000,0x001E,0x0000,0x0001,0x0004[off-then-restart]" \
	"$(nv_simctl writes)"

# counters name the function and the block
nv_simctl counters | grep -q 'fc03:0x1064=' || nv_fail "counters: $(nv_simctl counters)"
nv_simctl counters | grep -q 'fc04:0x1064=1' || nv_fail "counters: $(nv_simctl counters)"
assert_eq "counters reset" OK "$(nv_simctl counters reset)"
nv_simctl counters | grep -q 'fc03' && nv_fail "counters not reset"
nv_pass
