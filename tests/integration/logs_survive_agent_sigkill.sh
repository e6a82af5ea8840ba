#!/usr/bin/env bash
# nvagentd killed with SIGKILL again and again while it writes a history
# record every second: after each restart, every record `log show` gave
# before the kill is still there, unchanged and in the same order, times
# never go backwards, and nothing else (no garbage row) appears.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"
CYCLES=${NV_AGENT_CRASH_CYCLES:-4}

nv_start_stack jbusp-three-phase 'logs { history-interval = 1  records = 16 }'
SOCK="$T/nvagent.sock"
ctl() { "$NVCTL" -s "$SOCK" "$@"; }
rows() { ctl log show history --csv | tail -n +2; }

for cycle in $(seq "$CYCLES"); do
	# two new records in this life of the agent, then kill it
	for k in 1 2; do
		rows | tail -1 > "$T/newest"
		nv_wait_for 15 "! rows | tail -1 | cmp -s - '$T/newest'" ||
			nv_fail "cycle $cycle: no new history record"
	done
	rows > "$T/before.csv"
	kill -KILL "$NVAGENTD_PID"
	wait "$NVAGENTD_PID" 2>/dev/null
	nv_start_nvagentd "$T/nvagent.conf"
	nv_wait_for 15 "ctl log show history --csv > '$T/after.full'" ||
		nv_fail "cycle $cycle: agent did not come back"
	tail -n +2 "$T/after.full" > "$T/after.csv"
	python3 - "$T/before.csv" "$T/after.csv" <<'PY' || nv_fail "cycle $cycle: records lost or damaged"
import csv, sys, time
before = [tuple(r) for r in csv.reader(open(sys.argv[1], newline=''))]
after = [tuple(r) for r in csv.reader(open(sys.argv[2], newline=''))]
# every record shown before the kill is still there, in order; the ring
# (16 records) may only have dropped the oldest ones since
assert before[-1] in after, "the newest record before the kill is gone"
i = after.index(before[-1])
assert after[:i + 1] == before[len(before) - i - 1:], "older records changed"
times = [time.mktime(time.strptime(r[0], "%Y-%m-%d %H:%M:%S")) for r in after]
assert times == sorted(times), "times go backwards"
for r in after:
    assert len(r) == len(after[0]), "ragged row"
    cap = float(r[14])
    assert 0 <= cap <= 100, "battery capacity %r" % r[14]
PY
done
n=$(ctl log show agent-events | grep -c 'Agent started')
[ "$n" -ge $(( CYCLES + 1 )) ] || nv_fail "expected $(( CYCLES + 1 )) boots in the agent log, got $n"
nv_pass
