#!/usr/bin/env bash
# `nvctl log show` prints a log of 65,536 records (the most `records`
# allows), streamed by nvagentd a bounded chunk at a time; a control
# client that queues many big requests and never reads makes the agent
# hold one reply's chunk, not all the replies, and GETs keep answering.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
FILLER=$NV_BUILDDIR/tests/unit/agentlog_filler
[ -x "$FILLER" ] || nv_skip "agentlog_filler not built"

mkdir -p "$T/state"
"$FILLER" "$T/state" 65536 65536 2> "$T/filler.err" ||
	nv_fail "cannot fill the agent event log: $(tail -1 "$T/filler.err")"
nv_start_stack jbusp-three-phase 'logs { records = 65536 }'
SOCK="$T/nvagent.sock"

"$NVCTL" -s "$SOCK" log show agent-events > "$T/events.txt" 2> "$T/nvctl.err" ||
	nv_fail "nvctl log show of a full log failed: $(cat "$T/nvctl.err")"
rows=$(grep -c 'filler record' "$T/events.txt")
[ "$rows" -ge 65530 ] || nv_fail "only $rows filler records shown of 65,536"
tail -3 "$T/events.txt" | grep -q 'Agent started' || nv_fail "the newest record is not last"

# a reader that asks for the full log many times over and reads nothing
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$NVAGENTD_PID/status"; }
before=$(rss)
nv_bg "$T/greedy.log" /usr/bin/python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
s.sendall(b"log show agent-events\n" * 40)
print("sent", flush=True)
time.sleep(60)' "$SOCK"
GREEDY=$NV_LAST_PID
nv_wait_for 10 "grep -q sent '$T/greedy.log'" || nv_fail "the greedy reader did not start"
for i in 1 2 3 4 5; do
	snmpget -v2c -c public -Oqv -t 1 -r 0 "127.0.0.1:$SNMPD_PORT" "$SOCOMEC.1.2.4.0" |
		grep -qv 'No Such\|^-1$' || nv_fail "GET not answered while a reader stalls ($i)"
done
after=$(rss)
nv_log "VmRSS ${before} kB before, ${after} kB with the greedy reader"
[ $(( after - before )) -lt 32768 ] ||
	nv_fail "the agent grew by $(( after - before )) kB for one unread connection"
"$NVCTL" -s "$SOCK" status >/dev/null || nv_fail "another client is not served"
kill "$GREEDY"
nv_pass
