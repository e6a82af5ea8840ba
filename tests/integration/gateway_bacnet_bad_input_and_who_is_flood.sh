#!/usr/bin/env bash
# Garbage on the BACnet port is dropped without an answer — truncated
# frames, BVLC lengths that lie, a 60,000-byte datagram, unknown services
# (a Reject), tags whose lengths pass the end; a flood of 2,000 Who-Is
# gets a bounded number of I-Am; the agent keeps answering BACnet and
# SNMP throughout, and it is silent for an STS.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/gateways.sh"
nv_setup

# udp HEX... — send each datagram, print the answers' hex (or "none")
udp() {
	/usr/bin/python3 - "$BN_PORT" "$@" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
s.settimeout(0.5)
for h in sys.argv[2:]:
    data = bytes.fromhex(h) if not h.startswith("big:") else b"\x81\x0a\xea\x60" + b"\x00" * (60000 - 4)
    s.sendto(data, ("127.0.0.1", int(sys.argv[1])))
    try:
        print(s.recv(2048).hex())
    except socket.timeout:
        print("none")
PY
}

BN_PORT=$(nv_free_port)
nv_start_stack jbusp-three-phase "bacnet { listen = \"127.0.0.1:$BN_PORT\"  device-instance = 77 }"
iam=810a001501001000c40200004d2205c4910322024f
assert_eq "Who-Is" "$iam" "$(udp 810a000801001008)"
assert_eq "BVLC length lies (longer)" none "$(udp 810a000901001008)"
assert_eq "BVLC length lies (shorter)" none "$(udp 810a00070100100800)"
assert_eq "truncated BVLC" none "$(udp 810a00)"
assert_eq "not BVLC" none "$(udp 474554202f)"
assert_eq "NPDU version 2" none "$(udp 810a000802001008)"
assert_eq "SADR past the end" none "$(udp 810a000a010800050609)"
assert_eq "60,000 bytes" none "$(udp big:)"
# ReadProperty whose object id claims 4 bytes and has 2: a Reject (invalid tag)
assert_eq "tag past the end" 810a00090100600104 "$(udp 810a000d01040005010c0c0200)"
# an unknown confirmed service: Reject unrecognized-service (9)
assert_eq "unknown service" 810a000901006001 "$(udp 810a000a010400050130 | cut -c1-16)"
assert_eq "unknown service reason" 09 "$(udp 810a000a010400050130 | cut -c17-18)"
# an unknown unconfirmed service: nothing
assert_eq "unknown unconfirmed" none "$(udp 810a00080100101f)"

# 2,000 Who-Is as fast as they go: I-Am answers are bounded (burst 10,
# then 5 a second); everything else still answered
n=$(/usr/bin/python3 - "$BN_PORT" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
s.setblocking(False)
t0 = time.monotonic()
for _ in range(2000):
    s.sendto(bytes.fromhex("810a000801001008"), ("127.0.0.1", int(sys.argv[1])))
time.sleep(1.0)
got = 0
while True:
    try:
        s.recv(2048); got += 1
    except BlockingIOError:
        break
# at most the burst plus the refill over the time it took
print(got if got <= 10 + 5 * (time.monotonic() - t0) + 1 else "too many: %d" % got)
PY
)
case "$n" in
''|*[!0-9]*) nv_fail "Who-Is flood: $n" ;;
esac
[ "$n" -ge 1 ] || nv_fail "Who-Is flood: no I-Am at all"
grep -q "bacnet: Who-Is flood: I-Am answers limited" "$T/nvagentd.log" || nv_fail "flood not logged"
nv_wait_for 10 "[ \"\$(udp 810a000801001008)\" = '$iam' ]" || nv_fail "no I-Am after the flood"
nv_get "$SOCOMEC.1.1.1.0" >/dev/null || nv_fail "SNMP stops answering"
kill -0 "$NVAGENTD_PID" || nv_fail "nvagentd died"
nv_next_case

# an STS: no BACnet at all
BN_PORT=$(nv_free_port)
nv_start_nvsim sts
nv_start_snmpd
nv_write_conf "bacnet { listen = \"127.0.0.1:$BN_PORT\" }" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_for 30 "[ \"\$(nv_get .1.3.6.1.4.1.4555.1.1.10.1.2.1.0)\" = 2 ]" || nv_fail "STS not served"
assert_eq "STS: Who-Is" none "$(udp 810a000801001008)"
nv_pass
