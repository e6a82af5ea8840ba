#!/bin/bash
# A trap receiver given as a host name whose name server never answers
# does not stall the agent: GETs keep answering (at start, after SIGHUP,
# after a receivers-table SET, while mail and remote syslog servers given
# as names are looked up), a receiver given as an address still gets its
# traps, and the lookups go on in the background.  The name server
# is a silent UDP listener on 127.0.0.x, given to nvagentd alone through a
# resolv.conf bind-mounted in a private mount namespace.
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
[ "$(id -u)" -eq 0 ] || nv_skip "needs root for a private mount namespace (unshare -m)"
unshare -m true 2>/dev/null || nv_skip "mount namespaces are not allowed here (unshare -m failed)"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"

# a name server that reads queries and never answers
for last in $(shuf -i 20-250 -n 20); do
	DNS="127.0.0.$last"
	nv_bg "$T/dns.log" /usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 53))
print("listening", flush=True)
while True:
    s.recvfrom(2048)
    print("query", flush=True)' "$DNS"
	nv_wait_for 5 "grep -q 'listening\|Error' '$T/dns.log'"
	grep -q listening "$T/dns.log" && break
done
grep -q listening "$T/dns.log" || nv_skip "no free 127.0.0.x:53 for a silent name server"
printf 'nameserver %s\noptions timeout:30 attempts:5\n' "$DNS" > "$T/resolv.conf"
cat > "$T/in-ns.sh" <<'SH'
#!/bin/sh
# in a private mount namespace: this process alone sees the silent server
mount --bind "$1" /etc/resolv.conf || exit 97
shift
exec "$@"
SH
chmod +x "$T/in-ns.sh"

P1=$(nv_free_port)
nv_start_trapd a "$P1"
nv_start_nvsim jbusp-three-phase
nv_start_snmpd
nv_write_conf "trap-receiver nms-by-name { address = \"nms.hang.example.org:$P1\" }" \
	"trap-receiver nms-by-address { address = \"127.0.0.1:$P1\" }" \
	"mail { server = \"smtp.hang.example.org:2525\"  from = \"ups@example.org\"  tls = none
	  recipient ops { address = \"ops@example.org\" } }" \
	"syslog { local = false  remote = \"udp://syslog.hang.example.org:5514\" }" \
	"events { debounce = 200 }" > "$T/nvagent.conf"
NV_WRAPPER="unshare -m $T/in-ns.sh $T/resolv.conf" nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 20
nv_wait_for 10 "grep -q query '$T/dns.log'" || nv_fail "the agent never asked the name server"

# answers a GET in the usual time (no retry), several times in a row
get_now() {
	snmpget -v2c -c public -Oqv -t 1 -r 0 "127.0.0.1:$SNMPD_PORT" "$SOCOMEC.1.2.4.0" |
		grep -qv 'No Such\|^-1$' || nv_fail "GET not answered $1"
}
for i in 1 2 3 4 5; do get_now "while the name server hangs ($i)"; done

nv_ctl trap test >/dev/null || nv_fail "nvctl trap test failed"
nv_wait_for 10 "[ \$(nv_count a 42) -ge 1 ]" ||
	nv_fail "the receiver given as an address got no test trap"

# an event for the mail and remote syslog plug-ins, whose servers are
# names too: their worker threads wait on the name server, not the loop
nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim: scenario mains-fail"
nv_wait_for 15 "[ \$(nv_count a 1) -ge 1 ]" || nv_fail "no on-battery trap to the address receiver"
for i in 1 2 3; do get_now "while mail and syslog look their servers up ($i)"; done

kill -HUP "$NVAGENTD_PID"
nv_wait_for 10 "grep -q 'configuration reloaded' '$T/nvagentd.log'" || nv_fail "no reload"
for i in 1 2 3; do get_now "after SIGHUP ($i)"; done

out=$(nv_set $RCV.2.3 s "other.hang.example.org:$P1" $RCV.3.3 s public $RCV.4.3 i 3) ||
	nv_fail "SET refused: $out"
for i in 1 2 3; do get_now "after a receivers SET ($i)"; done
kill -0 "$NVAGENTD_PID" || nv_fail "nvagentd died"
grep -qi 'agentx.*\(lost\|closed\)\|session.*dropped' "$T/snmpd.log" &&
	nv_fail "snmpd dropped the AgentX session: $(tail -5 "$T/snmpd.log")"
nv_pass
