#!/bin/bash
# tests/soak/soak.sh — the whole stack for a long time through a random
# schedule of scenarios and faults, sampled every minute, checked at the
# end.  A script that prints figures and draws a plot, not a test of
# make check.
#
# Stack: nvsim (--wire-timing) on a pty, snmpd (AgentX master), nvagentd
# with every plug-in on (traps to snmptrapd, mail to an SMTP sink, remote
# syslog to rsyslogd, exec, shutdown server, logs, the NUT server, the
# Modbus TCP and BACnet/IP gateways, the room sensor simulated by nvsim
# --env-slave 2 on the UPS's line), two nvshutdown clients in test mode,
# NUT's upsmon as a secondary (its own /run in a private mount
# namespace).  Everything on 127.0.0.1 in a private temp dir.
#
# Usage: tests/soak/soak.sh      (after scripts/build.sh build)
#   SOAK_SECONDS=7200   how long (default 2 h)
#   SOAK_SAMPLE=60      seconds between samples
#   SOAK_OUTAGE=120     seconds a peer (mail, syslog) stays down
#   SOAK_SEED=N         the schedule's seed (default: the time)
#   SOAK_OUT=DIR        where samples, plot, report and logs go
#                       (default build/soak-YYYYmmdd-HHMM)
#   SOAK_FAKETIME=0     no libfaketime under nvagentd (and no clock
#                       steps): its pthread_cond_timedwait wrapper spins
#                       on a CLOCK_MONOTONIC condition variable, which
#                       inflates the CPU figure while mail is retried
#   NV_BUILDDIR=DIR     the build to run (default build/)
#
# Faults: mains fail / restore, flapping alarm, serial no-response /
# garbage / bad CRC, the pty unplugged and back, snmpd killed and
# restarted, mail and syslog servers down, SIGHUP with a valid and an
# invalid file, state dir full (ENOSPC: a 2 MB tmpfs in nvagentd's own
# mount namespace) and read-only (EROFS for every new open), the wall clock stepped +-1 h (libfaketime
# on the wall clock only; CLOCK_MONOTONIC stays real), SIGSTOP / SIGCONT
# of nvagentd for 30 s.  A fault whose tool is missing or refused is
# skipped, and the report says why.
#
# Samples (samples.tsv): RSS, fds, threads, CPU %, log sizes, agent log
# lines per minute.  Clients (clients.tsv, every sample): upsc reads
# ups.status, upsmon is logged in (GET NUMLOGINS), mbpoll reads the
# measurements (fc 03), the BACnet client reads BATTERY_% (AV 70: -1,
# no data, counts as unanswered), each
# 1 (answered) or 0, and the TCP connections left open on the NUT and
# Modbus ports.  Checks: nvagentd and the clients never died and
# stop cleanly; RSS and fd slope (least squares, stated); every scenario
# produced its notification, and the final state; the logs read back
# intact; no agent log line repeated above the limit within a minute;
# every client answered in at least SOAK_CLIENT_MIN % (default 95) of its
# samples outside the windows where the UPS data are cut or the agent is
# stopped (serial fault, unplug, SIGSTOP: from the fault's start to 30 s
# after its end; every other fault must not stop the servers); no
# connection left open beyond upsmon's; threads flat.
set -u
NV_SRCDIR=${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
NV_BUILDDIR=${NV_BUILDDIR:-$NV_SRCDIR/build}
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
. "$NV_SRCDIR/tests/lib/traps.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
. "$NV_SRCDIR/tests/lib/nut.sh"
. "$NV_SRCDIR/tests/lib/gateways.sh"

SOAK_SECONDS=${SOAK_SECONDS:-7200}
SOAK_SAMPLE=${SOAK_SAMPLE:-60}
SOAK_OUTAGE=${SOAK_OUTAGE:-120}
SOAK_SEED=${SOAK_SEED:-$(date +%s)}
OUT=${SOAK_OUT:-$NV_BUILDDIR/soak-$(date +%Y%m%d-%H%M)}
REPEAT_LIMIT=${SOAK_REPEAT_LIMIT:-6}    # same warning / error line per minute
CLIENT_MIN=${SOAK_CLIENT_MIN:-95}       # % of client reads answered outside fault windows
FAKETIME_LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1
RANDOM=$SOAK_SEED

[ -x "$NVAGENTD" ] && [ -x "$NVSIM" ] || { echo "build first: scripts/build.sh build" >&2; exit 2; }
for tool in snmpd snmptrapd rsyslogd gnuplot upsc mbpoll; do
	command -v "$tool" >/dev/null || { echo "soak: $tool missing (scripts/setup-deps.sh)" >&2; exit 2; }
done
nv_need_smtpd
mkdir -p "$OUT"
export NV_KEEP=1        # the temp dir is kept: its logs are the evidence
sd_setup
echo "soak: seed $SOAK_SEED, $SOAK_SECONDS s, temp dir $T, results in $OUT"

note() { printf '%s %s\n' "$(date +%s)" "$*" | tee -a "$OUT/schedule.log"; }
skipped() { grep -q "^$1 " "$OUT/skipped.txt" 2>/dev/null || echo "$1 $2" >> "$OUT/skipped.txt"; }

# ---- the stack ---------------------------------------------------------
PM=$(nv_free_port); PS=$(nv_free_port); PT=$(nv_free_port)
NUT_PORT=$(nv_free_port); MB_PORT=$(nv_free_port); BN_PORT=$(nv_free_port)
# the BACnet client (npm, under the build tree): without it no BACnet reads
if (gw_need_bacnet_client) >/dev/null 2>&1; then
	gw_need_bacnet_client
	BACNET=1
else
	BACNET=0
	skipped bacnet-client "the npm BACnet client cannot be installed (node, npm or the registry missing)"
fi
nv_start_smtpd soak "$PM"; SMTPD_SOAK=$SMTPD_PID
nv_start_rsyslog soak "module(load=\"imudp\")
input(type=\"imudp\" address=\"127.0.0.1\" port=\"$PS\")"
RSYSLOG_SOAK=$RSYSLOG_PID
nv_start_trapd soak "$PT"
printf '#!/bin/sh\necho "$NV_EVENT $(date +%%s)" >> "%s/exec.log"\n' "$T" > "$T/exec-hook.sh"
chmod +x "$T/exec-hook.sh"

# nvagentd's state dir on a small tmpfs of its own (ENOSPC, read-only),
# when a private mount namespace is allowed; its wall clock through
# libfaketime, stepped by rewriting $T/faketime (monotonic untouched).
STATE="$T/state"
mkdir -p "$STATE"
echo "+0" > "$T/faketime"
wrap=()
if unshare -m --propagation private sh -c "mount -t tmpfs -o size=2m nvsoak '$STATE' && umount '$STATE'" 2>/dev/null; then
	NS_STATE=1
	wrap=(unshare -m --propagation private sh -c 'mount -t tmpfs -o size=2m,mode=0750 nvsoak "$0" && exec "$@"' "$STATE")
else
	NS_STATE=0
	skipped state-full "no private mount namespace (unshare -m refused): no tmpfs to fill"
	skipped state-readonly "no private mount namespace (unshare -m refused)"
fi
if [ "${SOAK_FAKETIME:-1}" = 0 ]; then
	FAKETIME_LIB=/nonexistent
	skipped clock-step "SOAK_FAKETIME=0"
elif [ -e "$FAKETIME_LIB" ]; then
	wrap+=(env LD_PRELOAD="$FAKETIME_LIB" FAKETIME_TIMESTAMP_FILE="$T/faketime"
		FAKETIME_CACHE_DURATION=1 FAKETIME_DONT_FAKE_MONOTONIC=1)
else
	skipped clock-step "libfaketime missing (Debian package faketime)"
fi
printf '#!/bin/sh\nexec' > "$T/agent-wrap.sh"
printf ' %q' "${wrap[@]}" >> "$T/agent-wrap.sh"
printf ' "$@"\n' >> "$T/agent-wrap.sh"
chmod +x "$T/agent-wrap.sh"
export NV_WRAPPER="$T/agent-wrap.sh"

agent_conf() {   # agent_conf DEBOUNCE-MS
	nv_write_conf "
trap-receiver soak { address = \"127.0.0.1:$PT\"  version = v2c }
events { debounce = $1 }
mail {
  server = \"127.0.0.1:$PM\"
  from = \"ups@example.org\"
  subject-prefix = \"[soak]\"
  tls = none
  recipient ops { address = \"ops@example.org\"  filter = severity  severity = information }
}
syslog { local = false  remote = \"udp://127.0.0.1:$PS\" }
exec hook { command = \"$T/exec-hook.sh\" }
$(nut_section)
modbus-tcp { listen = \"127.0.0.1:$MB_PORT\" }
bacnet { listen = \"127.0.0.1:$BN_PORT\"  device-instance = 1234 }
environment {
  serial { device = \"$T/ttyUPS0\"  slave = 2 }
  poll-interval = 5
  temperature { warning-high = 30  critical-high = 35 }
}
logs { history-interval = 10  extended-interval = 1  records = 2048 }
shutdown {
  listen = \"127.0.0.1:$SD_PORT\"
  secret-file = \"$T/shutdown.key\"
  client-timeout = 30s
  event on-battery { action = shutdown  warning-period = 10m  first-warning = 60  warning-interval = 120 }
}"
}
nv_start_nvsim jbusp-three-phase --wire-timing --env-slave 2
nv_simctl set temperature 22 >/dev/null
nv_start_snmpd
agent_conf 1000 > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
AGENT=$NVAGENTD_PID
nv_wait_agent_ready || { echo "soak: nvagentd did not come up" >&2; tail "$T/nvagentd.log"; exit 1; }
sd_start_client alpha "test-mode = true"; CL_A=$NV_LAST_PID
sd_start_client beta "test-mode = true"; CL_B=$NV_LAST_PID
sd_wait_connected 2 || echo "soak: clients slow to connect" >&2
nv_wait_for 20 '[ "$(nut_raw NETVER 2>/dev/null)" = 1.3 ]' || echo "soak: the NUT server does not answer" >&2
UPSMON=0
if unshare --mount --propagation private true 2>/dev/null; then
	nut_start_upsmon secondary mon
	UPSMON=$UPSMON_PID
else
	skipped upsmon "no private mount namespace for upsmon's /run (unshare --mount refused)"
fi
note "stack up: nvagentd $AGENT, clients $CL_A $CL_B, upsmon $UPSMON"

# ---- sampling ----------------------------------------------------------
sampler() {
	local hz prev_cpu=0 prev_t prev_lines=0 now cpu lines
	hz=$(getconf CLK_TCK)
	prev_t=$(date +%s)
	printf 't\trss_kb\tfds\tthreads\tcpu_pct\tagent_log_kb\tsyslog_kb\ttraps_kb\tmails\tlines_per_min\tlog_lines\n' > "$OUT/samples.tsv"
	while kill -0 "$AGENT" 2>/dev/null; do
		now=$(date +%s)
		cpu=$(awk '{print $14 + $15}' "/proc/$AGENT/stat" 2>/dev/null || echo 0)
		lines=$(wc -l < "$T/nvagentd.log")
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$now" \
			"$(awk '/^VmRSS/ {print $2}' "/proc/$AGENT/status" 2>/dev/null)" \
			"$(ls "/proc/$AGENT/fd" 2>/dev/null | wc -l)" \
			"$(awk '/^Threads/ {print $2}' "/proc/$AGENT/status" 2>/dev/null)" \
			"$(awk -v c="$cpu" -v p="$prev_cpu" -v hz="$hz" -v dt=$((now - prev_t)) \
				'BEGIN { printf "%.2f", (dt > 0 && p > 0) ? (c - p) * 100 / hz / dt : 0 }')" \
			$(( $(stat -c %s "$T/nvagentd.log") / 1024 )) \
			$(( $(stat -c %s "$T/syslog-soak.out" 2>/dev/null || echo 0) / 1024 )) \
			$(( $(stat -c %s "$T/trap-soak.log" 2>/dev/null || echo 0) / 1024 )) \
			"$(nv_mail_total soak)" \
			"$(awk -v l="$lines" -v p="$prev_lines" -v dt=$((now - prev_t)) \
				'BEGIN { printf "%.1f", (dt > 0 && p > 0) ? (l - p) * 60 / dt : 0 }')" \
			"$lines" >> "$OUT/samples.tsv"
		prev_cpu=$cpu prev_t=$now prev_lines=$lines
		sleep "$SOAK_SAMPLE"
	done
}
sampler &
SAMPLER=$!
NV_PIDS+=("$SAMPLER")

# Every client reads once per sample: 1 answered, 0 not (- not run);
# then the TCP connections still open on the NUT and Modbus ports.
# (the server's side: established, or closed by the client and not yet by the server)
conns() { ss -Htn state established state close-wait "( sport = :$1 )" 2>/dev/null | wc -l; }
client_reads() {
	local up mb bn mon
	up=0; mb=0; bn=-; mon=-
	timeout 10 upsc "$(UPS)" ups.status 2>/dev/null | grep -Eq '^(OL|OB)' && up=1
	[ "$(timeout 10 mbpoll -m tcp -p "$MB_PORT" -a 1 -t 4 -0 -r 4192 -c 4 -1 -o 3 127.0.0.1 2>/dev/null |
		grep -c '^\[[0-9]*\]:')" = 4 ] && mb=1
	if [ "$BACNET" = 1 ]; then
		bn=0; timeout 10 bash -c 'bacnet read 2 70 85' 2>/dev/null | grep -Eq '^[0-9.]+$' && bn=1
	fi
	if [ "$UPSMON" != 0 ]; then
		mon=0; [ "$(nut_raw 'GET NUMLOGINS ups' 2>/dev/null)" = 'NUMLOGINS ups 1' ] && mon=1
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date +%s)" "$up" "$mon" "$mb" "$bn" \
		"$(conns "$NUT_PORT")" "$(conns "$MB_PORT")"
}
client_sampler() {
	printf 't\tupsc\tupsmon\tmbpoll\tbacnet\tnut_conns\tmodbus_conns\n' > "$OUT/clients.tsv"
	while kill -0 "$AGENT" 2>/dev/null; do
		client_reads >> "$OUT/clients.tsv"
		sleep "$SOAK_SAMPLE"
	done
}
export -f bacnet
export BN_NODE_PATH BN_PORT NV_SRCDIR
client_sampler &
CLIENTS=$!
NV_PIDS+=("$CLIENTS")

# ---- scenarios and faults ---------------------------------------------
# Each one notes what it did; the checks at the end read schedule.log.
in_ns() { nsenter -t "$AGENT" -m "$@"; }

sc_mains() {
	nv_simctl scenario mains-fail >/dev/null; note "scenario mains-fail"
	sleep $((20 + RANDOM % 60))
	nv_simctl scenario mains-restore >/dev/null; note "scenario mains-restore"
}
sc_flap() {
	local i
	note "scenario flap overload x20 in 6 s"
	for i in $(seq 20); do
		nv_simctl scenario overload >/dev/null; sleep 0.15
		nv_simctl scenario clear >/dev/null; sleep 0.15
	done
	note "scenario flap end (clear)"
}
sc_serial() {
	local f=${1:-$(printf 'no-response\ngarbage\nbad-crc\n' | shuf -n 1 --random-source=<(yes $RANDOM))}
	nv_simctl fault "$f" on >/dev/null; note "fault serial $f on"
	sleep $((15 + RANDOM % 45))
	nv_simctl fault "$f" off >/dev/null; note "fault serial $f off"
}
sc_unplug() {
	nv_stop_pid "$NVSIM_PID"; note "fault unplug (nvsim stopped, pty gone)"
	sleep $((10 + RANDOM % 30))
	NV_SIM_N=0 nv_start_nvsim jbusp-three-phase --wire-timing --env-slave 2
	nv_simctl set temperature 22 >/dev/null
	note "fault unplug end (nvsim back on the same pty)"
}
sc_snmpd() {
	kill -KILL "$SNMPD_PID"; wait "$SNMPD_PID" 2>/dev/null; note "fault snmpd killed"
	sleep $((5 + RANDOM % 25))
	nv_start_snmpd; note "fault snmpd restarted"
}
sc_mail_down() {
	nv_stop_pid "$SMTPD_SOAK"; note "fault mail server down"
	nv_simctl scenario mains-fail >/dev/null; note "scenario mains-fail (mail down)"
	sleep "$SOAK_OUTAGE"
	nv_simctl scenario mains-restore >/dev/null; note "scenario mains-restore (mail down)"
	nv_start_smtpd soak "$PM"; SMTPD_SOAK=$SMTPD_PID; note "fault mail server back"
}
sc_syslog_down() {
	nv_stop_pid "$RSYSLOG_SOAK"; note "fault syslog server down"
	nv_simctl scenario overload >/dev/null; note "scenario overload (syslog down)"
	sleep "$SOAK_OUTAGE"
	nv_simctl scenario clear >/dev/null; note "scenario clear (syslog down)"
	nv_start_rsyslog soak "module(load=\"imudp\")
input(type=\"imudp\" address=\"127.0.0.1\" port=\"$PS\")"
	RSYSLOG_SOAK=$RSYSLOG_PID; note "fault syslog server back"
}
sc_reload() {
	agent_conf $((500 + RANDOM % 1000)) > "$T/nvagent.conf"
	kill -HUP "$AGENT"; note "fault sighup valid"
	sleep 5
	cp "$T/nvagent.conf" "$T/nvagent.conf.good"
	printf 'mail {\n  server = \n' >> "$T/nvagent.conf"
	kill -HUP "$AGENT"; note "fault sighup invalid"
	sleep 5
	cp "$T/nvagent.conf.good" "$T/nvagent.conf"
	kill -HUP "$AGENT"; note "fault sighup valid again"
}
sc_state_full() {
	[ "$NS_STATE" = 1 ] || return 0
	in_ns dd if=/dev/zero of="$STATE/fill" bs=64k 2>/dev/null; note "fault state-dir full"
	nv_simctl scenario mains-fail >/dev/null; note "scenario mains-fail (state full)"
	sleep $((30 + RANDOM % 60))
	nv_simctl scenario mains-restore >/dev/null; note "scenario mains-restore (state full)"
	in_ns rm -f "$STATE/fill"; note "fault state-dir full end"
}
sc_state_ro() {
	[ "$NS_STATE" = 1 ] || return 0
	# A mount with files open for writing cannot be remounted read-only
	# (EBUSY): an empty read-only tmpfs over the state dir makes every
	# new open, create and rename fail with EROFS, as after a kernel's
	# remount-ro; the files already open keep their old mount.
	in_ns mount -t tmpfs -o ro,size=64k nvsoak-ro "$STATE" ||
		{ skipped state-readonly "read-only mount refused"; return 0; }
	note "fault state-dir read-only"
	sleep $((30 + RANDOM % 60))
	in_ns umount "$STATE"; note "fault state-dir read-only end"
}
sc_clock() {
	[ -e "$FAKETIME_LIB" ] || return 0
	local step
	step=$([ $((RANDOM % 2)) = 0 ] && echo +1h || echo -1h)
	echo "$step" > "$T/faketime"; note "fault clock step $step"
	sleep $((30 + RANDOM % 60))
	echo "+0" > "$T/faketime"; note "fault clock step back"
}
sc_room() {
	local hot=$((38 + RANDOM % 8))
	nv_simctl set temperature "$hot" >/dev/null; note "scenario room-hot $hot C"
	sleep $((30 + RANDOM % 60))
	nv_simctl set temperature 22 >/dev/null; note "scenario room-normal 22 C"
}
sc_stop() {
	kill -STOP "$AGENT"; note "fault sigstop"
	sleep 30
	kill -CONT "$AGENT"; note "fault sigcont"
}

SCENARIOS=(sc_mains sc_flap sc_serial sc_unplug sc_snmpd sc_mail_down sc_syslog_down
	sc_reload sc_state_full sc_state_ro sc_clock sc_stop sc_room)
end=$(( $(date +%s) + SOAK_SECONDS ))
# every scenario once (shuffled), then at random while time is left
order=($(printf '%s\n' "${SCENARIOS[@]}" | shuf --random-source=<(yes $SOAK_SEED)))
i=0
while [ "$(date +%s)" -lt "$end" ] && kill -0 "$AGENT" 2>/dev/null; do
	if [ $i -lt ${#order[@]} ]; then s=${order[$i]}; else s=${SCENARIOS[$((RANDOM % ${#SCENARIOS[@]}))]}; fi
	i=$((i + 1))
	"$s"
	sleep $((10 + RANDOM % 30))
done
note "schedule over after $i scenario(s)"
# the final state: mains present, no alarm, no fault
nv_simctl scenario clear >/dev/null; nv_simctl scenario mains-restore >/dev/null
nv_simctl set temperature 22 >/dev/null
sleep 20

# ---- checks ------------------------------------------------------------
R="$OUT/report.txt"
: > "$R"
bad=0
ok()   { echo "ok    $*" | tee -a "$R"; }
fail() { echo "FAIL  $*" | tee -a "$R"; bad=1; }
info() { echo "      $*" | tee -a "$R"; }
ran() { grep -c " $1" "$OUT/schedule.log"; }
seen_syslog() { grep -c " $1 \[" "$T/syslog-soak.out" 2>/dev/null; }

{ echo "soak: seed $SOAK_SEED, $(( $(tail -n 1 "$OUT/samples.tsv" | cut -f1) - $(sed -n 2p "$OUT/samples.tsv" | cut -f1) )) s sampled, $(($(wc -l < "$OUT/samples.tsv") - 1)) samples"
  echo "scenarios run: $(grep -c ' scenario \| fault ' "$OUT/schedule.log") steps"; } | tee -a "$R"
[ -f "$OUT/skipped.txt" ] && sed 's/^/skipped: /' "$OUT/skipped.txt" | tee -a "$R"

# no crash: the daemons ran throughout (they stop cleanly below)
for p in "$AGENT:nvagentd" "$CL_A:nvshutdown alpha" "$CL_B:nvshutdown beta" \
	$([ "$UPSMON" != 0 ] && echo "$UPSMON:upsmon"); do
	kill -0 "${p%%:*}" 2>/dev/null && ok "${p#*:} ran throughout" || fail "${p#*:} died"
done

# RSS and fd slope, least squares over the second half of the samples
# (the first half is the warm-up: queues, caches, log rings filling)
half=$(( ($(wc -l < "$OUT/samples.tsv") - 1) / 2 ))
slope() {   # slope COLUMN -> units per hour
	awk -F'\t' -v c="$1" -v from=$((half + 2)) 'NR >= from && $c != "" {
		n++; x = $1 / 3600; sx += x; sy += $c; sxx += x * x; sxy += x * $c }
		END { d = n * sxx - sx * sx; printf "%.1f", (n > 2 && d != 0) ? (n * sxy - sx * sy) / d : 0 }' "$OUT/samples.tsv"
}
rss_slope=$(slope 2); fd_slope=$(slope 3)
rss_first=$(awk -F'\t' 'NR == 2 {print $2}' "$OUT/samples.tsv")
rss_last=$(tail -n 1 "$OUT/samples.tsv" | cut -f2)
fd_min=$(awk -F'\t' 'NR > 1 {print $3}' "$OUT/samples.tsv" | sort -n | head -1)
fd_max=$(awk -F'\t' 'NR > 1 {print $3}' "$OUT/samples.tsv" | sort -n | tail -1)
fd_max_first=$(awk -F'\t' -v h=$((half + 1)) 'NR > 1 && NR <= h {print $3}' "$OUT/samples.tsv" | sort -n | tail -1)
fd_max_last=$(awk -F'\t' -v h=$((half + 1)) 'NR > h {print $3}' "$OUT/samples.tsv" | sort -n | tail -1)
info "RSS ${rss_first:-?} -> ${rss_last:-?} kB, slope over the second half $rss_slope kB/h"
info "fds $fd_min..$fd_max (highest: first half ${fd_max_first:-?}, second half ${fd_max_last:-?}), slope over the second half $fd_slope /h"
awk -v s="$rss_slope" 'BEGIN { exit !(s < 1024) }' && ok "RSS flat (second half < 1 MB/h)" ||
	fail "RSS grows $rss_slope kB/h in the second half"
# fds come and go with connections: a leak raises the highest count
[ "${fd_max_last:-0}" -le "${fd_max_first:-0}" ] && ok "fd count flat (no higher in the second half)" ||
	fail "fd count higher in the second half (${fd_max_first} -> ${fd_max_last}, slope $fd_slope /h)"

# every scenario produced its notification (syslog, mail, exec, trap)
check_event() {   # check_event SCHEDULE-WORD EVENT
	local n m s e
	n=$(ran "$1"); [ "$n" -gt 0 ] || return 0
	s=$(seen_syslog "$2")
	m=$(grep -l -E "^Subject: .* $2( |$)" "$T/mail-soak"/*.eml 2>/dev/null | wc -l)
	e=$(grep -c "^$2 " "$T/exec.log" 2>/dev/null)
	info "$1 x$n: $2 in syslog $s, mails $m, exec $e"
	[ "$m" -gt 0 ] && [ "$e" -gt 0 ] && [ "$s" -gt 0 ] && ok "$1 -> $2 notified" ||
		fail "$1 ran $n time(s) but $2 is missing (syslog $s, mail $m, exec $e)"
}
check_event "scenario mains-fail" on-battery
check_event "scenario mains-restore" power-restored
check_event "scenario flap" overload
check_event "scenario overload" overload
for f in "fault serial no-response on" "fault unplug (" ; do
	check_event "$f" communication-lost
done
check_event "scenario room-hot" emd-temperature-high
check_event "scenario room-normal" emd-temperature-not-high
# each room-hot passes both high set points (30 and 35 C), and back:
# two upsTrapEmdTempHigh (30) and two upsTrapEmdTempNotHigh (31) each
if [ "$(ran 'scenario room-hot')" -gt 0 ]; then
	n=$(ran 'scenario room-hot'); t30=$(nv_count soak 30); t31=$(nv_count soak 31)
	[ "$t30" -eq $((2 * n)) ] && [ "$t31" -eq $((2 * n)) ] &&
		ok "room-hot x$n -> upsTrapEmdTempHigh x$t30, upsTrapEmdTempNotHigh x$t31 at snmptrapd" ||
		fail "room-hot x$n: upsTrapEmdTempHigh x$t30, upsTrapEmdTempNotHigh x$t31 (want $((2 * n)) each)"
fi
[ "$(grep -c ' fault \| scenario ' "$OUT/schedule.log")" -gt 0 ] &&
	info "traps received by snmptrapd: $(nv_traps_of soak | wc -w)"
[ "$(nv_traps_of soak | wc -w)" -gt 0 ] && ok "traps reach snmptrapd" || fail "no trap received"
if [ "$(ran 'fault mail server back')" -gt 0 ]; then
	back=$(grep ' fault mail server back' "$OUT/schedule.log" | tail -n 1 | cut -d' ' -f1)
	late=$(find "$T/mail-soak" -name '*.eml' -newermt "@$back" | xargs -r grep -l 'power-restored\|on-battery' | wc -l)
	[ "$late" -gt 0 ] && ok "mails queued while the server was down were delivered after ($late)" ||
		fail "no mail delivered after the mail server came back"
fi
[ "$(ran 'fault sighup invalid')" -gt 0 ] && { grep -q 'reload refused' "$T/nvagentd.log" &&
	ok "an invalid file on SIGHUP is refused, the agent keeps running" || fail "invalid reload not refused"; }
[ "$(ran 'fault sighup valid')" -gt 0 ] && { grep -q 'configuration reloaded' "$T/nvagentd.log" &&
	ok "a valid file on SIGHUP is taken" || fail "valid reload not logged"; }
[ "$(ran 'fault state-dir full')" -gt 0 ] &&
	info "agent log lines about the full state dir: $(grep -ci 'no space' "$T/nvagentd.log")"
[ "$(ran 'fault state-dir read-only')" -gt 0 ] &&
	info "agent log lines about the read-only state dir: $(grep -ci 'read-only' "$T/nvagentd.log")"

# threads: the servers' threads come back after every restart
th_max_first=$(awk -F'\t' -v h=$((half + 1)) 'NR > 1 && NR <= h {print $4}' "$OUT/samples.tsv" | sort -n | tail -1)
th_max_last=$(awk -F'\t' -v h=$((half + 1)) 'NR > h {print $4}' "$OUT/samples.tsv" | sort -n | tail -1)
[ "${th_max_last:-0}" -le "${th_max_first:-0}" ] && ok "threads flat (highest: first half ${th_max_first:-?}, second half ${th_max_last:-?})" ||
	fail "threads higher in the second half (${th_max_first} -> ${th_max_last})"

# every client answered outside the windows where the UPS data are cut
# or the agent is stopped (the fault's start to 30 s after its end)
awk '/ fault serial .* on$| fault unplug \(| fault sigstop$/ { a = $1 }
     / fault serial .* off$| fault unplug end| fault sigcont$/ { if (a) print a, $1 + 30; a = 0 }
     END { if (a) print a, 2^31 }' "$OUT/schedule.log" > "$OUT/fault-windows.txt"
client_rate() {   # client_rate COLUMN -> "IN-OK IN-N OUT-OK OUT-N"
	awk -F'\t' -v c="$1" 'FNR == NR { split($0, w, " "); a[++n] = w[1]; b[n] = w[2]; next }
		FNR > 1 && $c != "-" { inw = 0; for (i = 1; i <= n; i++) if ($1 >= a[i] && $1 <= b[i]) inw = 1
			if (inw) { wn++; wok += $c } else { on++; ook += $c } }
		END { print wok + 0, wn + 0, ook + 0, on + 0 }' "$OUT/fault-windows.txt" "$OUT/clients.tsv"
}
for col in 2:upsc 3:upsmon 4:mbpoll 5:bacnet; do
	read -r wok wn ook on < <(client_rate "${col%%:*}")
	[ "$((wn + on))" -gt 0 ] || continue
	info "${col#*:}: answered $ook of $on samples outside fault windows, $wok of $wn inside"
	[ "$on" -gt 0 ] && [ $((ook * 100)) -ge $((on * CLIENT_MIN)) ] &&
		ok "${col#*:} answered in >= $CLIENT_MIN % of the samples outside fault windows" ||
		fail "${col#*:} answered $ook of $on samples outside fault windows (< $CLIENT_MIN %)"
done
# connections left behind: upsmon's one on the NUT port, none on Modbus
# (a read's own connection may still be closing: a leak stays and grows,
# so at most 5 % of the samples may see one more)
read -r extra n nut_max mb_max < <(awk -F'\t' -v mon="$([ "$UPSMON" != 0 ] && echo 1 || echo 0)" '
	NR > 1 { n++; if ($6 > mon || $7 > 0) x++; if ($6 > nm) nm = $6; if ($7 > mm) mm = $7 }
	END { print x + 0, n + 0, nm + 0, mm + 0 }' "$OUT/clients.tsv")
info "connections open after a read: NUT up to $nut_max, Modbus up to $mb_max; $extra of $n samples above upsmon's one"
[ $((extra * 100)) -le $((n * 5)) ] && ok "no client connection left open" ||
	fail "connections left open in $extra of $n samples (NUT up to $nut_max, Modbus up to $mb_max)"
[ -s "$T/notify.log" ] && info "upsmon notifications: $(sort "$T/notify.log" | uniq -c | tr -s ' \n' ' ')"
[ -s "$T/shutdown.log" ] && info "upsmon ran its SHUTDOWNCMD $(wc -l < "$T/shutdown.log") time(s)"

# final state: mains back, no alarm, the data live, both clients connected
nv_wait_for 60 "'$NVCTL' -s '$T/nvagent.sock' status | grep -qi 'communication: *ok\|comm.*ok'" &&
	ok "final state: communicating with the UPS" || fail "final state: not communicating ($("$NVCTL" -s "$T/nvagent.sock" status 2>&1 | head -3 | tr '\n' ' '))"
nv_wait_for 30 "snmpget -v2c -c public -t 1 -r 1 127.0.0.1:$SNMPD_PORT $SOCOMEC.1.1.1.0" &&
	ok "final state: SNMP answers through the restarted snmpd" || fail "final state: no SNMP answer"
last_on=$(grep -n ' on-battery \[' "$T/syslog-soak.out" | tail -n 1 | cut -d: -f1)
last_off=$(grep -n ' power-restored \[' "$T/syslog-soak.out" | tail -n 1 | cut -d: -f1)
[ -z "$last_on" ] || [ "${last_off:-0}" -gt "$last_on" ] && ok "final state: the last on-battery is followed by power-restored" ||
	fail "final state: on-battery without a later power-restored"
sd_wait_connected 2 && ok "final state: both shutdown clients connected" || fail "shutdown clients not connected: $(sd_clients | tail -n +2 | tr '\n' ' ')"

# logs intact: every log reads back
for l in history extended ups-events agent-events; do
	if n=$("$NVCTL" -s "$T/nvagent.sock" log show "$l" --csv 2>"$OUT/log-$l.err" | tee "$OUT/log-$l.csv" | wc -l); then
		info "log $l: $n lines"
	else
		fail "log show $l: $(cat "$OUT/log-$l.err")"
	fi
done
grep -q . "$OUT/log-history.csv" && ok "logs read back" || fail "history log empty"

# nothing repeated above the limits.  A flapping condition: at most one
# notification per debounce window (nvagent.conf(5)), and the last one
# tells the final state.
debounce_ms=$(sed -n 's/^events { debounce = \([0-9]*\) }/\1/p' "$T/nvagent.conf")
while read -r t0 t1; do
	n=$(awk -v a="$t0" -v b="$((t1 + 2))" '$1 == "overload" && $2 >= a && $2 <= b' "$T/exec.log" | wc -l)
	max=$(( (t1 - t0 + 2) * 1000 / ${debounce_ms:-1000} + 2 ))
	[ "$n" -le "$max" ] && ok "flap: $n overload notifications in $((t1 - t0)) s (at most $max)" ||
		fail "flap: $n overload notifications in $((t1 - t0)) s, above $max"
done < <(awk '/ scenario flap overload/ { a = $1 } / scenario flap end/ { print a, $1 }' "$OUT/schedule.log")
# The same warning or error line (digits blanked) at most REPEAT_LIMIT
# times between two samples (a minute); the log has no time stamps: the
# samples' line counts cut it.
repeats() {   # repeats PATTERN [SKIP] -> "COUNT<TAB>LINE" of the worst
	awk -F'\t' 'NR > 1 { print $11 }' "$OUT/samples.tsv" |
	awk -v logf="$T/nvagentd.log" -v want="$1" -v skip="${2:-^$}" '
		BEGIN { while ((getline l < logf) > 0) line[++n] = l }
		{ to = $1 > n ? n : $1; delete c
		  for (i = from + 1; i <= to; i++) { k = line[i]; if (k !~ want || k ~ skip) continue
			gsub(/[0-9]+/, "N", k); if (++c[k] > best) { best = c[k]; worst = k } }
		  from = to }
		END { print best + 0 "\t" worst }'
}
worst=$(repeats ': (warning|error|crit|alert|emerg): ')
netsnmp=$(repeats '^Warning: Failed to connect to the agentx master')
info "most repeated warning / error line in a minute: $worst"
[ "${netsnmp%%	*}" -gt 0 ] &&
	info "net-snmp's own reconnect warning while snmpd was down (agentx ping-interval 1 s): $netsnmp"
[ "${worst%%	*}" -le "$REPEAT_LIMIT" ] &&
	ok "no warning or error line above $REPEAT_LIMIT a minute" || fail "a line repeats above the limit: $worst"

# stop: every daemon exits 0 on SIGTERM (nv_stop_all, checked)
kill "$SAMPLER" "$CLIENTS" 2>/dev/null
cp "$T/nvagentd.log" "$T/syslog-soak.out" "$T/exec.log" "$T/trap-soak.log" "$OUT/" 2>/dev/null
nv_term_wait "$AGENT"; st=$?
[ "$st" -eq 0 ] && ok "nvagentd stopped cleanly" || fail "nvagentd exited $st on SIGTERM"

# ---- plot --------------------------------------------------------------
gnuplot <<GP 2>"$OUT/gnuplot.err" || info "gnuplot: $(cat "$OUT/gnuplot.err")"
set terminal pngcairo size 1200,1350 noenhanced
set output "$OUT/soak.png"
set datafile separator "\t"
set key autotitle columnhead left top
set xlabel "minutes"
set multiplot layout 3,2 title "nvagentd soak, seed $SOAK_SEED"
t0 = $(sed -n 2p "$OUT/samples.tsv" | cut -f1)
plot "$OUT/samples.tsv" using ((\$1 - t0) / 60):2 with linespoints title "RSS kB"
plot "$OUT/samples.tsv" using ((\$1 - t0) / 60):3 with linespoints title "fds", \
     "" using ((\$1 - t0) / 60):4 with linespoints title "threads"
plot "$OUT/samples.tsv" using ((\$1 - t0) / 60):5 with linespoints title "CPU %"
plot "$OUT/samples.tsv" using ((\$1 - t0) / 60):10 with linespoints title "agent log lines/min", \
     "" using ((\$1 - t0) / 60):6 with lines title "agent log kB", \
     "" using ((\$1 - t0) / 60):9 with lines title "mails"
c0 = $(sed -n 2p "$OUT/clients.tsv" | cut -f1)
set ylabel "reads unanswered (cumulative)"
set offsets 0, 0, 1, 0
plot for [c = 2:5] "$OUT/clients.tsv" using ((\$1 - c0) / 60):(1 - column(c)) smooth cumulative with lines title columnhead(c)
unset ylabel
unset multiplot
GP
[ -s "$OUT/soak.png" ] && info "plot: $OUT/soak.png"
echo "report: $R; temp dir (logs) $T"
exit "$bad"
