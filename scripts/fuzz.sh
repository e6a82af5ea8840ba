#!/usr/bin/env bash
# Build the libFuzzer targets of tests/fuzz (clang, --enable-fuzzers, in
# their own build dir) and run each for FUZZ_SECONDS from its seed corpus.
#
# Usage: scripts/fuzz.sh [TARGET...]        (default: every target)
#   FUZZ_SECONDS=60         time per target
#   FUZZ_BUILD_DIR=DIR      build dir (default: build-fuzz/)
#   FUZZ_NICE=10            niceness of the build and the runs
#
# New inputs found go to DIR/fuzz-corpus/TARGET (the committed seeds in
# tests/fuzz/corpus/TARGET are only read).  Any crash, leak, timeout or
# sanitizer report fails the target; its reproducer is left in
# DIR/fuzz-artifacts/ and the log in DIR/fuzz-logs/TARGET.log.  Replay
# one with: DIR/tests/fuzz/TARGET REPRODUCER
#
# Prints one line per target, "PASS: TARGET ..." or "FAIL: TARGET ...",
# with executions per second and the coverage reached (cov = edges,
# ft = features), then exits non-zero if any failed (77: cannot build,
# clang or libFuzzer missing).
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
dir=${FUZZ_BUILD_DIR:-$src/build-fuzz}
secs=${FUZZ_SECONDS:-60}
nice=${FUZZ_NICE:-10}
all="fuzz_rtu_poller fuzz_config_agent fuzz_config_shutdown fuzz_config_traphandle
	fuzz_shutdown_datagram fuzz_control_line fuzz_traphandle_input fuzz_ring_open
	fuzz_modbus_tcp fuzz_bacnet fuzz_shutdown_client fuzz_nut_protocol"
targets=${*:-$all}

if ! command -v clang >/dev/null; then
	echo "SKIP: fuzzers need clang (Debian package clang)"
	exit 77
fi
echo "== fuzz: build in $dir"
mkdir -p "$dir"
if ! CC=clang nice -n "$nice" "$src/scripts/build.sh" "$dir" --enable-fuzzers >"$dir.build.log" 2>&1; then
	tail -n 30 "$dir.build.log"
	if grep -q 'needs clang with libFuzzer' "$dir.build.log"; then
		echo "SKIP: clang cannot build libFuzzer targets (see $dir.build.log)"
		exit 77
	fi
	echo "FAIL: fuzz build (see $dir.build.log)"
	exit 1
fi
# build.sh builds everything; a tree configured earlier is only updated
progs=$(for t in $targets; do printf 'tests/fuzz/%s ' "$t"; done)
if ! nice -n "$nice" make -C "$dir" -s -j2 $progs >>"$dir.build.log" 2>&1; then
	tail -n 30 "$dir.build.log"
	echo "FAIL: fuzz build (see $dir.build.log)"
	exit 1
fi

# Scratch files of the targets (config copies, ring files, sockets) on a
# tmpfs when there is one: the ring target syncs its files.
scratch_root=/dev/shm
[ -w "$scratch_root" ] || scratch_root=${TMPDIR:-/tmp}
scratch=$(mktemp -d "$scratch_root/nvfuzz.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT

# A fuzzed config or datagram may name any host: the loaders resolve
# names, so each target runs in a network namespace of its own with only
# loopback up, where no query can leave the machine (and none waits).
netns=()
for u in "unshare -n" "unshare -rn"; do
	if $u sh -c 'ip link set lo up' 2>/dev/null; then
		netns=($u sh -c 'ip link set lo up && exec "$@"' netns)
		break
	fi
done
[ ${#netns[@]} -gt 0 ] ||
	echo "== fuzz: no network namespace (unshare refused): host names in inputs may be resolved"

mkdir -p "$dir/fuzz-artifacts" "$dir/fuzz-logs"
failed=0
for t in $targets; do
	corpus=$dir/fuzz-corpus/$t
	log=$dir/fuzz-logs/$t.log
	mkdir -p "$corpus" "$scratch/$t"
	TMPDIR=$scratch/$t \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	nice -n "$nice" "${netns[@]}" "$dir/tests/fuzz/$t" -max_total_time="$secs" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$dir/fuzz-artifacts/$t-" \
		"$corpus" "$src/tests/fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	rm -rf "${scratch:?}/$t"
	done_line=$(grep -a 'DONE\|INITED' "$log" | tail -n 1)
	cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p' <<<"$done_line")
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ "$rc" -eq 0 ] && ! grep -aq 'ERROR: \|runtime error:' "$log"; then
		echo "PASS: $t ${secs}s, ${runs:-?} runs, ${eps:-?} exec/s, ${cov:-cov ?}"
	else
		failed=$((failed + 1))
		art=$(grep -a 'Test unit written to' "$log" | sed 's/.*written to //' | tail -n 1)
		echo "FAIL: $t (exit $rc) ${cov:-}; reproducer ${art:-none}; log $log"
		grep -a -m 3 'ERROR: \|runtime error:\|SUMMARY' "$log" | sed 's/^/      /'
	fi
done
[ "$failed" -eq 0 ]
