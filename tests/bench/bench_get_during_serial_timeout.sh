#!/bin/bash
# bench_get_during_serial_timeout.sh [N] — snmpget latency through snmpd for
# an nvagentd object while every UPS reply is 2 s late (the poller sits in
# serial timeouts), beside snmpd's own sysObjectID.  Prints the median and
# max of N GETs each (default 21).  Not part of `make check`; run from a
# build directory: NV_BUILDDIR=$PWD tests/bench/bench_get_during_serial_timeout.sh
. "${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
N=${1:-21}
case $N in ''|*[!0-9]*|0) nv_fail "usage: bench_get_during_serial_timeout.sh [GETS > 0]" ;; esac
[ -x "$NVAGENTD" ] && [ -x "$NVSIM" ] || nv_skip "build nvsim and nvagentd first"
nv_setup
nv_start_stack jbusp-three-phase

get_ms() {   # get_ms OID — one line per GET: its wall time in ms
	local i t0
	for ((i = 0; i < N; i++)); do
		t0=$(date +%s%N)
		nv_get "$1" >/dev/null || nv_fail "GET $1 failed"
		echo $(( ($(date +%s%N) - t0) / 1000000 ))
	done
}

summary() {  # summary < ms lines — "median M ms, max X ms"
	sort -n | awk '{ v[NR] = $1 } END { printf "median %d ms, max %d ms", v[int((NR + 1) / 2)], v[NR] }'
}

nv_simctl fault slow 2000 >/dev/null
sleep 1   # the poller enters its first slow exchange
base=$(get_ms .1.3.6.1.2.1.1.2.0 | summary)
agent=$(get_ms $SOCOMEC.1.2.4.0 | summary)
echo "GET while every UPS reply is 2 s late, $N GETs each:"
echo "  nvagentd object ($SOCOMEC.1.2.4.0): $agent"
echo "  snmpd's own sysObjectID:            $base"
