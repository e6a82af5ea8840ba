#!/bin/bash
# bench_devices_isolation.sh [N] — does one device's dead line slow another
# device down?  One nvagentd serves two UPSs (ups-a, ups-b), each on its
# own nvsim line with wire timing at 9600 baud, default poll and debounce
# settings.  Device B's alarm -> trap latency (A02 overload, N events,
# default 45, each after a random pause, timed by trap_latency.py) is
# measured twice in the same run: with A healthy, then while A's UPS
# answers nothing and every request on A's line waits out its 2 s reply
# timeout.  Prints both rows and their p50 / p99 ratios (1.0 = A's line
# costs B nothing).  Not part of `make check`: run `make nvsim nvagentd`
# first.
. "${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
N=${1:-45}
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed"
[ -x "$NVAGENTD" ] && [ -x "$NVSIM" ] || nv_skip "build nvsim and nvagentd first"
case $N in ''|*[!0-9]*|0) nv_fail "usage: bench_devices_isolation.sh [EVENTS > 0]" ;; esac
nv_setup
. "$NV_SRCDIR/tests/lib/devices.sh"

P=$(nv_free_port)
for d in ups-a ups-b; do
	nv_start_device "$d" jbusp-three-phase --wire-timing --baud 9600 --turnaround-ms 10
done
nv_start_snmpd
DEV_SERIAL_OPTS[ups-a]="baud = 9600  timeout = 2000"
DEV_SERIAL_OPTS[ups-b]="baud = 9600"
# nvagentd's default poll settings, not the tests' short ones
nv_devices_conf ups-a ups-b -- "trap-receiver bench { address = \"127.0.0.1:$P\" }" |
	grep -v '^	poll ' > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
devices() { "$NVCTL" -s "$T/nvagent.sock" devices; }
nv_wait_for 120 "[ \$(devices | awk 'NR > 1 && \$3 == \"ok\"' | wc -l) = 2 ]" ||
	nv_fail "both devices never communicating: $(devices)"

measure() {   # measure KEY LABEL — B's latencies: one row, "p50 p99" in $T/num.KEY
	python3 "$NV_SRCDIR/tests/bench/trap_latency.py" "${DEV_CTL[ups-b]}" "$P" "$T" "$N" 1000 \
		A02 1 > "$T/lat.$1" || nv_fail "measurement failed (logs in $T)"
	sort -n "$T/lat.$1" | awk -v label="$2" -v num="$T/num.$1" '
		{ v[NR] = $1 }
		function rank(q,  r) { r = int(q * NR); if (r < q * NR) r++; return v[r < 1 ? 1 : r] }
		END { printf "  %-36s %3d events  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms\n",
		    label, NR, rank(0.5), rank(0.99), v[NR]
		    printf "%s %s\n", rank(0.5), rank(0.99) > num }'
}

echo "device B (ups-b) overload -> trap, 9600 baud wire timing, default poll/debounce:"
measure healthy "A healthy"
nv_devsim ups-a fault no-response on >/dev/null || nv_fail "nvsim ups-a: fault"
nv_wait_for 60 "devices | awk '\$1 == \"ups-a\" && \$3 != \"ok\"' | grep -q ." ||
	nv_fail "ups-a never lost: $(devices)"
measure silent "A silent (2 s timeouts on A's line)"
[ "$(nv_dev_dropped ups-a)" -gt 0 ] || nv_fail "A's line was never timing out"
awk '{ p50[NR] = $1; p99[NR] = $2 }
	END { printf "ratio A silent / A healthy: p50 %.2f  p99 %.2f\n", p50[2] / p50[1], p99[2] / p99[1] }' \
	"$T/num.healthy" "$T/num.silent"
exit 0
