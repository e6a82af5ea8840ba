#!/bin/bash
# Injected faults reach the master the way a broken line would, and a
# master at the wrong baud rate gets no answer at all.
. "$NV_SRCDIR/tests/lib/common.sh"
MBC=$NV_BUILDDIR/tests/sim/mbclient
[ -x "$MBC" ] || nv_skip "tests/sim/mbclient is not built"
mb() { "$MBC" -t 300 "$@"; }

# expect_error FAULT MESSAGE: the read fails with MESSAGE while FAULT is on
expect_error() {
	local out
	assert_eq "fault $1 on" OK "$(nv_simctl fault "$1" on)"
	out=$(mb "$NVSIM_PTY" 0x1064 1 2>&1) && nv_fail "fault $1: read succeeded ($out)"
	echo "$out" | grep -q "$2" || nv_fail "fault $1: expected '$2', got '$out'"
	assert_eq "fault $1 off" OK "$(nv_simctl fault "$1" off)"
	assert_eq "after fault $1" 100 "$(mb "$NVSIM_PTY" 0x1064 1)"
}

nv_setup
nv_start_nvsim jbusp-three-phase
assert_eq "healthy read" 100 "$(mb "$NVSIM_PTY" 0x1064 1)"
expect_error bad-crc "Invalid CRC"
expect_error no-response "timed out"
expect_error exception "Slave device or server failure"
expect_error wrong-slave "not from requested slave"
expect_error garbage "timed out\|Invalid\|not from"

# slow: every reply is late by the given time
assert_eq "fault slow" OK "$(nv_simctl fault slow 300)"
min=$("$MBC" -t 1000 -n 3 -s "$NVSIM_PTY" 0x1064 1 | sed 's/.*min=\([0-9]*\).*/\1/')
[ "$min" -ge 300 ] || nv_fail "slow 300: fastest reply took ${min} ms"
assert_eq "fault slow off" OK "$(nv_simctl fault slow off)"

# wrong baud: silence, counted
out=$(mb -b 19200 "$NVSIM_PTY" 0x1064 1 2>&1) && nv_fail "19200 baud master got an answer"
echo "$out" | grep -q "timed out" || nv_fail "wrong baud: $out"
nv_simctl counters | grep -q 'bad-baud=1' || nv_fail "counters: $(nv_simctl counters)"
assert_eq "right baud again" 100 "$(mb "$NVSIM_PTY" 0x1064 1)"

# the same at another rate: nvsim at 2400 answers a 2400 master only
nv_start_nvsim jbusp-single-phase --baud 2400
assert_eq "2400 baud" 35 "$(mb -b 2400 "$NVSIM_PTY" 0x1000 1)"
mb -b 9600 "$NVSIM_PTY" 0x1000 1 >/dev/null 2>&1 && nv_fail "9600 master answered by 2400 nvsim"

# scenario clear also ends faults
assert_eq "fault on" OK "$(nv_simctl fault no-response on)"
assert_eq "clear" OK "$(nv_simctl scenario clear)"
assert_eq "after clear" 35 "$(mb -b 2400 "$NVSIM_PTY" 0x1000 1)"

# wire timing: a 48-word read of 0x1060 at 9600 baud never beats the wire
# (8 + 101 bytes, two 3.5-character gaps, 10 ms turnaround: 130.8 ms);
# the figure itself is tests/bench/bench_wire_timing.sh's job, so the
# upper limit here only catches a delay gone wrong, not a busy machine.
nv_start_nvsim jbusp-three-phase --wire-timing
min=$("$MBC" -n 5 -s "$NVSIM_PTY" 0x1060 48 | sed 's/.*min=\([0-9]*\).*/\1/')
[ "$min" -ge 129 ] && [ "$min" -le 1000 ] || nv_fail "wire timing: fastest read ${min} ms, expected >= 130.8"
nv_pass
