#!/usr/bin/env bash
# `nvctl trace on` records the serial exchanges (slave, function, address,
# count, reply registers, timing), `trace show --csv` is valid CSV whose
# reply to a read of 0x1060 holds what nvsim serves there, a pinned
# timeout shows as an error row, and `trace off` stops recording.
# `nvctl config check FILE` says OK for a good file and FILE:LINE for a bad
# one, without a running daemon.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"

# -- config check, no daemon -------------------------------------------------
printf 'logs {\n  history-interval = 60\n  records = 8\n}\n' > "$T/bad.conf"
"$NVCTL" config check "$T/bad.conf" >/dev/null 2>"$T/err"
assert_eq "bad config: exit status" 1 "$?"
assert_eq "bad config: message" "$T/bad.conf:3: records: 8 is out of range 16..65536" "$(cat "$T/err")"
printf 'admin-group = "no-such-group-xyz"\n' > "$T/bad2.conf"
"$NVCTL" config check "$T/bad2.conf" >/dev/null 2>"$T/err"
assert_eq "bad group: message" "$T/bad2.conf:1: admin-group: no such group 'no-such-group-xyz'" "$(cat "$T/err")"
printf 'logs { history-interval = 5  extended-interval = 1440  records = 4096 }\n' > "$T/good.conf"
assert_eq "good config" "$T/good.conf: OK" "$("$NVCTL" config check "$T/good.conf")"

# -- trace -------------------------------------------------------------------
nv_start_stack jbusp-three-phase
SOCK="$T/nvagent.sock"
ctl() { "$NVCTL" -s "$SOCK" "$@"; }
ctl trace show | grep -q '^Serial trace: off, 0 exchange' || nv_fail "trace not off at start: $(ctl trace show)"
assert_eq "trace on" "serial trace on" "$(ctl trace on)"
nv_simctl set M04 77 >/dev/null
# the ring keeps the newest 256 exchanges, which the status lane fills in
# well under a second on a pty: judge the very capture that had a read of
# 0x1060 whose fifth word (M04) is the 77 just set (0x004D)
w='[0-9A-F]* '
nv_wait_for 10 "ctl trace show --csv > '$T/trace.csv' && grep -q ',3,0x1060,[0-9]*,.*,ok,[0-9]*,$w$w$w${w}004D' '$T/trace.csv'" ||
	nv_fail "no 0x1060 read in the trace: $(ctl trace show)"
python3 - "$T/trace.csv" <<'PY' || nv_fail "trace CSV wrong: $(head -5 "$T/trace.csv")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
assert rows, "no rows"
meas = [r for r in rows if r["address"] == "0x1060" and r["result"] == "ok"]
assert meas, "no measurement read"
words = meas[-1]["reply"].split()
assert int(words[4], 16) == 77, words        # M04 battery charge
assert 0 <= float(meas[-1]["ms"]) < 1000
assert all(r["slave"] == "1" and r["function"] == "3" for r in rows)
seqs = [int(r["seq"]) for r in rows]
assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
PY
assert_eq "fault on" OK "$(nv_simctl fault exception on)"
nv_wait_for 10 "ctl trace show --csv | grep -q ',exception: '" ||
	nv_fail "no exception row in the trace: $(ctl trace show | tail -3)"
assert_eq "fault off" OK "$(nv_simctl fault exception off)"
assert_eq "trace off" "serial trace off" "$(ctl trace off)"
n1=$(ctl trace show --csv | wc -l)
sleep 1.5       # a poll interval: nothing may be added while off
n2=$(ctl trace show --csv | wc -l)
assert_eq "no exchanges recorded while off" "$n1" "$n2"
ctl trace sideways >/dev/null 2>"$T/err"
assert_eq "bad trace word" "nvctl: usage: trace on|off|show [csv]" "$(cat "$T/err")"
nv_pass
