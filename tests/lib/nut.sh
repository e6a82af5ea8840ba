# tests/lib/nut.sh — helpers for the nut_* tests: nvagentd's NUT server on
# loopback, driven by NUT's own clients (nut-client: upsc, upscmd, upsrw,
# upsmon) and a raw line client for what no NUT client would send.
command -v upsc >/dev/null || nv_skip "NUT clients not installed (nut-client, scripts/setup-deps.sh)"

# nut_users — password files (mode 600) and the user lines of the section:
# mon (upsmon secondary), boss (upsmon primary), admin (SET, every
# command), tester (test.battery.start only), nobody (no right)
nut_users() {
	local u
	for u in mon boss admin tester nobody; do
		printf '%s-pw\n' "$u" > "$T/$u.pw"
		chmod 600 "$T/$u.pw"
	done
	cat <<EOF
  user mon { password-file = "$T/mon.pw"  upsmon = secondary }
  user boss { password-file = "$T/boss.pw"  upsmon = primary }
  user admin { password-file = "$T/admin.pw"  actions = { SET }  instcmds = { ALL } }
  user tester { password-file = "$T/tester.pw"  instcmds = { test.battery.start } }
  user nobody { password-file = "$T/nobody.pw" }
EOF
}

# nut_section [extra keys...] — the nut section on $NUT_PORT with the users
nut_section() {
	printf 'nut {\n  listen = "127.0.0.1:%s"\n  description = "UPS of the test room"\n%s\n%s\n}\n' \
		"$NUT_PORT" "$(nut_users)" "$*"
}

UPS() { echo "ups@127.0.0.1:$NUT_PORT"; }

# NUT's clients print a line about SSL on every start: not the answer
nut_quiet() { "$@" 2>&1 | grep -v '^Init SSL without certificate database'; return "${PIPESTATUS[0]}"; }
nut_upsc() { nut_quiet upsc "$(UPS)" "$@"; }

# nut_raw LINE... — send the lines on one connection, print the answers
# (until the server has answered every line, closed, or 5 s passed)
nut_raw() {
	python3 "$NV_SRCDIR/tests/lib/nut_raw.py" "$NUT_PORT" "$@"
}

# nut_start PROFILE [extra keys of the section...]
nut_start() {
	local profile=$1; shift
	NUT_PORT=$(nv_free_port)
	nv_start_stack "$profile" "$(nut_section "$@")"
	nv_wait_for 20 '[ "$(nut_raw NETVER 2>/dev/null)" = 1.3 ]' || nv_fail "the NUT server does not answer"
}

# nut_start_upsmon ROLE USER — NUT's upsmon (ROLE primary|secondary) in the
# foreground with its own configuration and state in $T/upsmon (never
# /etc): conf/upsmon.conf, the example for the servers to protect, with
# this server, the user, a SHUTDOWNCMD that appends to $T/shutdown.log,
# every notification's type in $T/notify.log and short test intervals.
# Sets UPSMON_PID.
nut_start_upsmon() {
	local role=$1 user=$2 d="$T/upsmon" t
	mkdir -p -m 700 "$d"
	printf '#!/bin/sh\necho "$NOTIFYTYPE" >> %s/notify.log\n' "$T" > "$d/notify.sh"
	printf '#!/bin/sh\necho shutdown >> %s/shutdown.log\n' "$T" > "$d/shutdown.sh"
	chmod 700 "$d/notify.sh" "$d/shutdown.sh"
	sed -e "s|^MONITOR ups@AGENT-HOST:3493 1 monuser PASSWORD secondary\$|MONITOR ups@127.0.0.1:$NUT_PORT 1 $user $user-pw $role|" \
		-e "s|^SHUTDOWNCMD .*|SHUTDOWNCMD \"$d/shutdown.sh\"|" \
		-e "s|^POWERDOWNFLAG .*|POWERDOWNFLAG $d/killpower|" \
		-e 's|^POLLFREQ .*|POLLFREQ 1|; s|^POLLFREQALERT .*|POLLFREQALERT 1|' \
		-e 's|^DEADTIME .*|DEADTIME 4|; s|^HOSTSYNC .*|HOSTSYNC 5|; s|^FINALDELAY .*|FINALDELAY 0|' \
		"$NV_SRCDIR/conf/upsmon.conf" > "$d/upsmon.conf"
	grep -q "^MONITOR ups@127.0.0.1:$NUT_PORT " "$d/upsmon.conf" ||
		nv_fail "conf/upsmon.conf has no MONITOR line to fill in"
	{
		echo "NOTIFYCMD \"$d/notify.sh\""
		for t in ONLINE ONBATT LOWBATT FSD COMMOK COMMBAD SHUTDOWN NOCOMM; do
			echo "NOTIFYFLAG $t SYSLOG+EXEC"
		done
	} >> "$d/upsmon.conf"
	chmod 600 "$d/upsmon.conf"
	# upsmon run as root keeps its PID file in /run/nut whatever the
	# environment says, and refuses to start beside another one: upsmon
	# tests running side by side take turns (the lock goes with the test)
	# (taken once: a second open file of the lock would wait for the first)
	if [ -z "${NUT_UPSMON_LOCK:-}" ]; then
		exec {NUT_UPSMON_LOCK}>"${TMPDIR:-/tmp}/nvagent-tests-upsmon.lock"
		flock -w 600 "$NUT_UPSMON_LOCK" || nv_fail "another upsmon test held the lock for 10 min"
	fi
	NUT_CONFPATH="$d" NUT_STATEPATH="$d" nv_bg "$T/upsmon.log" /lib/nut/upsmon -D -F -p
	UPSMON_PID=$NV_LAST_PID
	nv_wait_for 20 "[ \"\$(nut_raw 'GET NUMLOGINS ups')\" = 'NUMLOGINS ups 1' ]" ||
		nv_fail "upsmon did not log in: $(tail -5 "$T/upsmon.log")"
}
