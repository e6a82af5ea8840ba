#!/bin/bash
# bench_trap_latency.sh [N] — latency from an alarm bit set in nvsim to the
# trap received by snmptrapd, over N events (default 50), with nvsim's wire
# timing at 9600 baud and nvagentd's default poll and debounce settings.
# Prints the method, p50 / p90 / p99 / max, and the wire-time bounds they
# are to be read against.  Not part of `make check`: run
# `make nvsim nvagentd` first.
#
# The timing is done by trap_latency.py, one process holding both ends (a
# persistent nvsim control connection, snmptrapd's stdout pipe), so that
# no process start-up (nvsim ctl, a traphandle fork+exec) is measured.
. "${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
N=${1:-50}
DEBOUNCE_MS=1000        # events { debounce } default, NV_EVENTS_DEBOUNCE_DEFAULT_MS
BAUD=9600
TURNAROUND_MS=10        # nvsim's default --turnaround-ms
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed"
command -v python3 >/dev/null || nv_skip "python3 not installed"
[ -x "$NVAGENTD" ] && [ -x "$NVSIM" ] || nv_skip "build nvsim and nvagentd first"
case $N in ''|*[!0-9]*|0) nv_fail "usage: bench_trap_latency.sh [EVENTS > 0]" ;; esac
nv_setup

P=$(nv_free_port)
nv_start_nvsim jbusp-three-phase --wire-timing --baud $BAUD --turnaround-ms $TURNAROUND_MS
nv_start_snmpd
# nv_write_conf's short test poll settings out: nvagentd's defaults apply
nv_write_conf "trap-receiver bench { address = \"127.0.0.1:$P\" }" |
	grep -v '^poll ' > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 60

python3 "$NV_SRCDIR/tests/bench/trap_latency.py" "$NVSIM_CTL" "$P" "$T" "$N" "$DEBOUNCE_MS" \
	> "$T/lat" || nv_fail "measurement failed (logs in $T)"

# Wire time of one exchange at 8N1, as nvsim --wire-timing plays it: both
# frames, a 3.5-character gap after each, the turnaround.  A read of n
# words: 8-byte request, 5 + 2n byte reply.
wire() { awk -v b=$BAUD -v t=$TURNAROUND_MS -v n="$1" \
	'BEGIN { c = 10000 / b; printf "%.1f", (8 + 5 + 2 * n + 7) * c + t }'; }
sa=$(awk -v s="$(wire 4)" 'BEGIN { printf "%.1f", 2 * s }')   # status 0x1020 x4 + alarm 0x1040 x4
piece=$(wire 24)                                                # one slow-lane piece, <= 24 words
worst=$(awk -v a="$sa" -v p="$piece" 'BEGIN { printf "%.1f", 2 * a + p }')

sort -n "$T/lat" | awk -v sa="$sa" -v piece="$piece" -v worst="$worst" -v baud=$BAUD '
	{ v[NR] = $1 }
	function rank(q,  r) { r = int(q * NR); if (r < q * NR) r++; return v[r < 1 ? 1 : r] }
	END {
		for (i = 1; i <= NR; i++) if (v[i] > 250) over++
		printf "method: t0 just before `set A02 1` is written on a persistent nvsim control\n"
		printf "  connection; t1 when snmptrapd'\''s stdout (a pipe, read by the same process,\n"
		printf "  same monotonic clock) brings the upsTrapOverload line; then A02 cleared,\n"
		printf "  removal trap awaited and the debounce window let pass before the next event\n"
		printf "trap latency, %d events, nvsim --wire-timing %d baud, default poll/debounce:\n", NR, baud
		printf "  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  (min %.1f ms, over 250 ms: %d)\n",
		    rank(0.50), rank(0.90), rank(0.99), v[NR], v[1], over
		printf "  wire: status + alarm read %s ms; one 24-word slow piece %s ms;\n", sa, piece
		printf "  worst case status+alarm + piece + status+alarm %s ms\n", worst
		printf "  target p99 <= 250 ms: %s\n", rank(0.99) <= 250 ? "met" : "NOT met"
	}'
exit 0
