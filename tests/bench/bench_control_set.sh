#!/bin/bash
# bench_control_set.sh [N] — how long a manager waits for a UPS command
# over SNMP: N SETs of upsControlStatusControl (eco mode, normal mode in
# turn), each answered once the UPS has answered, then N `nvctl ups
# eco-mode` / `normal-mode` (also answered once the UPS has), with nvsim's wire timing
# at 9600 baud and nvagentd's default poll settings (the command waits for
# the end of the polling pass under way).  Prints p50 / p90 / max of the
# snmpset wall time (process start included, about 10 ms) and the wire
# time of the command's own exchanges.  Not part of `make check`: run
# `make nvsim nvagentd` first.
. "${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
N=${1:-20}
BAUD=9600
TURNAROUND_MS=10
[ -x "$NVAGENTD" ] && [ -x "$NVSIM" ] || nv_skip "build nvsim and nvagentd first"
case $N in ''|*[!0-9]*|0) nv_fail "usage: bench_control_set.sh [SETS > 0]" ;; esac
nv_setup

nv_start_nvsim jbusp-three-phase --wire-timing --baud $BAUD --turnaround-ms $TURNAROUND_MS
nv_start_snmpd
nv_write_conf | grep -v '^poll ' > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 60

for i in $(seq "$N"); do
	v=$(( i % 2 ? 3 : 4 ))
	t0=$(nv_now_ms)
	snmpset -v2c -c private -t 10 -r 0 "127.0.0.1:$SNMPD_PORT" $SOCOMEC.1.7.1.0 i $v \
		>/dev/null || nv_fail "SET $i failed"
	echo $(( $(nv_now_ms) - t0 ))
done | sort -n > "$T/ms"

# The command's exchanges: status word (1 word), permissions (2 words),
# the 0x06 write (8-byte request and echo), the status word read back.
wire() { awk -v b=$BAUD -v t=$TURNAROUND_MS 'BEGIN { c = 10000 / b;
	r1 = (8 + 7 + 7) * c + t; r2 = (8 + 9 + 7) * c + t; w = (8 + 8 + 7) * c + t;
	printf "%.1f", 2 * r1 + r2 + w }'; }
pct() { awk -v p="$1" '{ a[NR] = $1 } END { i = int((NR - 1) * p / 100) + 1; print a[i] }' "$T/ms"; }
echo "method: $N snmpset v2c of upsControlStatusControl, eco / normal in turn, JBUSP"
echo "        nvsim --wire-timing at $BAUD baud, nvagentd default poll settings"
echo "SET answered (ms): p50 $(pct 50)  p90 $(pct 90)  max $(pct 100)"
echo "wire time of the command's four exchanges: $(wire) ms; the rest is the"
echo "polling pass under way when the SET arrived"

for i in $(seq "$N"); do
	if (( i % 2 )); then c=eco-mode; else c=normal-mode; fi
	t0=$(nv_now_ms)
	"$NVCTL" -s "$T/nvagent.sock" ups $c >/dev/null || nv_fail "nvctl ups $c $i failed"
	echo $(( $(nv_now_ms) - t0 ))
done | sort -n > "$T/ms"
echo "nvctl ups answered (ms): p50 $(pct 50)  p90 $(pct 90)  max $(pct 100)"
nv_pass
