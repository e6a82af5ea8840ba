#!/usr/bin/env bash
# SIGHUP reloads nvagent.conf: a bad file is refused (the log names
# FILE:LINE) and the daemon keeps serving with its running configuration;
# a good file is applied.  Run here as a real background daemon with a pid
# file, which SIGTERM removes together with the control socket.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"

nv_start_nvsim jbusp-three-phase
nv_start_snmpd
CONF="$T/nvagent.conf"
SOCK="$T/nvagent.sock"
PIDF="$T/nvagentd.pid"
nv_write_conf > "$CONF"
mkdir -p "$T/state"

# background mode: the parent returns 0 once the daemon is up
SNMP_PERSISTENT_DIR="$T/agent-persist" "$NVAGENTD" -c "$CONF" -p "$PIDF" -Lf "$T/nvagentd.log" ||
	nv_fail "nvagentd did not start in the background"
[ -s "$PIDF" ] || nv_fail "no pid file"
DPID=$(cat "$PIDF")
NV_PIDS+=("$DPID")
kill -0 "$DPID" 2>/dev/null || nv_fail "pid file names no live process"
[ -S "$SOCK" ] || nv_fail "no control socket after start"
assert_eq "control socket mode" 660 "$(stat -c %a "$SOCK")"

# a second instance on the same pid file is refused
"$NVAGENTD" -c "$CONF" -p "$PIDF" 2>"$T/err"
assert_eq "second instance exit status" 1 "$?"
assert_eq "second instance message" "nvagentd: $T/nvagent.sock: another nvagentd is already listening there" "$(cat "$T/err")"

nv_wait_for 20 "'$NVCTL' -s '$SOCK' status | grep -q '^Agent:          nvtest\$'" ||
	nv_fail "status never showed the agent name"

# a bad file: refused, logged with FILE:LINE, daemon still serving
cp "$CONF" "$T/good.conf"
printf 'system {\n\tname = "renamed"\n\tuser-ref = "MUCH-TOO-LONG"\n}\n' >> "$CONF"
line=$(grep -n 'user-ref' "$CONF" | cut -d: -f1)
kill -HUP "$DPID"
nv_wait_for 10 "grep -qF '$CONF:$line: user-ref: value is 13 characters long, at most 11 allowed' '$T/nvagentd.log'" ||
	nv_fail "no FILE:LINE reload error in the log"
grep -F "$CONF:$line:" "$T/nvagentd.log" | grep -q 'keeping the running configuration' ||
	nv_fail "log does not say the running configuration is kept"
kill -0 "$DPID" 2>/dev/null || nv_fail "daemon died on a bad reload"
"$NVCTL" -s "$SOCK" status | grep -q '^Agent:          nvtest$' ||
	nv_fail "running configuration not kept"

# a good file: applied
sed 's/name = "nvtest"/name = "renamed"/' "$T/good.conf" > "$CONF"
kill -HUP "$DPID"
nv_wait_for 10 "'$NVCTL' -s '$SOCK' status | grep -q '^Agent:          renamed\$'" ||
	nv_fail "good reload not applied"
grep -q 'configuration reloaded' "$T/nvagentd.log" || nv_fail "reload not logged"

kill -TERM "$DPID"
nv_wait_for 10 "! kill -0 $DPID" || nv_fail "daemon did not stop on SIGTERM"
[ -e "$SOCK" ] && nv_fail "control socket left behind"
[ -e "$PIDF" ] && nv_fail "pid file left behind"
grep -q 'stopping' "$T/nvagentd.log" || nv_fail "no clean stop in the log"
nv_pass
