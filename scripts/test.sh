#!/usr/bin/env bash
# Set everything up on a fresh Debian 12 machine and run the whole test
# suite: unit tests (Check) and integration tests (real snmpd, nvsim,
# nvagentd, snmptrapd on loopback), once in a -Werror build and once more
# under ASan + UBSan.  Ends with one line "N passed, N failed".
#
# Then a short pass of every fuzzer (scripts/fuzz.sh, build-fuzz/).
#
# NV_TEST_SANITIZERS=0 skips the sanitizer pass (quicker local runs);
# NV_TEST_FUZZ=0 the fuzzers, NV_TEST_FUZZ_SECONDS their time per target;
# NV_BUILD_DIR=DIR builds in DIR and DIR-asan instead of build/ and build-asan/.
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
cd "$src"

scripts/setup-deps.sh all || { echo "0 passed, 1 failed"; exit 1; }

passed=0 failed=0 skipped=0
count_results() {   # count_results BUILDDIR — add its .trs results
	local r
	while read -r r; do
		case "$r" in
		PASS|XFAIL) passed=$((passed + 1)) ;;
		SKIP) skipped=$((skipped + 1)) ;;
		*) failed=$((failed + 1)) ;;
		esac
	done < <(find "$1" -name '*.trs' -exec sed -n 's/^:test-result: //p' {} + 2>/dev/null)
}

run_suite() {   # run_suite NAME BUILDDIR configure-options...
	local name=$1 dir=$2; shift 2
	echo "== $name: build ($*)"
	if ! scripts/build.sh "$dir" "$@"; then
		echo "== $name: BUILD FAILED"
		failed=$((failed + 1))
		return
	fi
	echo "== $name: make check"
	find "$dir" -name '*.trs' -delete 2>/dev/null
	make -C "$dir" -s -j2 check || {
		echo "== $name: failures; logs follow"
		find "$dir" -name '*.log' ! -name 'test-suite.log' ! -name config.log -newer "$dir/Makefile" |
		while read -r l; do
			grep -q '^:test-result: \(FAIL\|ERROR\)' "${l%.log}.trs" 2>/dev/null || continue
			echo "---- $l"; tail -n 60 "$l"
		done
	}
	count_results "$dir"
}

bdir=${NV_BUILD_DIR:-$src/build}
run_suite "werror build" "$bdir" --enable-werror
if [ "${NV_TEST_SANITIZERS:-1}" != 0 ]; then
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	run_suite "sanitizer build" "$bdir-asan" --enable-werror --enable-sanitizers
fi

# The fuzzers (tests/fuzz, libFuzzer + ASan + UBSan), each for a short
# time from its seed corpus: a decoder that now crashes on a known input
# or within seconds fails here.  NV_TEST_FUZZ=0 skips them.
if [ "${NV_TEST_FUZZ:-1}" != 0 ]; then
	echo "== fuzzers: ${NV_TEST_FUZZ_SECONDS:-12} s per target"
	fuzz_out=$(FUZZ_SECONDS=${NV_TEST_FUZZ_SECONDS:-12} FUZZ_BUILD_DIR="$bdir-fuzz" \
		scripts/fuzz.sh 2>&1)
	fuzz_rc=$?
	echo "$fuzz_out"
	passed=$((passed + $(grep -c '^PASS: ' <<<"$fuzz_out")))
	failed=$((failed + $(grep -c '^FAIL: ' <<<"$fuzz_out")))
	skipped=$((skipped + $(grep -c '^SKIP: ' <<<"$fuzz_out")))
	if [ "$fuzz_rc" -ne 0 ] && [ "$fuzz_rc" -ne 77 ] && ! grep -q '^FAIL: ' <<<"$fuzz_out"; then
		failed=$((failed + 1))
	fi
fi

echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
