#!/usr/bin/env bash
# Against a running nvagentd polling a simulated UPS, `nvctl status` shows
# the identity, communication and measurements with units, `--json` is
# valid JSON with the same values, and an unknown command is one ERR line;
# a burst of connections past the limit is refused with one log line.
# SIGTERM stops the daemon with status 0 and removes its control socket.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"

nv_start_nvsim jbusp-three-phase
nv_start_snmpd
nv_write_conf > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
SOCK="$T/nvagent.sock"
nv_wait_for 20 "'$NVCTL' -s '$SOCK' status | grep -q '^Communication:  ok'" ||
	nv_fail "nvctl status never showed communication ok"

nv_simctl set M04 95 >/dev/null || nv_fail "nvsim ctl failed"   # battery charge %
nv_wait_for 10 "'$NVCTL' -s '$SOCK' status | grep -q '^  Battery charge     95 %\$'" ||
	nv_fail "battery charge 95 % not shown: $("$NVCTL" -s "$SOCK" status)"
status=$("$NVCTL" -s "$SOCK" status) || nv_fail "nvctl status failed"
for want in '^Device:         UPS MASTERYS' '^Protocol:       JBUSP, 9600 baud$' \
	'^Topology:       single, 1 unit' '^  Input voltage      [0-9]+\.[0-9] / [0-9]+\.[0-9] / [0-9]+\.[0-9] V$' \
	'^  Output frequency   [0-9]+\.[0-9] Hz$' '^  Battery temp\.      n/a degC$' '^Alarms:         '; do
	printf '%s\n' "$status" | grep -Eq -- "$want" || nv_fail "status lacks /$want/:
$status"
done

"$NVCTL" -s "$SOCK" --json status > "$T/status.json" || nv_fail "nvctl --json status failed"
python3 -m json.tool "$T/status.json" >/dev/null || nv_fail "invalid JSON: $(cat "$T/status.json")"
charge=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["measurements"]["battery_charge_pct"])' "$T/status.json")
assert_eq "JSON battery charge" 95 "$charge"

# the same value through SNMP (SOCOMEC upsEstimatedChargeRemaining)
assert_eq "SNMP battery charge" 95 "$(nv_get $SOCOMEC.1.2.4.0)"

"$NVCTL" -s "$SOCK" frobnicate >/dev/null 2>"$T/err"
assert_eq "unknown command exit status" 1 "$?"
assert_eq "unknown command message" "nvctl: unknown command 'frobnicate' (try 'help')" "$(cat "$T/err")"

# 60 connections at once: 16 served, the others refused with one log line
/usr/bin/python3 - "$SOCK" <<'PY' || nv_fail "cannot open the connections"
import socket, sys
conns = []
for _ in range(60):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sys.argv[1])
    conns.append(s)
busy = 0
for s in conns[16:]:
    s.settimeout(5)
    if s.recv(100).startswith(b"ERR too many control connections"):
        busy += 1
assert busy == 44, busy
PY
refused=$(grep -c 'connection refused: 16 clients' "$T/nvagentd.log")
assert_eq "log lines for 44 refused connections" 1 "$refused"
"$NVCTL" -s "$SOCK" status >/dev/null || nv_fail "not served after the burst"

kill -TERM "$NVAGENTD_PID"
wait "$NVAGENTD_PID"
assert_eq "exit status after SIGTERM" 0 "$?"
[ -e "$SOCK" ] && nv_fail "control socket left behind after SIGTERM"
nv_pass
