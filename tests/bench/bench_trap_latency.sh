#!/bin/bash
# bench_trap_latency.sh [N [PROFILE [UNITS [BAUD [BIT]]]]] — latency from a
# status or alarm bit set in nvsim to the trap received by snmptrapd, over
# N events (default 50), with nvsim's wire timing (default jbusp-three-phase,
# 1 unit, 9600 baud, A02 overload) and nvagentd's default poll and debounce
# settings.  Each event comes after a random pause, on a random unit.
# Prints the method, p50 / p90 / p99 / max, and the wire-time bound of the
# poll schedule (nvagentd(8), POLLING) they are to be read against, then
# one "row:" line for bench_alarm_table.sh.  Not part of `make check`: run
# `make nvsim nvagentd` first.  ENV_SLAVE=N adds an environment sensor on
# the same line at slave N, read every second between passes (nvagent.conf
# environment, shared line): the cost of sharing the UPS's line.
#
# The timing is done by trap_latency.py, one process holding both ends (a
# persistent nvsim control connection, snmptrapd's stdout pipe), so that
# no process start-up (nvsim ctl, a traphandle fork+exec) is measured.
. "${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
N=${1:-50}
PROFILE=${2:-jbusp-three-phase}
UNITS=${3:-1}
BAUD=${4:-9600}
case $PROFILE in vumap*) BIT=${5:-A001} ;; *) BIT=${5:-A02} ;; esac
DEBOUNCE_MS=1000        # events { debounce } default, NV_EVENTS_DEBOUNCE_DEFAULT_MS
TURNAROUND_MS=10        # nvsim's default --turnaround-ms
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed"
command -v python3 >/dev/null || nv_skip "python3 not installed"
[ -x "$NVAGENTD" ] && [ -x "$NVSIM" ] || nv_skip "build nvsim and nvagentd first"
case $N in ''|*[!0-9]*|0) nv_fail "usage: bench_trap_latency.sh [EVENTS > 0 [PROFILE [UNITS [BAUD [BIT]]]]]" ;; esac
nv_setup

P=$(nv_free_port)
units_arg=()
[ "$UNITS" -gt 1 ] && units_arg=(--units "$UNITS")
env_arg=() env_conf=
if [ -n "${ENV_SLAVE:-}" ]; then
	env_arg=(--env-slave "$ENV_SLAVE")
	env_conf="environment { serial { device = \"$T/ttyUPS0\"  slave = $ENV_SLAVE }  poll-interval = 1 }"
fi
nv_start_nvsim "$PROFILE" --wire-timing --baud "$BAUD" --turnaround-ms $TURNAROUND_MS \
	"${units_arg[@]}" "${env_arg[@]}"
nv_start_snmpd
# nv_write_conf's short test poll settings out: nvagentd's defaults apply
nv_write_conf "trap-receiver bench { address = \"127.0.0.1:$P\" }" "$env_conf" |
	grep -v '^poll ' > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 120

python3 "$NV_SRCDIR/tests/bench/trap_latency.py" "$NVSIM_CTL" "$P" "$T" "$N" "$DEBOUNCE_MS" \
	"$BIT" "$UNITS" > "$T/lat" || nv_fail "measurement failed (logs in $T)"

# Wire time of one exchange at 8N1, as nvsim --wire-timing plays it: both
# frames, a 3.5-character gap after each, the turnaround.  A read of n
# words: 8-byte request, 5 + 2n byte reply.  The bound is the longest wait
# of the schedule: the head under way, one slow piece, the next head and
# the unit's own alarm words (see nvagentd(8), POLLING).  A modular
# system has no synthesis across its units: every head reads every unit,
# so the wait is the head under way, one piece and the next head up to
# the unit, (units + 1) status and alarm reads and a piece.
# A room sensor on the line adds its reading (temperature and humidity:
# two one-word reads) once a second between two passes.
bound=$(awk -v b="$BAUD" -v t=$TURNAROUND_MS -v u="$UNITS" -v p="$PROFILE" -v e="${ENV_SLAVE:+2}" '
	function w(n) { return (20 + 2 * n) * 10000 / b + t }
	BEGIN {
		if (p ~ /^vumap-modular-system/)
			x = (u + 1) * w(16) + w(u == 1 ? 16 : 27)
		else if (p ~ /^vumap/)
			x = u == 1 ? 3 * w(16) : u <= 4 ? 2 * w(16) + w(27) + w(8) : 2 * w(16) + w(40) + w(8)
		else if (p ~ /^jbusp/)
			x = u == 1 ? 3 * w(4) + w(16) : 4 * w(4) + w(24)
		else
			x = 3 * w(3) + w(16)
		x += e * w(1)
		printf "%.1f", x
	}')

sort -n "$T/lat" | awk -v bound="$bound" -v baud="$BAUD" -v prof="$PROFILE" -v units="$UNITS" -v bit="$BIT" \
    -v env="${ENV_SLAVE:+ + room sensor on the line (slave $ENV_SLAVE, every 1 s)}" '
	{ v[NR] = $1 }
	function rank(q,  r) { r = int(q * NR); if (r < q * NR) r++; return v[r < 1 ? 1 : r] }
	END {
		for (i = 1; i <= NR; i++) if (v[i] > bound) over++
		printf "method: after a random pause of 0-1 s, t0 just before `set K:%s 1` (K a\n", bit
		printf "  random unit of %d) is written on a persistent nvsim control connection;\n", units
		printf "  t1 when snmptrapd'\''s stdout (a pipe, read by the same process, same\n"
		printf "  monotonic clock) brings the trap line; then the bit cleared and the\n"
		printf "  debounce windows of the alarm row and of the condition let pass\n"
		printf "  before the next event\n"
		printf "trap latency, %d events, %s x%d%s, nvsim --wire-timing %d baud, default poll/debounce:\n", NR, prof, units, env, baud
		printf "  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  (min %.1f ms, over the bound: %d)\n",
		    rank(0.50), rank(0.90), rank(0.99), v[NR], v[1], over
		printf "  wire bound of the schedule (head under way + piece + next head up to the unit): %s ms\n", bound
		printf "row: %s %d %d %s %.1f %.1f %.1f %s\n", prof, units, baud, bit, rank(0.50), rank(0.99), v[NR], bound
	}'
exit 0
