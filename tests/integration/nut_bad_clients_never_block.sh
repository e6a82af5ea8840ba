#!/usr/bin/env bash
# Bad input on nvagentd's NUT server: garbage, unknown commands, broken
# quotes, lines over the length bound get NUT's error and the connection
# goes on; logins in the wrong order or with a wrong password are refused
# in NUT's words; past max-connections a client is turned away; a client
# that never reads its answers is disconnected, one that vanishes with a
# command in flight or stays silent past idle-timeout is dropped; through
# all of it the agent keeps serving NUT and SNMP clients.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/nut.sh"
nv_setup
nut_start jbusp-three-phase "max-connections = 4" "idle-timeout = 3s"

# raw WANT LINE... — the answers to the lines, one connection
raw() { local want=$1; shift; assert_eq "$*" "$want" "$(nut_raw "$@")"; }

charge=$(nut_upsc battery.charge)
raw "ERR UNKNOWN-COMMAND" "FOO bar"
raw "ERR INVALID-ARGUMENT" "GET VAR ups \"battery.charge"
raw "ERR INVALID-ARGUMENT" "GET VAR ups battery.charge extra words"
raw "ERR INVALID-ARGUMENT" "LIST"
raw "ERR UNKNOWN-UPS" "GET VAR other battery.charge"
raw "ERR VAR-NOT-SUPPORTED" "GET VAR ups no.such.var"
raw "ERR UNKNOWN-COMMAND" "get var ups battery.charge"
raw $'ERR INVALID-ARGUMENT\nVAR ups battery.charge "'"$charge"'"' \
	$'GET VAR ups \x01\x02' "GET VAR ups battery.charge"
# quoting: a quoted word, an escaped quote, a backslash
raw 'DESC ups battery.charge "Battery charge (percent)"' 'GET DESC ups "battery.charge"'
raw $'OK\nOK\nERR ACCESS-DENIED' 'USERNAME "a\"b\\c"' "PASSWORD x" "LOGIN ups"
raw 'UPSDESC ups "UPS of the test room"' "GET UPSDESC ups"
assert_eq "NETVER" "1.3" "$(nut_raw NETVER)"
nut_raw HELP | grep -q '^Commands: ' || nv_fail "HELP: $(nut_raw HELP)"

# logins
raw "ERR USERNAME-REQUIRED" "LOGIN ups"
raw $'OK\nERR PASSWORD-REQUIRED\nERR ALREADY-SET-USERNAME' "USERNAME mon" "LOGIN ups" "USERNAME boss"
raw $'OK\nOK\nERR ACCESS-DENIED' "USERNAME mon" "PASSWORD wrong" "LOGIN ups"
raw $'OK\nOK\nERR ACCESS-DENIED' "USERNAME admin" "PASSWORD admin-pw" "LOGIN ups"
raw $'OK\nOK\nOK\nERR ALREADY-LOGGED-IN\nNUMLOGINS ups 1\nBEGIN LIST CLIENT ups\nCLIENT ups 127.0.0.1\nEND LIST CLIENT ups\nERR ACCESS-DENIED\nERR ACCESS-DENIED\nOK Goodbye' \
	"USERNAME mon" "PASSWORD mon-pw" "LOGIN ups" "LOGIN ups" "GET NUMLOGINS ups" \
	"LIST CLIENT ups" "PRIMARY ups" "FSD ups" "LOGOUT" "GET NUMLOGINS ups"
raw $'OK\nOK\nOK\nOK PRIMARY-GRANTED\nOK MASTER-GRANTED' \
	"USERNAME boss" "PASSWORD boss-pw" "LOGIN ups" "PRIMARY ups" "MASTER ups"
raw "ERR FEATURE-NOT-CONFIGURED" "STARTTLS"

# a line over the bound: one error, then the next line is served
long=$(head -c 3000 /dev/zero | tr '\0' A)
assert_eq "a line over the bound" $'ERR INVALID-ARGUMENT\nVAR ups battery.charge "'"$charge"'"' \
	"$(nut_raw "GET VAR ups $long" "GET VAR ups battery.charge")"

# four connections held: the fifth is turned away, and served once one goes
/usr/bin/python3 - "$NUT_PORT" "$T" <<'PY' || nv_fail "connection limit: $(cat "$T/limit.txt")"
import socket, sys, time, subprocess
port, t = int(sys.argv[1]), sys.argv[2]
out = open(t + "/limit.txt", "w")
held = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(4)]
for s in held:      # each one served, so each is counted
    s.sendall(b"NETVER\n")
    assert s.recv(100) == b"1.3\n"
fifth = socket.create_connection(("127.0.0.1", port), timeout=5)
got = b""
while True:
    chunk = fifth.recv(100)
    if not chunk:
        break
    got += chunk
out.write("fifth got %r\n" % got)
assert got == b"ERR MAX-CONNECTIONS\n", got
held.pop().close()
deadline = time.time() + 10
while True:     # the slot is free once the server saw the close
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"NETVER\n")
    got = s.recv(100)
    if got == b"1.3\n":
        break
    assert time.time() < deadline, got
    time.sleep(0.1)
PY

# a client that never reads: disconnected, while others are served
/usr/bin/python3 - "$NUT_PORT" <<'PY' || nv_fail "a client that does not read was not disconnected"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.setblocking(False)
deadline = time.time() + 30
while time.time() < deadline:
    try:
        s.send(b"LIST VAR ups\n" * 200)
    except BlockingIOError:
        time.sleep(0.05)
    except (BrokenPipeError, ConnectionResetError):
        sys.exit(0)
sys.exit(1)
PY
assert_eq "upsc after a client that does not read" "$charge" "$(nut_upsc battery.charge)"

# a client that vanishes with a command in flight, one with half a line
/usr/bin/python3 - "$NUT_PORT" <<'PY'
import socket, sys
p = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", p))
s.sendall(b"USERNAME admin\nPASSWORD admin-pw\nINSTCMD ups test.battery.start\n")
s.close()
s = socket.create_connection(("127.0.0.1", p))
s.sendall(b"GET VAR ups batt")
s.close()
PY
nv_wait_for 20 "grep -q 'battery-test asked by NUT user admin from 127.0.0.1 sent' '$T/nvagentd.log'" ||
	nv_fail "the vanished client's command was not carried out"
assert_eq "upsc after vanished clients" "$charge" "$(nut_upsc battery.charge)"

# silent past idle-timeout: closed by the server
/usr/bin/python3 - "$NUT_PORT" <<'PY' || nv_fail "an idle connection was not closed"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
sys.exit(0 if s.recv(100) == b"" else 1)
PY
nv_get .1.3.6.1.2.1.33.1.2.4.0 >/dev/null || nv_fail "SNMP stopped answering"
kill -0 "$NVAGENTD_PID" || nv_fail "nvagentd died"
nv_pass
