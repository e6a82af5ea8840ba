# tests/lib/notify.sh — helpers for the notification plug-in tests
# (source after common.sh): a private SMTP sink and a private rsyslogd.

NV_PY=/usr/bin/python3

nv_need_smtpd() {
	"$NV_PY" -c 'import aiosmtpd' 2>/dev/null ||
		nv_skip "python3-aiosmtpd not installed (Debian package python3-aiosmtpd)"
}

# nv_start_smtpd NAME PORT [nv_smtpd.py options] — mails go to $T/mail-NAME/
nv_start_smtpd() {
	local name=$1 port=$2; shift 2
	mkdir -p "$T/mail-$name"
	nv_bg "$T/smtpd-$name.log" "$NV_PY" "$NV_SRCDIR/tests/lib/nv_smtpd.py" \
		--port "$port" --dir "$T/mail-$name" "$@"
	SMTPD_PID=$NV_LAST_PID
	# a loaded machine takes seconds to import Python's asyncio and start
	nv_wait_for 30 "grep -q listening '$T/smtpd-$name.log'" ||
		nv_fail "SMTP sink $name did not start: $(tail -n 3 "$T/smtpd-$name.log")"
}

# nv_stop_pid PID — stop one process we started and wait for it
nv_stop_pid() {
	kill -TERM "$1" 2>/dev/null
	nv_wait_for 10 "! kill -0 $1" || kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# Mails of NAME whose Subject contains TEXT (count)
nv_mail_count() { grep -l -F "Subject: $2" "$T/mail-$1"/*.eml 2>/dev/null | wc -l; }
nv_mail_file() { grep -l -F "Subject: $2" "$T/mail-$1"/*.eml 2>/dev/null | head -1; }
nv_mail_total() { ls "$T/mail-$1"/*.eml 2>/dev/null | wc -l; }

# A CA and a server certificate for 127.0.0.1 / localhost in $T/tls-NAME/
nv_make_ca() {
	local d="$T/tls-$1"
	mkdir -p "$d"
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=nvtest CA $1" \
		-keyout "$d/ca.key" -out "$d/ca.pem" >/dev/null 2>&1 || nv_fail "openssl: CA"
	openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
		-keyout "$d/server.key" -out "$d/server.csr" >/dev/null 2>&1 || nv_fail "openssl: CSR"
	printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$d/ext"
	openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" \
		-CAcreateserial -days 2 -extfile "$d/ext" -out "$d/server.pem" >/dev/null 2>&1 ||
		nv_fail "openssl: server certificate"
}

nv_need_rsyslog() {
	command -v rsyslogd >/dev/null || nv_skip "rsyslog not installed (Debian package rsyslog)"
}

# nv_start_rsyslog NAME CONF-LINES... — private rsyslogd; what it receives
# goes to $T/syslog-NAME.out, one RFC 5424 message a line.
nv_start_rsyslog() {
	local name=$1; shift
	mkdir -p "$T/rsyslog-$name"
	cat > "$T/rsyslog-$name.conf" <<CONF
global(workDirectory="$T/rsyslog-$name")
template(name="raw" type="string" string="%rawmsg%\n")
$(printf '%s\n' "$@")
*.* action(type="omfile" file="$T/syslog-$name.out" template="raw")
CONF
	rm -f "$T/rsyslog-$name.pid"
	nv_bg "$T/rsyslogd-$name.log" rsyslogd -n -f "$T/rsyslog-$name.conf" \
		-i "$T/rsyslog-$name.pid"
	RSYSLOG_PID=$NV_LAST_PID
	nv_wait_for 10 "[ -s '$T/rsyslog-$name.pid' ]" || nv_fail "rsyslogd $name did not start"
}

# nv_start_trap_adapter MAIL_PORT TRAP_PORT NVTRAP_LINES SNMPTRAPD_LINES [snmptrapd options]
# A central snmptrapd on TRAP_PORT running conf/snmptrapd.conf (plus
# SNMPTRAPD_LINES), whose nvtraphandle mails traps of level warning and
# above to the SMTP sink on MAIL_PORT as "[central]" (nvtrap.conf: plus
# NVTRAP_LINES); its log in $T/snmptrapd.log.
nv_start_trap_adapter() {
	local pm=$1 pt=$2 nvtrap=$3 trapd=$4; shift 4
	cat > "$T/nvtrap.conf" <<CONF
mail {
  server = "127.0.0.1:$pm"
  from = "traps@example.org"
  subject-prefix = "[central]"
  tls = none
  recipient noc { address = "noc@example.org"  severity = warning }
}
$nvtrap
CONF
	{
		sed -e "s|/usr/sbin/nvtraphandle|$NV_BUILDDIR/nvtraphandle|" \
			-e "s|/etc/nvagent/nvtrap.conf|$T/nvtrap.conf|" "$NV_SRCDIR/conf/snmptrapd.conf"
		printf '%s\n' "$trapd"
	} > "$T/snmptrapd.conf"
	mkdir -p "$T/td"
	SNMP_PERSISTENT_DIR="$T/td" nv_bg "$T/snmptrapd.log" snmptrapd -f -Lo -C \
		-c "$T/snmptrapd.conf" -p "$T/td.pid" "$@" "udp:127.0.0.1:$pt"
	nv_wait_for 10 "grep -q 'NET-SNMP version' '$T/snmptrapd.log'" || nv_fail "snmptrapd did not start"
}
