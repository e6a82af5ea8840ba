#!/usr/bin/env bash
# Against a live nvagentd polling a simulated UPS (history every second):
# the history log records the manual's measurements as nvsim serves them;
# the extended log's min / max are the extremes of a known sequence of
# values and its average lies between them; a mains failure and its
# restore are logged as UPS events (set, then clear) with time, level and
# description; the agent log tells boot, SIGHUP, communication lost /
# restored and who cleared a log; `log show --csv` is valid CSV and the
# plot a valid PNG; a malformed date is one clear error line.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"

LOGS='logs { history-interval = 1  extended-interval = 60  records = 64 }'
nv_start_stack jbusp-three-phase "$LOGS"
SOCK="$T/nvagent.sock"
ctl() { "$NVCTL" -s "$SOCK" "$@"; }
csv_rows() {   # csv_rows LOG — data rows of `log show LOG --csv`, python-checked
	ctl log show "$1" --csv > "$T/$1.csv" || nv_fail "log show $1 --csv failed"
	python3 - "$T/$1.csv" <<'PY' || nv_fail "$1 CSV does not parse: $(head -3 "$T/$1.csv")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
assert len(rows) >= 1, "no header"
width = len(rows[0])
assert all(len(r) == width for r in rows), "ragged rows"
print(len(rows) - 1)
PY
}

# -- history: the battery capacity nvsim serves, at every record ----------
nv_simctl set M04 87 >/dev/null || nv_fail "nvsim set failed"
nv_wait_for 15 "ctl log show history --csv --last 1 | tail -1 | grep -q ','" ||
	nv_fail "no history record: $(ctl log show history)"
nv_wait_for 10 "[ \"\$(nv_hist_last 'Battery capacity')\" = 87 ]" ||
	nv_fail "history battery capacity is not 87: $(ctl log show history --last 2 --csv)"
# voltages and load as nvsim serves them (V and %; the log keeps 0.1 V)
for pair in "Input voltage L1:M33" "Output voltage L2:M10" "Output load L3:M02"; do
	title=${pair%%:*}; reg=${pair#*:}
	want=$(nv_simctl get "$reg") || nv_fail "nvsim get $reg failed"
	got=$(nv_hist_last "$title")
	python3 -c "import sys; sys.exit(float('$got') != float('$want'))" ||
		nv_fail "history '$title' is '$got', nvsim $reg is '$want'"
done

# -- events: mains failure and restore -------------------------------------
assert_eq "mains-fail" OK "$(nv_simctl scenario mains-fail)"
nv_wait_for 15 "ctl log show ups-events --csv | grep -q ',set,Operating on battery'" ||
	nv_fail "no 'on battery' set event: $(ctl log show ups-events)"
assert_eq "mains-restore" OK "$(nv_simctl scenario mains-restore)"
nv_wait_for 15 "ctl log show ups-events --csv | grep -q ',cleared,Operating on battery'" ||
	nv_fail "no 'on battery' clear event: $(ctl log show ups-events)"
n=$(csv_rows ups-events)
[ "$n" -ge 2 ] || nv_fail "ups-events: $n rows"
ctl log show ups-events --csv | tr -d '\r' | grep 'Operating on battery' | head -1 |
	grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8},warning,set,Operating on battery$' ||
	nv_fail "event row lacks time / level: $(ctl log show ups-events --csv | head -3)"

# -- extended min / avg / max over a known sequence ------------------------
# SIGTERM closes the period so far into one extended record.
for v in 91 62 75 88; do
	nv_simctl set M04 "$v" >/dev/null
	nv_wait_for 10 "'$NVCTL' -s '$SOCK' status | grep -q 'Battery charge *$v %'" ||
		nv_fail "agent never saw battery $v %"
done
kill -TERM "$NVAGENTD_PID"; wait "$NVAGENTD_PID"
assert_eq "exit after SIGTERM" 0 "$?"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_for 15 "ctl log show extended --csv | tail -1 | grep -q ','" ||
	nv_fail "no extended record after a clean stop: $(ctl log show extended)"
ctl log show extended --csv > "$T/ext.csv"
python3 - "$T/ext.csv" <<'PY' || nv_fail "extended record wrong: $(cat "$T/ext.csv")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
r = rows[-1]
cols = {k: v for k, v in r.items() if k.startswith("Battery capacity")}
mn = float([v for k, v in cols.items() if "min" in k.lower()][0])
mx = float([v for k, v in cols.items() if "max" in k.lower()][0])
av = float([v for k, v in cols.items() if "avg" in k.lower()][0])
assert mn == 62, ("min", mn)
assert mx == 100 or mx == 91, ("max", mx)   # 100 % before the first set
assert mn <= av <= mx, ("avg", av)
PY

# -- agent events: boot, SIGHUP, comm lost / restored, clear by whom --------
kill -HUP "$NVAGENTD_PID"
nv_wait_for 10 "ctl log show agent-events | grep -q 'Configuration changed (SIGHUP)'" ||
	nv_fail "SIGHUP not logged: $(ctl log show agent-events)"
kill -STOP "$NVSIM_PID"
nv_wait_for 20 "ctl log show agent-events | grep -q 'communication lost'" ||
	{ kill -CONT "$NVSIM_PID"; nv_fail "comm lost not logged: $(ctl log show agent-events)"; }
kill -CONT "$NVSIM_PID"
nv_wait_for 20 "ctl log show agent-events | grep -q 'communication restored'" ||
	nv_fail "comm restored not logged: $(ctl log show agent-events)"
agent=$(ctl log show agent-events)
for want in 'Agent started' 'Agent stopped'; do
	printf '%s\n' "$agent" | grep -q "$want" || nv_fail "agent log lacks '$want': $agent"
done

# -- CSV, plot, clear ------------------------------------------------------
n=$(csv_rows history)
[ "$n" -ge 3 ] || nv_fail "history: only $n rows"
assert_eq "--last 2 rows" 3 "$(ctl log show history --csv --last 2 | wc -l)"
ctl log plot history --out "$T/h.png" --fields batt_cap,in_v1 >/dev/null ||
	nv_fail "log plot failed"
assert_eq "PNG signature" "89504e470d0a1a0a" "$(head -c 8 "$T/h.png" | od -An -tx1 | tr -d ' \n')"
# a complete PNG: signature, IHDR with a size, and the IEND chunk at the end
python3 - "$T/h.png" <<'PY' || nv_fail "not a valid PNG image"
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n"
n, kind = struct.unpack(">I4s", d[8:16])
assert kind == b"IHDR" and zlib.crc32(d[12:16 + n]) == struct.unpack(">I", d[16 + n:20 + n])[0]
w, h = struct.unpack(">II", d[16:24])
assert w >= 320 and h >= 200, (w, h)
assert d[-12:-4] == b"\x00\x00\x00\x00IEND"
PY

ctl log clear history >/dev/null || nv_fail "log clear failed"
ctl log show agent-events | grep -q 'History log cleared by user root' ||
	nv_fail "clear not logged by whom: $(ctl log show agent-events)"

# -- bad input ---------------------------------------------------------------
ctl log show history --from 2026-13-45 >/dev/null 2>"$T/err"
assert_eq "bad date exit status" 1 "$?"
grep -q "^nvctl: bad date '2026-13-45'" "$T/err" || nv_fail "bad date message: $(cat "$T/err")"
[ "$(wc -l < "$T/err")" -eq 1 ] || nv_fail "bad date: more than one line: $(cat "$T/err")"
ctl log show nosuchlog >/dev/null 2>"$T/err"
assert_eq "unknown log exit status" 1 "$?"
grep -q "unknown log 'nosuchlog'" "$T/err" || nv_fail "unknown log message: $(cat "$T/err")"
nv_pass
