#!/bin/bash
# bench_agent.sh — nvagentd's performance figures.  Prints them;
# it is not a timed test and not part of `make check`.
#
#   (a) time to read every register block of one unit once at 9600 baud
#       against nvsim --wire-timing, over the wire-time lower bound, for
#       JBUSP, VU-MAP and STS (target <= 1.25);
#   (b) GET p50/p99 through snmpd from one long-lived client
#       (snmp_get_latency.py), and a bulk walk of the SOCOMEC tree, each
#       beside the same on snmpd's own system group;
#   (c) nvagentd's steady RSS (target <= 8 MiB) and CPU share at a 2 s poll,
#       against nvsim without wire timing and with it at 9600 baud.
#
# Run from a build directory where nvagentd, nvctl and nvsim are built:
#   NV_BUILDDIR=$PWD tests/bench/bench_agent.sh
# BENCH_GETS (200) and BENCH_SECONDS (60) shorten or lengthen (b) and (c).
. "${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
GETS=${BENCH_GETS:-200}
SECS=${BENCH_SECONDS:-60}
BAUD=9600
TURN_MS=10

for f in "$NVSIM" "$NVAGENTD" "$NVCTL" "$NV_BUILDDIR/agent/libnvcore.a"; do
	[ -e "$f" ] || nv_skip "$f is not built (make nvsim nvagentd nvctl)"
done
for t in snmpd snmpget snmpbulkwalk python3 cc; do
	command -v "$t" >/dev/null || nv_skip "$t is not installed"
done

nv_setup

# The blocks each profile reads, from the poller's own tables.
cc -std=gnu11 -I"$NV_SRCDIR/agent" -o "$T/bench_blocks" \
	"$NV_SRCDIR/tests/bench/bench_blocks.c" "$NV_BUILDDIR/agent/libnvcore.a" \
	-lmodbus -lconfuse -lcrypto -lpthread -lm || nv_fail "cannot build bench_blocks"
"$T/bench_blocks" > "$T/blocks" || nv_fail "bench_blocks failed"

status_json() { "$NVCTL" -s "$T/nvagent.sock" --json status 2>/dev/null; }

# json_get KEY.KEY... — one field of `nvctl --json status`
json_get() {
	status_json | python3 -c '
import json, sys
v = json.load(sys.stdin)
for k in sys.argv[1].split("."):
    v = v[k]
print(v)' "$1"
}

# start_agent INTERVAL BAUD — nvagentd against the current nvsim
start_agent() {
	NV_BAUD=$2 nv_write_conf | sed "s/interval = 1 /interval = $1 /" > "$T/nvagent.conf"
	nv_start_nvagentd "$T/nvagent.conf"
	nv_wait_for 30 '[ "$(json_get communication.state)" = ok ]' ||
		nv_fail "nvagentd did not reach the device"
}

stop_pid() {
	kill -TERM "$1" 2>/dev/null
	nv_wait_for 10 "! kill -0 $1" || nv_fail "process $1 does not stop"
	wait "$1" 2>/dev/null
}

# ---- (a) full read of one unit against the wire limit --------------------

# bound_ms PROTO — sum over the profile's blocks of the exchange's wire time:
# request 8 bytes, reply 5 + 2n bytes, 10 bits a byte, a 3.5-character gap
# after each frame, plus nvsim's turnaround.  Prints the per-block table on
# stderr.
bound_ms() {
	awk -v proto="$1" -v baud=$BAUD -v turn=$TURN_MS '
	$1 == proto {
		c = 10 * 1000 / baud
		req = 8; rep = 5 + 2 * $3
		ms = (req + rep) * c + 7 * c + turn
		printf "    %-6s %-13s %3d words  %3d+%3d bytes  %7.1f ms\n", $2, $4, $3, req, rep, ms > "/dev/stderr"
		sum += ms; n++
	}
	END { printf "%.1f %d\n", sum, n }' "$T/blocks"
}

# full_read_samples — the first full read, then one per forced re-detection
# (a changed poll interval makes SIGHUP re-detect and read everything again)
full_read_samples() {
	local v prev iv=2
	nv_wait_for 30 '[ "$(json_get stats.full_read_ms)" != 0.0 ]' ||
		nv_fail "no full read reported"
	prev=$(json_get stats.full_read_ms)
	echo "$prev"
	for _ in 1 2 3 4; do
		iv=$(( iv == 2 ? 3 : 2 ))
		sed -i "s/interval = [0-9]* /interval = $iv /" "$T/nvagent.conf"
		kill -HUP "$NVAGENTD_PID"
		nv_wait_for 20 '[ "$(json_get stats.full_read_ms)" != "$prev" ]' || break
		v=$(json_get stats.full_read_ms)
		echo "$v"; prev=$v
	done
}

nv_start_snmpd
echo "== (a) full read of one unit at $BAUD baud (nvsim --wire-timing, turnaround $TURN_MS ms)"
for pair in jbusp-three-phase:JBUSP vumap-single:VU-MAP sts:STS; do
	profile=${pair%%:*} proto=${pair#*:}
	nv_start_nvsim "$profile" --wire-timing --baud $BAUD --turnaround-ms $TURN_MS
	start_agent 2 $BAUD
	samples=$(full_read_samples | sort -n | tr '\n' ' ')
	echo "  $proto ($profile), blocks read:"
	read -r bound nblk < <(bound_ms "$proto")
	med=$(echo "$samples" | tr ' ' '\n' | grep . | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	printf '  %s: %d blocks, lower bound %.1f ms; measured %s ms (median %s); ratio %.3f (target <= 1.25)\n' \
		"$proto" "$nblk" "$bound" "$(echo $samples | tr ' ' ',')" "$med" \
		"$(awk "BEGIN { print $med / $bound }")"
	stop_pid "$NVAGENTD_PID"
	stop_pid "$NVSIM_PID"
done
echo "  NET VISION (manual): about 3000 ms per unit at 9600 baud"

# ---- (b) SNMP latency through the master ---------------------------------

# pcts LABEL — p50 / p99 / max of the ms values on stdin
pcts() {
	sort -n | awk -v l="$1" '{ a[NR] = $1 } END {
		printf "  %-34s n=%d p50 %.2f ms  p99 %.2f ms  max %.2f ms\n", l, NR,
		    a[int(NR * 0.50 + 0.5)], a[int(NR * 0.99 + 0.5)], a[NR] }'
}

# get_times N OID — ms of N GETs from one client (no process start in them)
get_times() {
	python3 "$NV_SRCDIR/tests/bench/snmp_get_latency.py" "127.0.0.1:$SNMPD_PORT" public \
		"$2" "$1" || nv_fail "GET $2 failed"
}

# walk_ms OID — "ms varbinds" of one bulk walk (best of 5)
walk_ms() {
	local i t0 t1 n best=
	for i in 1 2 3 4 5; do
		t0=$EPOCHREALTIME
		n=$(snmpbulkwalk -v2c -c public -On -t 2 -r 0 -Cr25 "127.0.0.1:$SNMPD_PORT" "$1" | wc -l)
		t1=$EPOCHREALTIME
		best=$(awk -v b="$best" "BEGIN { t = ($t1 - $t0) * 1000; print (b == \"\" || t < b) ? t : b }")
	done
	echo "$best $n"
}

echo "== (b) SNMP through snmpd (AgentX), jbusp-three-phase, no wire timing"
nv_start_nvsim jbusp-three-phase
start_agent 2 auto
nv_wait_agent_ready 30
get_times "$GETS" "$SOCOMEC.1.2.4.0" | pcts "GET upsBatteryVoltage (agent)"
get_times "$GETS" .1.3.6.1.2.1.1.1.0 | pcts "GET sysDescr (snmpd itself)"
read -r wa na < <(walk_ms "$SOCOMEC")
read -r ws ns < <(walk_ms .1.3.6.1.2.1.1)
printf '  bulk walk SOCOMEC tree: %d varbinds in %.1f ms (%.3f ms/varbind)\n' "$na" "$wa" \
	"$(awk "BEGIN { print $wa / $na }")"
printf '  bulk walk system group: %d varbinds in %.1f ms (%.3f ms/varbind)\n' "$ns" "$ws" \
	"$(awk "BEGIN { print $ws / $ns }")"
printf '  per-varbind ratio agent/system: %.2f (walks are best of 5; GETs from one long-lived client)\n' \
	"$(awk "BEGIN { print ($wa / $na) / ($ws / $ns) }")"

# ---- (c) RSS and CPU at a 2 s poll ---------------------------------------

# cpu_ticks PID — utime + stime in clock ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

steady() {  # steady LABEL — RSS and CPU of the running nvagentd over SECS s
	local t0 t1 c0 c1 hz rss hwm anon pss
	hz=$(getconf CLK_TCK)
	sleep 3         # past detection and the first full read
	c0=$(cpu_ticks "$NVAGENTD_PID"); t0=$EPOCHREALTIME
	sleep "$SECS"
	c1=$(cpu_ticks "$NVAGENTD_PID"); t1=$EPOCHREALTIME
	rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$NVAGENTD_PID/status")
	hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$NVAGENTD_PID/status")
	anon=$(awk '/^RssAnon/ { print $2 }' "/proc/$NVAGENTD_PID/status")
	pss=$(awk '/^Pss:/ { print $2 }' "/proc/$NVAGENTD_PID/smaps_rollup")
	# VmRSS counts every shared library page touched (libcrypto, libc,
	# net-snmp), shared with snmpd; anon and PSS say what is ours
	printf '  %-32s VmRSS %.2f MiB (peak %.2f, target <= 8; anon %.2f, PSS %.2f), CPU %.2f %% over %d s, %s requests\n' \
		"$1" "$(awk "BEGIN { print $rss / 1024 }")" "$(awk "BEGIN { print $hwm / 1024 }")" \
		"$(awk "BEGIN { print $anon / 1024 }")" "$(awk "BEGIN { print $pss / 1024 }")" \
		"$(awk "BEGIN { print 100 * ($c1 - $c0) / $hz / ($t1 - $t0) }")" "$SECS" \
		"$(json_get stats.requests)"
}

echo "== (c) nvagentd steady state, poll interval 2 s, status-interval 0"
steady "nvsim, no wire timing:"
stop_pid "$NVAGENTD_PID"
stop_pid "$NVSIM_PID"
nv_start_nvsim jbusp-three-phase --wire-timing --baud $BAUD --turnaround-ms $TURN_MS
start_agent 2 $BAUD
steady "nvsim --wire-timing at $BAUD:"
exit 0
