#!/bin/bash
# bench_nut.sh — nvagentd's NUT server on loopback beside NUT's own upsd
# (with the dummy-ups driver serving a similar variable list) as the
# baseline.  Prints figures; not part of `make check`.
#
#   GET VAR and LIST VAR (what upsc does) from one persistent client:
#   p50 and p99 latency and the server's CPU per request (nvagentd; upsd +
#   its driver); then BENCH_UPSMON (250) logged-in upsmon-style sessions
#   polling ups.status every second for BENCH_SECONDS (20): nvagentd's
#   CPU in percent of one core, beside the same time without them.
#
# Run from a build directory:  NV_BUILDDIR=$PWD tests/bench/bench_nut.sh
# BENCH_REQUESTS (5000) changes N.
. "${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/nut.sh"
N=${BENCH_REQUESTS:-5000}
CLIENT=(/usr/bin/python3 "$NV_SRCDIR/tests/bench/gateway_clients.py")
SESSIONS=(/usr/bin/python3 "$NV_SRCDIR/tests/bench/nut_clients.py")
for f in "$NVSIM" "$NVAGENTD"; do
	[ -e "$f" ] || nv_skip "$f is not built"
done
nv_setup
nut_start jbusp-three-phase "max-connections = 512"

# the baseline: upsd and dummy-ups from the temp dir, the same variables
UPSD_PORT=$(nv_free_port)
have_upsd=
if [ -x /lib/nut/upsd ] && [ -x /lib/nut/dummy-ups ]; then
	d="$T/upsd"
	mkdir -p -m 700 "$d"
	nut_upsc | sed 's/: /: /' > "$d/nv.dev"
	printf '[nv]\n  driver = dummy-ups\n  port = %s/nv.dev\n' "$d" > "$d/ups.conf"
	printf 'LISTEN 127.0.0.1 %s\nMAXCONN 1024\n' "$UPSD_PORT" > "$d/upsd.conf"
	printf '[mon]\n  password = mon-pw\n  upsmon secondary\n' > "$d/upsd.users"
	printf 'MODE=standalone\n' > "$d/nut.conf"
	chmod 600 "$d"/*
	U=(); [ "$(id -u)" = 0 ] && U=(-u root)
	NUT_CONFPATH=$d NUT_STATEPATH=$d nv_bg "$T/dummy.log" /lib/nut/dummy-ups -a nv "${U[@]}" -F
	DUMMY_PID=$NV_LAST_PID
	nv_wait_for 20 "ls '$d'/dummy-ups-nv* >/dev/null 2>&1" && {
		NUT_CONFPATH=$d NUT_STATEPATH=$d nv_bg "$T/upsd.log" /lib/nut/upsd "${U[@]}" -F
		UPSD_PID=$NV_LAST_PID
		nv_wait_for 30 "upsc nv@127.0.0.1:$UPSD_PORT battery.charge 2>/dev/null | grep -qx '[0-9]*'" &&
			have_upsd=1
	}
	[ -n "$have_upsd" ] || nv_log "upsd baseline did not start: $(tail -3 "$T/upsd.log" "$T/dummy.log")"
fi

printf '%-44s %8s %8s %14s\n' "$N requests, loopback, one client" "p50 us" "p99 us" "CPU us/request"
row() {
	local what=$1; shift
	read -r p50 p99 cpu < <("${CLIENT[@]}" nut "$@") || nv_fail "$what: client failed"
	printf '%-44s %8s %8s %14s\n' "$what" "$p50" "$p99" "$cpu"
}
row "GET VAR battery.charge (nvagentd)" "$NUT_PORT" "$N" "GET VAR ups battery.charge" "$NVAGENTD_PID"
[ -n "$have_upsd" ] && row "GET VAR battery.charge (upsd+dummy-ups)" "$UPSD_PORT" "$N" \
	"GET VAR nv battery.charge" "$UPSD_PID" "$DUMMY_PID"
row "LIST VAR, $(nut_upsc | wc -l) variables (nvagentd)" "$NUT_PORT" "$N" "LIST VAR ups" "$NVAGENTD_PID"
[ -n "$have_upsd" ] && row "LIST VAR (upsd+dummy-ups)" "$UPSD_PORT" "$N" "LIST VAR nv" \
	"$UPSD_PID" "$DUMMY_PID"

C=${BENCH_UPSMON:-250}
S=${BENCH_SECONDS:-20}
# nvagentd's own work (the poller at the tests' 1 s interval) is measured
# alone first: the sessions cost the difference
read -r idle _ < <("${SESSIONS[@]}" "$NUT_PORT" ups mon mon-pw 0 "$S" "$NVAGENTD_PID")
read -r pct answers errors < <("${SESSIONS[@]}" "$NUT_PORT" ups mon mon-pw "$C" "$S" "$NVAGENTD_PID") ||
	nv_fail "upsmon-style sessions failed"
printf '%d logged-in sessions polling every second for %d s: nvagentd %s %% of one core, %s %% without them (%d answers, %d errors)\n' \
	"$C" "$S" "$pct" "$idle" "$answers" "$errors"
if [ -n "$have_upsd" ]; then
	read -r pct answers errors < <("${SESSIONS[@]}" "$UPSD_PORT" nv mon mon-pw "$C" "$S" "$UPSD_PID" "$DUMMY_PID")
	printf '%d logged-in sessions polling every second for %d s: upsd+dummy-ups %s %% of one core (%d answers, %d errors)\n' \
		"$C" "$S" "$pct" "$answers" "$errors"
fi
nv_pass
