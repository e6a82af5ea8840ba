#!/bin/bash
# The room in the logs and in nvctl: the history log's EMD temperature and
# humidity columns are what the sensor (nvsim env-sensor) reads, the
# extended log keeps their min / max, `nvctl status` shows the room and
# `nvctl --json status` has an environment object; a history plot gets a
# Room panel.  A history file of the layout before the EMD columns is
# re-created at start, and the agent log says so in the manual's words.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
. "$NV_SRCDIR/tests/lib/env_sensor.sh"
SOCK="$T/nvagent.sock"
ctl() { "$NVCTL" -s "$SOCK" "$@"; }

nv_start_nvsim jbusp-three-phase
nv_start_env_sensor --slave 3
nv_envctl set temperature 27.3 >/dev/null
nv_envctl set humidity 48 >/dev/null
nv_start_snmpd
nv_write_conf 'logs { history-interval = 1  extended-interval = 60  records = 64 }' \
	"environment {
  serial { device = \"$ENV_PTY\"  slave = 3 }
  poll-interval = 1
  name = \"Room B\"
  input-1 { name = \"Door\"  mode = normally-open }
}" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30

nv_wait_for 15 "[ \"\$(nv_hist_last 'EMD temperature')\" = 27.3 ]" ||
	nv_fail "history EMD temperature: '$(nv_hist_last 'EMD temperature')': $(ctl log show history --last 2 --csv)"
assert_eq "history EMD humidity" 48.0 "$(nv_hist_last 'EMD humidity')"
ctl status > "$T/status.txt"
grep -q "^Environment:    Room B, env-sensor on $ENV_PTY slave 3, communication ok" "$T/status.txt" ||
	nv_fail "nvctl status: $(cat "$T/status.txt")"
grep -q "Room humidity *48.0 %" "$T/status.txt" || nv_fail "nvctl status humidity: $(cat "$T/status.txt")"
grep -q "Input 1 Door *not active" "$T/status.txt" || nv_fail "nvctl status input 1: $(cat "$T/status.txt")"
grep -q "Input 2 *disabled" "$T/status.txt" || nv_fail "nvctl status input 2: $(cat "$T/status.txt")"
ctl --json status > "$T/status.json" || nv_fail "nvctl --json status failed"
python3 - "$T/status.json" <<'PY' || nv_fail "JSON environment: $(cat "$T/status.json")"
import json, sys
e = json.load(open(sys.argv[1]))["environment"]
assert e == {"communication": "ok", "temperature_c": 27.3, "humidity_pct": 48.0,
             "input1": "not active", "input2": "disabled"}, e
PY
# a cooler reading, then SIGTERM closes the extended period: min / max
nv_envctl set temperature 19.5 >/dev/null
nv_wait_for 15 "[ \"\$(nv_hist_last 'EMD temperature')\" = 19.5 ]" || nv_fail "history never saw 19.5"
kill -TERM "$NVAGENTD_PID"; wait "$NVAGENTD_PID"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_for 15 "ctl log show extended --csv | tail -1 | grep -q ','" ||
	nv_fail "no extended record: $(ctl log show extended)"
ctl log show extended --csv > "$T/ext.csv"
python3 - "$T/ext.csv" <<'PY' || nv_fail "extended EMD columns: $(cat "$T/ext.csv")"
import csv, sys
r = list(csv.DictReader(open(sys.argv[1], newline='')))[-1]
mn = [v for k, v in r.items() if k.startswith("EMD temperature") and "min" in k.lower()]
mx = [v for k, v in r.items() if k.startswith("EMD temperature") and "max" in k.lower()]
assert mn and mx, list(r)
assert float(mn[0]) == 19.5 and float(mx[0]) == 27.3, (mn, mx)
PY
# a history file as the version without the EMD columns wrote it (schema
# 1, 16 values a record): re-created, with the manual's agent-log line
kill -TERM "$NVAGENTD_PID"; wait "$NVAGENTD_PID"
python3 - "$T/state/history.ring" <<'PY' || nv_fail "cannot make an old history file"
import struct, sys, zlib
with open(sys.argv[1], "r+b") as f:
    h = bytearray(f.read(64))
    magic, sid, ver, size, cap = struct.unpack_from("<8s4I", h)
    assert ver == 2, ver
    struct.pack_into("<2I", h, 12, 1, size - 8)     # version 1, two values less
    struct.pack_into("<I", h, 60, zlib.crc32(bytes(h[:60])))
    f.seek(0); f.write(h)
PY
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_for 15 "ctl log show agent-events --csv | grep -q 'History log schema changed. Log has been re-created.'" ||
	nv_fail "no re-creation line: $(ctl log show agent-events)"
nv_wait_for 15 "[ \"\$(nv_hist_last 'EMD temperature')\" = 19.5 ]" ||
	nv_fail "the re-created history has no EMD column: $(ctl log show history --last 2 --csv)"
if command -v gnuplot >/dev/null; then
	ctl log plot history --out "$T/h.png" --fields emd_temp,emd_hum > "$T/plot.out" 2>&1 ||
		nv_fail "plot: $(cat "$T/plot.out")"
fi
nv_pass
