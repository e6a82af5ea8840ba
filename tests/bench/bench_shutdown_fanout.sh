#!/bin/bash
# bench_shutdown_fanout.sh [N] [FAILURES] — how long nvagentd takes to warn N
# shutdown clients (default 250; sockets of one program, tests/lib/sdclient.py):
# for each of FAILURES mains failures (default 3), the spread between the
# first and the last client to receive the first warning.  Not part of
# `make check`; run from a build directory:
#   NV_BUILDDIR=$PWD tests/bench/bench_shutdown_fanout.sh
. "${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
N=${1:-250}
FAILURES=${2:-3}
case $N$FAILURES in *[!0-9]*) nv_fail "usage: bench_shutdown_fanout.sh [CLIENTS] [FAILURES]" ;; esac
[ -x "$NVAGENTD" ] && [ -x "$NVSIM" ] || nv_skip "build nvsim, nvagentd and nvshutdown first"
sd_setup
sd_start_stack 'client-timeout = 10s' \
	'event on-battery { action = shutdown  warning-period = 10m  first-warning = 0  warning-interval = 600 }'
nv_bg "$T/many.log" $SDCLIENT run "127.0.0.1:$SD_PORT" "$T/shutdown.key" "$N" \
	--heartbeat 2 --seconds $(( 60 + FAILURES * 60 ))
sd_wait_connected "$N" 60
echo "first warning to $N clients, spread first..last received:"
for ((r = 1; r <= FAILURES; r++)); do
	from=$(wc -l < "$T/many.log")
	nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim refused mains-fail"
	nv_wait_for 60 "[ \$(tail -n +$((from + 1)) '$T/many.log' | grep -c ' warning on-battery ') -ge $N ]" ||
		nv_fail "failure $r: not every client was warned"
	tail -n +$((from + 1)) "$T/many.log" | awk -v r=$r '$4 == "warning" && !seen[$3]++ {
		n++; if (!f || $2 < f) f = $2; if ($2 > l) l = $2 }
		END { printf "  mains failure %d: %d clients, %d ms\n", r, n, l - f }'
	nv_simctl scenario mains-restore >/dev/null || nv_fail "nvsim refused mains-restore"
	nv_wait_for 60 "[ \$(grep -c 'Shutdown cancelled' '$T/nvagentd.log') -ge $r ]" ||
		nv_fail "failure $r: the agent did not cancel"
done
