#!/bin/bash
# Bad command lines get one line on stderr and a non-zero exit; SIGTERM
# removes the pty link and the control socket.
. "$NV_SRCDIR/tests/lib/common.sh"

# expect_usage_error EXPECTED_TEXT ARGS... — exit non-zero, one stderr line
expect_usage_error() {
	local want=$1 err rc; shift
	err=$("$NVSIM" "$@" 2>&1 >/dev/null); rc=$?
	[ "$rc" -ne 0 ] || nv_fail "nvsim $*: exit 0"
	assert_eq "nvsim $*: stderr lines" 1 "$(printf '%s\n' "$err" | wc -l)"
	echo "$err" | grep -q -- "$want" || nv_fail "nvsim $*: '$err'"
}

nv_setup
expect_usage_error "unknown profile 'ups-9000'" --profile ups-9000 --pty "$T/x"
expect_usage_error "unsupported rate 9601" --profile sts --baud 9601 --pty "$T/x"
expect_usage_error "bad value 'fast'" --profile sts --baud fast
expect_usage_error "unknown option --colour" --profile sts --colour
expect_usage_error "needs a value" --profile
expect_usage_error "profile is required"
expect_usage_error "units" --profile jbusp-parallel --units 7
expect_usage_error "time-scale" --profile sts --time-scale -1
expect_usage_error "env-slave: that slave id is one of the device's units" \
	--profile jbusp-parallel --units 2 --env-slave 2
expect_usage_error "env-slave: the env-sensor profile is the sensor already" \
	--profile env-sensor --env-slave 3
[ ! -e "$T/x" ] || nv_fail "a failed start left $T/x"

"$NVSIM" --list-profiles > "$T/list" || nv_fail "--list-profiles failed"
assert_eq "profiles listed" 9 "$(wc -l < "$T/list")"
for p in jbusp-single-phase jbusp-three-phase jbusp-parallel vumap-single \
	vumap-modular vumap-parallel sts env-sensor; do
	grep -q "^$p " "$T/list" || nv_fail "$p not listed"
done
"$NVSIM" --help | grep -q -- "--profile" || nv_fail "--help"
"$NVSIM" -V | grep -q '^nvsim [0-9]' || nv_fail "-V"

nv_start_nvsim vumap-single
[ -L "$NVSIM_PTY" ] || nv_fail "$NVSIM_PTY is not a symlink"
kill -TERM "$NVSIM_PID"
wait "$NVSIM_PID"; rc=$?
assert_eq "exit status after SIGTERM" 0 "$rc"
[ ! -e "$NVSIM_PTY" ] && [ ! -L "$NVSIM_PTY" ] || nv_fail "pty link left behind"
[ ! -e "$NVSIM_CTL" ] || nv_fail "control socket left behind"
nv_pass
