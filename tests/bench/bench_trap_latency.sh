#!/bin/bash
# bench_trap_latency.sh [N] — latency from an alarm bit set in nvsim to the
# trap logged by snmptrapd, over N events (default 50), with nvsim's wire
# timing at 9600 baud and nvagentd's default poll and debounce settings.
# Prints the method, p50 / p99 and the wire time of one status + alarm
# read.  Not part of `make check`: run `make nvsim nvagentd` first.
. "${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
N=${1:-50}
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed"
[ -x "$NVAGENTD" ] && [ -x "$NVSIM" ] || nv_skip "build nvsim and nvagentd first"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"

# the receive time: snmptrapd runs this for every trap it accepts
cat > "$T/stamp.sh" <<SH
#!/bin/sh
now=\$(date +%s%N)
oid=\$(grep -o '1.3.6.1.6.3.1.1.4.1.0 [.0-9]*' | cut -d' ' -f2)
echo "\$now \$oid" >> "$T/received"
SH
chmod +x "$T/stamp.sh"
P=$(nv_free_port)
nv_start_trapd bench "$P" "traphandle default $T/stamp.sh"
nv_start_nvsim jbusp-three-phase --wire-timing --baud 9600
nv_start_snmpd
# nv_write_conf's short test poll settings out: nvagentd's defaults apply
nv_write_conf "trap-receiver bench { address = \"127.0.0.1:$P\" }" |
	grep -v '^poll ' > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 60
touch "$T/received"

OVL=.1.3.6.1.4.1.4555.1.1.7.2.0.6     # upsTrapOverload, on A02
REM=.1.3.6.1.4.1.4555.1.1.7.2.0.4     # upsTrapAlarmEntryRemoved
count() { grep -c " $1\$" "$T/received"; }
: > "$T/lat"
for i in $(seq "$N"); do
	n6=$(count $OVL); n4=$(count $REM)
	t0=$(date +%s%N)
	nv_simctl set A02 1 >/dev/null || nv_fail "nvsim: set A02 1"
	nv_wait_for 10 "[ \$(count $OVL) -gt $n6 ]" || nv_fail "event $i: no trap 6"
	t1=$(grep " $OVL\$" "$T/received" | tail -1 | cut -d' ' -f1)
	echo $(( (t1 - t0) / 1000 )) >> "$T/lat"     # microseconds
	nv_simctl set A02 0 >/dev/null || nv_fail "nvsim: set A02 0"
	nv_wait_for 10 "[ \$(count $REM) -gt $n4 ]" || nv_fail "event $i: no removal"
	# the removal opened a debounce window: the next rise must not be held
	t_rem=$(grep " $REM\$" "$T/received" | tail -1 | cut -d' ' -f1)
	while [ "$(date +%s%N)" -lt $(( t_rem + 1200000000 )) ]; do sleep 0.05; done
done
# one status (0x1020 x4) + one alarm (0x1040 x4) read at 9600 8N1: request
# 8 bytes, reply 3 + 8 + 2 bytes, a 3.5-character gap after each frame,
# nvsim's default 10 ms turnaround
wire=$(awk 'BEGIN { c = 10 * 1000 / 9600; printf "%.1f", 2 * ((8 + 13) * c + 7 * c + 10) }')
sort -n "$T/lat" | awk -v n="$N" -v wire="$wire" '
	{ v[NR] = $1 / 1000 }
	END {
		p50 = v[int((NR + 1) * 0.50)]; p99 = v[int(NR * 0.99 + 0.999)]
		printf "method: t0 = date +%%s%%N just before `nvsim ctl set A02 1`; t1 = date +%%s%%N\n"
		printf "  in a snmptrapd traphandle for upsTrapOverload; then A02 cleared, removal\n"
		printf "  trap awaited, debounce window (1 s default) let pass before the next event\n"
		printf "trap latency, %d events, nvsim --wire-timing 9600 baud, default poll/debounce:\n", NR
		for (i = 1; i <= NR; i++) if (v[i] > 250) over++
		printf "  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  min %.1f ms  max %.1f ms  over 250 ms: %d\n",
		    p50, v[int(NR * 0.90 + 0.999)], p99, v[1], v[NR], over
		printf "  wire time of one status + alarm read: %s ms; target p99 <= 250 ms: %s\n", wire, p99 <= 250 ? "met" : "NOT met"
	}'
exit 0
