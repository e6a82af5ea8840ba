# tests/lib/common.sh — shared harness for integration tests (bash).
#
# Everything runs on loopback, in a private temp dir, with unprivileged
# ports; every process started here is stopped by its PID at exit.
#
#   . "$NV_SRCDIR/tests/lib/common.sh"
#   nv_setup                       # temp dir in $T, cleanup trap
#   nv_start_nvsim jbusp-three-phase   # $NVSIM_PTY, $NVSIM_CTL
#   nv_simctl set M04 95           # one control command, prints the reply
#   nv_start_snmpd                 # $SNMPD_PORT, $AGENTX_SOCK
#   nv_write_conf > "$T/nvagent.conf"; nv_start_nvagentd "$T/nvagent.conf"
#   nv_wait_for 10 'snmpget ... | grep -q 95'
#   nv_pass / nv_fail "why" / nv_skip "why"
set -u

: "${NV_BUILDDIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build}"
: "${NV_SRCDIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
NVSIM=${NVSIM:-$NV_BUILDDIR/nvsim}
NVAGENTD=${NVAGENTD:-$NV_BUILDDIR/nvagentd}
NVCTL=${NVCTL:-$NV_BUILDDIR/nvctl}
NV_PIDS=()
SOCOMEC=.1.3.6.1.4.1.4555.1.1.7

nv_log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
nv_fail() { nv_log "FAIL: $*"; nv_dump_logs; exit 1; }
nv_skip() { nv_log "SKIP: $*"; exit 77; }
nv_pass() { nv_log "PASS"; exit 0; }

nv_dump_logs() {
	[ -n "${T:-}" ] && [ -d "$T" ] || return 0
	for f in "$T"/*.log; do
		[ -f "$f" ] || continue
		echo "---- $f (last 40 lines)" >&2
		tail -n 40 "$f" >&2
	done
}

# Daemons whose exit status is checked at cleanup (PID -> log file): one
# still running must exit 0 on SIGTERM, else (a sanitizer report at exit,
# a crash, a hang) the test fails.  A test that leaves one killed or
# failing on purpose, unreaped, calls nv_unchecked PID.
declare -A NV_CHECKED=()
nv_unchecked() { unset "NV_CHECKED[$1]"; }

# Stop one daemon with SIGTERM (SIGKILL after 10 s); its exit status.
nv_term_wait() {
	local pid=$1 rc
	kill -TERM "$pid" 2>/dev/null
	for _ in $(seq 200); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null; rc=$?
	return "$rc"
}

# Stop everything this test started; returns 1 when a checked daemon did
# not exit 0.  Checked daemons (nvagentd, nvsim) go first, newest first,
# while their peers (snmpd, receivers) still run: a master that vanished
# first would make the subagent's exit path differ from a real stop.
nv_stop_all() {
	local i pid st bad=0
	for (( i = ${#NV_PIDS[@]} - 1; i >= 0; i-- )); do
		pid=${NV_PIDS[$i]}
		[ -n "${NV_CHECKED[$pid]:-}" ] || continue
		# one already gone was stopped (and judged) by the test itself
		kill -0 "$pid" 2>/dev/null || continue
		nv_term_wait "$pid"; st=$?
		if [ "$st" -ne 0 ]; then
			nv_log "FAIL: $(basename "${NV_CHECKED[$pid]}" .log) (pid $pid) exited with status $st after SIGTERM"
			tail -n 60 "${NV_CHECKED[$pid]}" >&2
			bad=1
		fi
	done
	for pid in "${NV_PIDS[@]}"; do
		[ -z "${NV_CHECKED[$pid]:-}" ] && kill -TERM "$pid" 2>/dev/null
	done
	for pid in "${NV_PIDS[@]}"; do
		[ -z "${NV_CHECKED[$pid]:-}" ] && nv_term_wait "$pid"
	done
	NV_PIDS=()
	NV_CHECKED=()
	[ -n "${T:-}" ] && [ -z "${NV_KEEP:-}" ] && rm -rf "$T"
	return "$bad"
}

# The EXIT trap: stop everything, and fail a passing test whose daemons
# did not stop cleanly.
nv_cleanup() {
	local rc=$?
	set +e          # scripts with set -e (the demo) must still stop everything
	nv_stop_all || { [ "$rc" -eq 0 ] && rc=1; }
	exit "$rc"
}

# Between the cases of one test: stop everything (checked), fresh temp dir.
nv_next_case() {
	nv_stop_all || nv_fail "a daemon did not stop cleanly"
	nv_setup
}

nv_setup() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/nvtest.XXXXXX")
	export SNMP_PERSISTENT_DIR="$T/snmp-persist"
	export SNMPCONFPATH="$T"       # client tools read only our snmp.conf
	export MIBS=""                 # numeric OIDs unless a test asks for names
	mkdir -p "$SNMP_PERSISTENT_DIR"
	printf 'mibs :\npersistentDir %s\n' "$SNMP_PERSISTENT_DIR" > "$T/snmp.conf"
	trap nv_cleanup EXIT
	trap 'exit 1' INT TERM
}

# nv_wait_for SECONDS 'shell condition' — poll the condition every 50 ms
# until it holds; fails (returns 1) at the deadline.
nv_wait_for() {
	local secs=$1; shift
	local end=$(( $(date +%s%N) + secs * 1000000000 ))
	while [ "$(date +%s%N)" -lt "$end" ]; do
		eval "$@" >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	return 1
}

# A free TCP/UDP port on 127.0.0.1 (bound by the kernel, then released).
nv_free_port() {
	python3 - <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
for _ in range(100):
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    try:
        t.bind(("127.0.0.1", port)); break
    except OSError:
        s.close(); s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print(port)
PY
}

nv_bg() {   # nv_bg LOGFILE cmd... — start a process, remember its PID
	local logf=$1; shift
	"$@" >"$logf" 2>&1 &
	NV_LAST_PID=$!
	NV_PIDS+=("$NV_LAST_PID")
}

# nv_start_nvsim PROFILE [nvsim options...] — sets NVSIM_PTY, NVSIM_CTL, NVSIM_PID
nv_start_nvsim() {
	local profile=$1; shift
	local log="$T/nvsim${NV_SIM_N:+-$NV_SIM_N}.log"   # the first: nvsim.log
	NVSIM_PTY="$T/ttyUPS${NV_SIM_N:-0}"
	NVSIM_CTL="$T/nvsim${NV_SIM_N:-0}.sock"
	NV_SIM_N=$(( ${NV_SIM_N:-0} + 1 ))
	nv_bg "$log" "$NVSIM" --profile "$profile" --pty "$NVSIM_PTY" \
		--control "$NVSIM_CTL" "$@"
	NVSIM_PID=$NV_LAST_PID
	NV_CHECKED[$NVSIM_PID]="$log"
	nv_wait_for 10 "[ -S '$NVSIM_CTL' ] && [ -e '$NVSIM_PTY' ]" ||
		nv_fail "nvsim did not start"
}

nv_simctl() { "$NVSIM" ctl "$NVSIM_CTL" "$@"; }

# nv_start_snmpd [extra snmpd.conf lines...] — private master agent.
# Sets SNMPD_PORT, AGENTX_SOCK, SNMPD_PID; communities public (ro),
# private (rw); v3 user nvtest / SHA / AES, passphrases "nvtest-auth-pass"
# and "nvtest-priv-pass".
nv_start_snmpd() {
	local try own_port=${SNMPD_PORT:-}
	SNMPD_PORT=${SNMPD_PORT:-$(nv_free_port)}
	AGENTX_SOCK="$T/agentx.sock"
	mkdir -p "$T/snmpd-persist"
	cat > "$T/snmpd.conf" <<EOF
master agentx
agentXSocket unix:$AGENTX_SOCK
agentXPerms 0660 0770
agentXTimeout 5
rocommunity public 127.0.0.1
rwcommunity private 127.0.0.1
createUser nvtest SHA "nvtest-auth-pass" AES "nvtest-priv-pass"
rwuser nvtest priv
dontLogTCPWrappersConnects yes
sysObjectID .1.3.6.1.4.1.4555.1.1.7
sysDescr nvagent test master
$(printf '%s\n' "$@")
EOF
	# a port free when picked may be taken before snmpd binds it (other
	# tests start at the same time): a port we picked is picked again
	for try in 1 2 3; do
		SNMP_PERSISTENT_DIR="$T/snmpd-persist" nv_bg "$T/snmpd.log" \
			snmpd -f -Lo -C -c "$T/snmpd.conf" -p "$T/snmpd.pid" \
			-I usmConf,vacm_conf,usmUser,vacm_vars,snmpEngine,system_mib,sysORTable,snmp_mib \
			"udp:127.0.0.1:$SNMPD_PORT"
		SNMPD_PID=$NV_LAST_PID
		nv_wait_for 10 "[ -S '$AGENTX_SOCK' ] || ! kill -0 $SNMPD_PID" || break
		[ -S "$AGENTX_SOCK" ] && break
		[ -z "$own_port" ] && grep -q 'Error opening specified endpoint' "$T/snmpd.log" || break
		wait "$SNMPD_PID" 2>/dev/null
		SNMPD_PORT=$(nv_free_port)
	done
	[ -S "$AGENTX_SOCK" ] || nv_fail "snmpd did not start"
	nv_wait_for 10 "snmpget -v2c -c public -t 0.5 -r 0 127.0.0.1:$SNMPD_PORT .1.3.6.1.2.1.1.2.0" ||
		nv_fail "snmpd does not answer"
}

# Config for nvagentd against the current nvsim and snmpd; extra lines
# (arguments) are appended, NV_SERIAL_OPTS goes into the serial section.
# Short intervals so that tests are quick.
nv_write_conf() {
	cat <<EOF
serial { device = "$NVSIM_PTY"  baud = ${NV_BAUD:-auto}  slave = 1  ${NV_SERIAL_OPTS:-} }
poll   { interval = 1  status-interval = 0  comm-loss-after = 3 }
agentx { socket = "unix:$AGENTX_SOCK"  ping-interval = 1 }
state-dir      = "$T/state"
control-socket = "$T/nvagent.sock"
system { name = "nvtest"  contact = "ops@example.org"  location = "lab" }
EOF
	printf '%s\n' "$@"
}

# A test in which the AgentX master goes away under nvagentd calls this
# before starting it: net-snmp leaks a transport address then (see the
# suppression file), which is not ours to fix.
nv_expect_master_loss() {
	export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$NV_SRCDIR/tests/lib/lsan-master-loss.supp"
}

# nv_start_nvagentd CONF [options...] — foreground daemon, logs to stdout.
nv_start_nvagentd() {
	local conf=$1; shift
	mkdir -p "$T/state"
	SNMP_PERSISTENT_DIR="$T/agent-persist" nv_bg "$T/nvagentd.log" \
		${NV_WRAPPER:-} "$NVAGENTD" -f -c "$conf" -Lo "$@"
	NVAGENTD_PID=$NV_LAST_PID
	NV_CHECKED[$NVAGENTD_PID]="$T/nvagentd.log"
}

# Wait until nvagentd serves the SOCOMEC tree with live data.
nv_wait_agent_ready() {
	nv_wait_for "${1:-20}" "snmpget -v2c -c public -Oqv -t 0.5 -r 0 127.0.0.1:$SNMPD_PORT $SOCOMEC.1.2.4.0 | grep -qv -- '^-1\$\\|No Such'" ||
		nv_fail "nvagentd did not serve live data"
}

nv_get() {   # nv_get OID — value only (-Oqv), v2c public
	snmpget -v2c -c public -Oqv -t 1 -r 1 "127.0.0.1:$SNMPD_PORT" "$@"
}

nv_walk() {  # nv_walk OID — "OID value" lines, numeric
	snmpbulkwalk -v2c -c public -On -Oq -t 2 -r 1 "127.0.0.1:$SNMPD_PORT" "$@"
}

# assert_eq WHAT EXPECTED ACTUAL
assert_eq() {
	[ "$2" = "$3" ] || nv_fail "$1: expected '$2', got '$3'"
}

# nv_start_stack PROFILE [config lines...] — nvsim + snmpd + nvagentd,
# waiting until the agent serves live data.  NVSIM_ARGS adds nvsim options.
nv_start_stack() {
	local profile=$1; shift
	nv_start_nvsim "$profile" ${NVSIM_ARGS:-}
	nv_start_snmpd
	nv_write_conf "$@" > "$T/nvagent.conf"
	nv_start_nvagentd "$T/nvagent.conf"
	nv_wait_agent_ready 30
	# a VU-MAP UPS gets its clock set once the agent talks to it: wait for
	# that write, so that it never lands in a test's write log
	case $profile in
	vumap*) nv_wait_for 30 "grep -q 'clock-sync asked by the daily clock sync \\(sent\\|refused\\|failed\\)' '$T/nvagentd.log'" ||
		nv_fail "no clock sync at start" ;;
	esac
}

# nv_hist_last TITLE-PREFIX — that column of the newest history record
# (nvctl on the agent's socket in $T).
nv_hist_last() {
	"$NVCTL" -s "$T/nvagent.sock" log show history --csv --last 1 | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
print([v for k, v in rows[-1].items() if k.startswith(sys.argv[1])][0])' "$1"
}

# Milliseconds since the epoch.
nv_now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# nv_sim_dropped — how many requests nvsim has left unanswered (fault
# no-response) since its counters were last reset.
nv_sim_dropped() { nv_simctl counters | sed -n 's/.*dropped=\([0-9]*\).*/\1/p'; }

# nv_sim_clock_past SECONDS — true once nvsim's simulated clock (seconds
# since it started, times --time-scale) has reached SECONDS.
nv_sim_clock_past() {
	awk -v now="$(nv_simctl clock)" -v t="$1" 'BEGIN { exit !(now != "" && now >= t) }'
}

# nv_sim_reads_mark, then nv_sim_polls_since_mark — how many more times the
# most often read register block was read since the mark: the number of
# poll cycles the agent has run since.
nv_sim_reads_mark() { nv_simctl counters > "$T/sim-reads.mark"; }
nv_sim_polls_since_mark() {
	nv_simctl counters | awk -v mark="$T/sim-reads.mark" '
		function load(line, into,   i, n, w, kv) {
			n = split(line, w, " ")
			for (i = 1; i <= n; i++)
				if (w[i] ~ /^fc/) { split(w[i], kv, "="); into[kv[1]] = kv[2] }
		}
		{ load($0, now) }
		END {
			getline old < mark; load(old, then)
			for (k in now) if (now[k] - then[k] > best) best = now[k] - then[k]
			print best + 0
		}'
}

# NUT's snmp-ups driver (Debian package nut-snmp); tests skip without it.
SNMPUPS=${SNMPUPS:-/usr/lib/nut/snmp-ups}
nv_need_snmp_ups() {
	[ -x "$SNMPUPS" ] || nv_skip "NUT snmp-ups driver not installed (Debian package nut-snmp)"
}

# nv_start_snmp_ups [-x OPTION=VALUE...] — the driver (mibs=ietf, v2c,
# the write community) against the private snmpd, in the foreground with
# its debug log in $T/nut.log and its state in $T/nut; NUT_SOCK is its
# socket.  Waits until the socket is there.
nv_start_snmp_ups() {
	local user=()
	[ "$(id -u)" = 0 ] && user=(-u root)
	mkdir -m 700 "$T/nut"
	NUT_STATEPATH="$T/nut" NUT_CONFPATH="$T/nut" nv_bg "$T/nut.log" "$SNMPUPS" -s nvtest \
		-x port="127.0.0.1:$SNMPD_PORT" -x mibs=ietf -x snmp_version=v2c \
		-x community=private -x pollfreq=1 -x snmp_timeout=8 -x snmp_retries=0 \
		"$@" "${user[@]}" -F -DD
	NUT_SOCK="$T/nut/snmp-ups-nvtest"
	nv_wait_for 30 "[ -S '$NUT_SOCK' ]" || nv_fail "snmp-ups did not start"
}

# nv_nut_instcmd CMD — an instant command on the driver's socket, the line
# upsd sends for upscmd.
nv_nut_instcmd() {
	python3 - "$NUT_SOCK" "$1" <<'PY' || nv_fail "cannot talk to the driver socket"
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(("INSTCMD %s\n" % sys.argv[2]).encode())
s.close()
PY
}
