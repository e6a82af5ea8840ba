#!/bin/bash
# nvagentd leaks nothing and makes no memory error under valgrind through a
# whole life: detection, polls, UPS commands over SNMP SET (answered once
# the UPS has answered), NUT clients (upsc, upscmd, one that vanishes
# with a command in flight, one over STARTTLS), mains failure and return
# as traps to a real snmptrapd, an environment sensor on the UPS's line
# past its high set point, communication lost and back, a SIGHUP reload
# and a SIGTERM stop.  Definite leaks and every error fail the test; only
# net-snmp library internals are suppressed (tests/lib/valgrind.supp).
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
. "$NV_SRCDIR/tests/lib/nut.sh"
command -v valgrind >/dev/null || nv_skip "valgrind not installed (Debian package valgrind)"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
[ -x "$NVAGENTD" ] || nv_skip "$NVAGENTD is not built"
# valgrind cannot run an ASan binary: the sanitizer pass checks leaks itself
if ldd "$NVAGENTD" | grep -q libasan || nm "$NVAGENTD" 2>/dev/null | grep -q __asan_init; then
	nv_skip "sanitizer build: LeakSanitizer covers leaks there"
fi
nv_setup

S=.1.3.6.1.4.1.4555.1.1.7.2
TP=$(nv_free_port)
mkdir -p "$T/td"
echo "authCommunity log,execute public" > "$T/td.conf"
SNMP_PERSISTENT_DIR="$T/td" nv_bg "$T/trapd.log" snmptrapd -f -Lo -C -c "$T/td.conf" \
	-n -On -m '' -p "$T/td.pid" "udp:127.0.0.1:$TP"
nv_wait_for 10 "grep -q 'NET-SNMP version' '$T/trapd.log'" || nv_fail "snmptrapd did not start"
traps() { grep -c "1.3.6.1.6.3.1.1.4.1.0 = OID: $S" "$T/trapd.log"; }

nv_start_nvsim jbusp-three-phase --env-slave 2
nv_start_snmpd
nv_make_ca nut
chmod 600 "$T/tls-nut/server.key"
NUT_PORT=$(nv_free_port)
nv_write_conf "trap-receiver lab { address = \"127.0.0.1:$TP\"  version = v2c }" \
	"environment { serial { device = \"$NVSIM_PTY\"  slave = 2 }  poll-interval = 1 }" \
	"$(nut_section "certificate = \"$T/tls-nut/server.pem\"" "key = \"$T/tls-nut/server.key\"")" \
	> "$T/nvagent.conf"
NV_WRAPPER="valgrind -q --leak-check=full --errors-for-leak-kinds=definite
	--show-leak-kinds=definite --error-exitcode=99 --num-callers=30
	--suppressions=$NV_SRCDIR/tests/lib/valgrind.supp --log-file=$T/valgrind.log"
NV_WRAPPER=$(echo $NV_WRAPPER) nv_start_nvagentd "$T/nvagent.conf"
# valgrind makes everything slower: generous deadlines, nothing else changes
nv_wait_agent_ready 90
# the daemon really runs under memcheck (else this test proves nothing)
readlink "/proc/$NVAGENTD_PID/exe" | grep -q memcheck || nv_fail "nvagentd is not under valgrind"

charge=$SOCOMEC.1.2.4.0
nv_simctl set M04 77 >/dev/null
nv_wait_for 20 "[ \"\$(nv_get $charge)\" = 77 ]" || nv_fail "charge never 77"

# a UPS command over SNMP: the SET waits (delegated) for the UPS's answer
ctl_set() { snmpset -v2c -c private -t 20 -r 0 "127.0.0.1:$SNMPD_PORT" $SOCOMEC.1.7.1.0 i "$1" 2>&1; }
out=$(ctl_set 3) || nv_fail "eco mode SET failed: $out"
out=$(ctl_set 5) && nv_fail "alarm reset (no JBUSP register) accepted: $out"
out=$(ctl_set 4) || nv_fail "normal mode SET failed: $out"

nv_simctl set temperature 55 >/dev/null
nv_wait_for 20 "grep -Eq 'OID: $S.0.30([[:space:]]|$)' '$T/trapd.log'" || nv_fail "no trap 30 for the room"
# NUT: a listing, a command answered once the UPS answered, a client
# gone with its command in flight, a session over TLS
nut_upsc > "$T/upsc.txt" || nv_fail "upsc failed: $(cat "$T/upsc.txt")"
assert_eq "upscmd" "OK" "$(nut_quiet upscmd -u admin -p admin-pw "$(UPS)" test.battery.start)"
/usr/bin/python3 - "$NUT_PORT" "$T/tls-nut/ca.pem" <<'PY' || nv_fail "NUT clients failed"
import socket, ssl, sys
port, ca = int(sys.argv[1]), sys.argv[2]
s = socket.create_connection(("127.0.0.1", port), timeout=60)
s.sendall(b"USERNAME admin\nPASSWORD admin-pw\nINSTCMD ups bypass.stop\n")
s.close()
s = socket.create_connection(("127.0.0.1", port), timeout=60)
s.sendall(b"STARTTLS\n")
assert s.recv(100) == b"OK STARTTLS\n"
t = ssl.create_default_context(cafile=ca).wrap_socket(s, server_hostname="localhost")
t.sendall(b"GET VAR ups device.mfr\n")
assert t.recv(100) == b'VAR ups device.mfr "SOCOMEC"\n'
t.close()
PY

n=$(traps)
nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim: scenario mains-fail"
nv_wait_for 20 "grep -q 'OID: $S.0.1[[:space:]]' '$T/trapd.log'" || nv_fail "no trap 1 on mains failure"
n=$(traps)
nv_simctl scenario mains-restore >/dev/null || nv_fail "nvsim: scenario mains-restore"
nv_wait_for 20 "[ \$(traps) -gt $n ]" || nv_fail "no trap on mains return"

nv_simctl fault no-response on >/dev/null
nv_wait_for 30 "[ \"\$(nv_get $charge)\" = -1 ]" || nv_fail "no comm loss seen"
nv_simctl fault no-response off >/dev/null
nv_wait_for 60 "[ \"\$(nv_get $charge)\" = 77 ]" || nv_fail "no recovery after comm loss"

# a reload that changes the poll settings (the poller re-detects)
sed -i 's/interval = 1 /interval = 2 /' "$T/nvagent.conf"
kill -HUP "$NVAGENTD_PID"
nv_wait_for 30 "grep -q 'configuration reloaded' '$T/nvagentd.log'" || nv_fail "no reload"
nv_wait_for 60 "[ \"\$(nv_get $charge)\" = 77 ]" || nv_fail "no data after reload"
"$NVCTL" -s "$T/nvagent.sock" --json status >/dev/null || nv_fail "nvctl status failed"

kill -TERM "$NVAGENTD_PID"
nv_wait_for 60 "! kill -0 $NVAGENTD_PID" || nv_fail "nvagentd does not stop on SIGTERM"
wait "$NVAGENTD_PID"; rc=$?
if [ "$rc" -ne 0 ] || [ -s "$T/valgrind.log" ]; then
	cat "$T/valgrind.log" >&2
	nv_fail "valgrind: exit $rc, errors or definite leaks above"
fi
nv_pass
