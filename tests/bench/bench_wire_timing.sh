#!/bin/bash
# bench_wire_timing.sh [N] — latency of N reads of 0x1060 x 48 against
# nvsim --wire-timing at 9600 baud, compared with the physical lower bound
# of one exchange on a real line.  Builds nothing: run `make nvsim` and
# `make tests/sim/mbclient` in the build directory first.
. "${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
N=${1:-20}
MBC=$NV_BUILDDIR/tests/sim/mbclient
[ -x "$NVSIM" ] || nv_skip "$NVSIM is not built"
[ -x "$MBC" ] || nv_skip "$MBC is not built"

nv_setup
nv_start_nvsim jbusp-three-phase --wire-timing --baud 9600 --turnaround-ms 10
out=$("$MBC" -b 9600 -t 1000 -n "$N" -s "$NVSIM_PTY" 0x1060 48) ||
	nv_fail "reads failed"
# request 8 bytes, reply 3 + 96 + 2 = 101 bytes, 10 bits a byte,
# a 3.5-character gap after each frame, 10 ms device turnaround
bound=$(awk 'BEGIN { c = 10 * 1000 / 9600; printf "%.1f", (8 + 101) * c + 7 * c + 10 }')
p50=$(echo "$out" | sed 's/.*p50=\([0-9.]*\).*/\1/')
p99=$(echo "$out" | sed 's/.*p99=\([0-9.]*\).*/\1/')
echo "wire timing, 9600 baud, 0x1060 x48, $N reads: p50 ${p50} ms, p99 ${p99} ms," \
	"lower bound ${bound} ms, ratio p50/bound $(awk "BEGIN { printf \"%.3f\", $p50 / $bound }")"
exit 0
