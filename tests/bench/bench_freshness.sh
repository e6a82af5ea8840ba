#!/bin/bash
# bench_freshness.sh [SECONDS] — age of the oldest measurement (nvctl
# status, oldest_measurement_s) at nvagentd's default 2 s poll interval,
# against nvsim --wire-timing at 9600 baud: one unit, ten VU-MAP units in
# parallel, six JBUSP units, a 4-unit modular system; sampled every ~0.2 s
# for SECONDS (default 30) after the first pass.  Also the head of a pass
# (stats.last_cycle_ms) against its wire time.  Not part of `make check`.
. "${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
SECS=${1:-30}
BAUD=9600
TURN_MS=10
[ -x "$NVAGENTD" ] && [ -x "$NVSIM" ] && [ -x "$NVCTL" ] || nv_skip "build nvsim, nvagentd and nvctl first"
command -v python3 >/dev/null || nv_skip "python3 not installed"
nv_setup
nv_start_snmpd

# field KEY.KEY — one value of `nvctl --json status`
field() {
	"$NVCTL" -s "$T/nvagent.sock" --json status 2>/dev/null | python3 -c '
import json, sys
v = json.load(sys.stdin)
for k in sys.argv[1].split("."):
    v = v[k]
print(v)' "$1"
}

# head_bound PROFILE UNITS — wire ms of the head of a pass (nvagentd(8), POLLING)
head_bound() {
	awk -v b=$BAUD -v t=$TURN_MS -v p="$1" -v u="$2" '
	function w(n) { return (20 + 2 * n) * 10000 / b + t }
	BEGIN {
		if (p ~ /modular-system/) x = u * w(16)
		else if (p ~ /^vumap/) x = w(16)
		else x = 2 * w(4)
		printf "%.1f", x
	}'
}

printf '%-22s %5s %12s %12s %14s %10s\n' system units oldest_p50_s oldest_max_s head_p50_ms head_bound
for row in vumap-single:1 jbusp-three-phase:1 vumap-parallel:10 jbusp-parallel:6 vumap-modular-system:4; do
	prof=${row%:*} units=${row#*:}
	extra=()
	[ "$units" -gt 1 ] && extra=(--units "$units")
	nv_start_nvsim "$prof" --wire-timing --baud $BAUD --turnaround-ms $TURN_MS "${extra[@]}"
	NV_BAUD=$BAUD nv_write_conf | grep -v '^poll ' > "$T/nvagent.conf"
	nv_start_nvagentd "$T/nvagent.conf"
	nv_wait_for 120 '[ "$(field communication.state 2>/dev/null)" = ok ]' ||
		nv_fail "nvagentd did not reach $prof"
	end=$(( SECONDS + SECS ))
	: > "$T/ages"; : > "$T/heads"
	while [ $SECONDS -lt $end ]; do
		field communication.oldest_measurement_s >> "$T/ages"
		field stats.last_cycle_ms >> "$T/heads"
		sleep 0.2
	done
	o50=$(grep -v None "$T/ages" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	omax=$(grep -v None "$T/ages" | sort -n | tail -1)
	h50=$(sort -n "$T/heads" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	printf '%-22s %5s %12s %12s %14s %10s\n' "$prof" "$units" "$o50" "$omax" "$h50" "$(head_bound "$prof" "$units")"
	kill -TERM "$NVAGENTD_PID"; nv_wait_for 10 "! kill -0 $NVAGENTD_PID" || nv_fail "nvagentd does not stop"
	kill -TERM "$NVSIM_PID"; nv_wait_for 10 "! kill -0 $NVSIM_PID" || nv_fail "nvsim does not stop"
done
exit 0
