#!/usr/bin/env bash
# Clients a BMS network really has never block the agent: a half-open
# client that sent part of a request, one that sends garbage (dropped),
# truncated and oversized frames, one more client than max-connections
# (refused), a client outside the allow list (refused), a client silent
# for idle-timeout (closed), 1,000 connect/disconnect cycles: meanwhile
# another client is served and SNMP keeps answering.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/gateways.sh"
gw_need_pymodbus
nv_setup

# hold PORT HEX SECONDS [keep] — connect, send HEX, stay silent; prints
# "closed" when the server hangs up within SECONDS, "open" otherwise, or
# "answered HEX" for an answer (with keep: then it stays connected and
# silent for SECONDS more)
hold() {   # always in a subshell (& or $(...)): exec gives $! the client itself
	exec /usr/bin/python3 - "$@" <<'PY'
import socket, sys, time
port, data, secs = int(sys.argv[1]), bytes.fromhex(sys.argv[2]), float(sys.argv[3])
s = socket.create_connection(("127.0.0.1", port))
s.sendall(data)
s.settimeout(secs)
try:
    got = s.recv(512)
    print("closed" if not got else "answered " + got.hex(), flush=True)
    if got and sys.argv[4:] == ["keep"]:
        time.sleep(secs)
except socket.timeout:
    print("open")
except ConnectionResetError:
    print("closed")
PY
}

MB_PORT=$(nv_free_port)
nv_start_stack jbusp-three-phase \
	"modbus-tcp { listen = \"127.0.0.1:$MB_PORT\"  max-connections = 2  idle-timeout = 3 }"
want=$(sim_words 1 0x1000 12)
nv_wait_for 10 "[ \"\$(mbtcp read 1 3 0x1000 12)\" = '$want' ]" || nv_fail "gateway not serving"

# a half-open client holds one of the two slots; the other is served
hold "$MB_PORT" 000100000006 20 > "$T/half-open.out" &
half=$!
nv_wait_for 5 "[ \"\$(mbtcp read 1 3 0x1000 12)\" = '$want' ]" ||
	nv_fail "a half-open client blocks the others"
nv_get "$SOCOMEC.1.1.1.0" >/dev/null || nv_fail "SNMP stops answering beside a half-open client"
wait "$half"
assert_eq "half-open client closed at idle-timeout" closed "$(cat "$T/half-open.out")"

# garbage: not Modbus TCP (protocol id 0x4745 'GE'), a zero length, a
# length past 260 bytes: dropped without an answer
assert_eq "HTTP request" closed "$(mbtcp raw 474554202f20485454502f312e300d0a0d0a)"
assert_eq "length 0" closed "$(mbtcp raw 00010000000001)"
assert_eq "length 0xFFFF" closed "$(mbtcp raw 00010000ffff01)"
# a truncated read (PDU one byte short) and one with a byte too many: 03
assert_eq "short PDU" "000100000003018303" "$(mbtcp raw 0001000000050103106000)"
assert_eq "long PDU" "000100000003018303" "$(mbtcp raw 0001000000070103106000010a)"
# an unknown function: 01
assert_eq "function 0x2B" "00010000000301ab01" "$(mbtcp raw 000100000005012b0e0100)"
nv_wait_for 5 "[ \"\$(mbtcp read 1 3 0x1000 12)\" = '$want' ]" || nv_fail "not serving after garbage"

# 1,000 connect / disconnect cycles, then SNMP and Modbus still answer
/usr/bin/python3 - "$MB_PORT" <<'PY' || nv_fail "connect cycles failed"
import socket, sys
for i in range(1000):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    if i % 2:
        s.sendall(bytes.fromhex("0001000000060103"))  # cut in the middle
    s.close()
PY
nv_wait_for 10 "[ \"\$(mbtcp read 1 3 0x1000 12)\" = '$want' ]" || nv_fail "not serving after 1000 cycles"
nv_get "$SOCOMEC.1.1.1.0" >/dev/null || nv_fail "SNMP stops answering after 1000 cycles"
kill -0 "$NVAGENTD_PID" || nv_fail "nvagentd died"
nv_next_case

# one silent client fills max-connections = 1 (the default): a second is
# refused; once the first leaves, the next is served
MB_PORT=$(nv_free_port)
nv_start_stack jbusp-three-phase "modbus-tcp { listen = \"127.0.0.1:$MB_PORT\" }"
want=$(sim_words 1 0x1000 12)
nv_wait_for 10 "[ \"\$(mbtcp read 1 3 0x1000 12)\" = '$want' ]" || nv_fail "gateway not serving"
# the first client is served once (so it holds the slot), then stays silent
hold "$MB_PORT" 00010000000601031000000c 30 keep > "$T/a.out" &
a=$!
nv_wait_for 10 "grep -q '^answered' '$T/a.out'" || nv_fail "first client not served: $(cat "$T/a.out")"
nv_wait_for 10 "[ \"\$(hold $MB_PORT 00020000000601031000000c 2)\" = closed ]" ||
	nv_fail "a second connection is not refused at max-connections = 1"
grep -q "modbus-tcp: connection refused: max-connections reached" "$T/nvagentd.log" ||
	nv_fail "the refusal is not logged"
kill "$a"
wait "$a" 2>/dev/null
nv_wait_for 10 "[ \"\$(mbtcp read 1 3 0x1000 12)\" = '$want' ]" ||
	nv_fail "not serving once the first client left"
nv_next_case

# a client outside the allow list is refused; one inside is served
MB_PORT=$(nv_free_port)
nv_start_stack jbusp-three-phase \
	"modbus-tcp { listen = \"127.0.0.1:$MB_PORT\"  allow = { \"10.0.0.0/8\", \"::1\" } }"
assert_eq "client outside the allow list" closed "$(mbtcp raw 00010000000601031000000c)"
grep -q "modbus-tcp: connection refused: client not in the allow list" "$T/nvagentd.log" ||
	nv_fail "the refusal is not logged"
nv_pass
