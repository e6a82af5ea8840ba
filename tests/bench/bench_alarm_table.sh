#!/bin/bash
# bench_alarm_table.sh [N] — alarm -> trap latency for 1, 2, 4 and 10 units
# (JBUSP stops at its 6), JBUSP and VU-MAP, a VU-MAP modular system of 2
# and 4 units (of 6 modules each), 9600 and 19200 baud, N events a
# row (default 45), each row beside the wire-time bound of the poll
# schedule (nvagentd(8), POLLING).  Runs bench_trap_latency.sh once a row:
# about N x 3.5 s a row.  Not part of `make check`.
here=$(cd "$(dirname "$0")" && pwd)
N=${1:-45}
printf '%-20s %5s %6s %9s %9s %9s %9s\n' system units baud p50_ms p99_ms max_ms bound_ms
for baud in 9600 19200; do
	for row in jbusp-three-phase:1 jbusp-parallel:2 jbusp-parallel:4 jbusp-parallel:6 \
	    vumap-single:1 vumap-parallel:2 vumap-parallel:4 vumap-parallel:10 \
	    vumap-modular-system:2 vumap-modular-system:4; do
		prof=${row%:*} units=${row#*:}
		out=$("$here/bench_trap_latency.sh" "$N" "$prof" "$units" "$baud" 2>&1)
		line=$(printf '%s\n' "$out" | sed -n 's/^row: //p')
		if [ -z "$line" ]; then
			printf '%-20s %5s %6s  failed: %s\n' "$prof" "$units" "$baud" \
				"$(printf '%s\n' "$out" | tail -1)"
			continue
		fi
		set -- $line
		printf '%-20s %5s %6s %9s %9s %9s %9s\n' "$1" "$2" "$3" "$5" "$6" "$7" "$8"
	done
done
