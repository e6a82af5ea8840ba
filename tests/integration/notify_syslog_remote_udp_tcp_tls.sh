#!/bin/bash
# Remote syslog: a real rsyslogd receives the agent's RFC 5424 messages
# over TCP (octet-counted), keeps getting them after it restarts (they are
# queued meanwhile), and over UDP and TLS (with the CA checked: a server
# certificate from another CA is refused) through nvtraphandle, which uses
# the same plug-in.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
nv_need_rsyslog
[ -e /usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_ossl.so ] || nv_skip "rsyslog-openssl not installed"
nv_setup
NVTRAPHANDLE=$NV_BUILDDIR/nvtraphandle

PT=$(nv_free_port); PU=$(nv_free_port); PS=$(nv_free_port)
tcp_conf="module(load=\"imtcp\")
input(type=\"imtcp\" address=\"127.0.0.1\" port=\"$PT\")"
nv_start_rsyslog tcp "$tcp_conf"
TCP_PID=$RSYSLOG_PID
nv_start_stack jbusp-three-phase "
syslog {
  local = false
  facility = local3
  remote = \"tcp://127.0.0.1:$PT\"
}
events { debounce = 200 }"

# <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG ; local3 = 19, crit = 2
nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim: scenario mains-fail"
nv_wait_for 15 "grep -q ' on-battery \[' '$T/syslog-tcp.out'" || nv_fail "no on-battery message over TCP"
line=$(grep ' on-battery \[' "$T/syslog-tcp.out" | head -1)
echo "$line" | grep -qE '^<154>1 20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[+-][0-9]{2}:[0-9]{2} [^ ]+ nvagentd [0-9]+ on-battery \[nvagent@4555 severity="critical" trap="\.1\.3\.6\.1\.4\.1\.4555\.1\.1\.7\.2\.0\.1" mib="socomec" agent="nvtest"\] nvtest: UPS on battery' ||
	nv_fail "not the expected RFC 5424 line: $line"
grep -q ' agent-restarting \[' "$T/syslog-tcp.out" || nv_fail "the agent group (restart) is missing"

# receiver restart: what happens while it is down is queued, then sent
nv_stop_pid "$TCP_PID"
nv_simctl scenario mains-restore >/dev/null || nv_fail "nvsim: scenario mains-restore"
nv_wait_for 15 "grep -q 'remote syslog 127.0.0.1:$PT: .*queued' '$T/nvagentd.log'" ||
	nv_fail "the agent did not notice that the receiver is down"
nv_start_rsyslog tcp "$tcp_conf"
nv_wait_for 40 "grep -q ' power-restored \[' '$T/syslog-tcp.out'" ||
	nv_fail "the queued power-restored message did not arrive after the restart"

# UDP and TLS through nvtraphandle (one trap 6 of a SOCOMEC card)
trap_in() {
	printf 'ups-b.example.org\nUDP: [192.0.2.7]:161->[127.0.0.1]:162\n'
	printf '.1.3.6.1.2.1.1.3.0 0:0:01:00.00\n'
	printf '.1.3.6.1.6.3.1.1.4.1.0 .1.3.6.1.4.1.4555.1.1.7.2.0.6\n'
}
nv_start_rsyslog udp "module(load=\"imudp\")
input(type=\"imudp\" address=\"127.0.0.1\" port=\"$PU\")"
printf 'syslog { local = false  remote = "udp://127.0.0.1:%s" }\n' "$PU" > "$T/nvtrap-udp.conf"
trap_in | "$NVTRAPHANDLE" -c "$T/nvtrap-udp.conf" -t 10 2>"$T/th-udp.log" || nv_fail "nvtraphandle udp: $(cat "$T/th-udp.log")"
nv_wait_for 10 "grep -q '^<132>1 .* nvtraphandle [0-9]* overload \[.*agent=\"ups-b.example.org\"\]' '$T/syslog-udp.out'" ||
	nv_fail "no overload message over UDP: $(cat "$T/syslog-udp.out")"

nv_make_ca good
nv_make_ca other
tls_conf="global(DefaultNetstreamDriver=\"ossl\"
  DefaultNetstreamDriverCAFile=\"$T/tls-good/ca.pem\"
  DefaultNetstreamDriverCertFile=\"$T/tls-good/server.pem\"
  DefaultNetstreamDriverKeyFile=\"$T/tls-good/server.key\")
module(load=\"imtcp\" StreamDriver.Name=\"ossl\" StreamDriver.Mode=\"1\" StreamDriver.AuthMode=\"anon\")
input(type=\"imtcp\" address=\"127.0.0.1\" port=\"$PS\")"
nv_start_rsyslog tls "$tls_conf"
printf 'syslog { local = false  remote = "tls://localhost:%s"  ca-file = "%s" }\n' \
	"$PS" "$T/tls-other/ca.pem" > "$T/nvtrap-bad.conf"
trap_in | "$NVTRAPHANDLE" -c "$T/nvtrap-bad.conf" -t 3 2>"$T/th-bad.log" &&
	nv_fail "nvtraphandle said success with an untrusted server"
grep -q 'certificate refused' "$T/th-bad.log" || nv_fail "no clear refusal: $(cat "$T/th-bad.log")"
printf 'syslog { local = false  remote = "tls://localhost:%s"  ca-file = "%s" }\n' \
	"$PS" "$T/tls-good/ca.pem" > "$T/nvtrap-tls.conf"
trap_in | "$NVTRAPHANDLE" -c "$T/nvtrap-tls.conf" -t 10 2>"$T/th-tls.log" || nv_fail "nvtraphandle tls: $(cat "$T/th-tls.log")"
nv_wait_for 10 "grep -q ' overload \[' '$T/syslog-tls.out'" || nv_fail "no overload message over TLS"
[ "$(grep -c ' overload \[' "$T/syslog-tls.out")" = 1 ] || nv_fail "the refused session delivered something"
nv_pass
