#!/usr/bin/python3
"""Persistent loopback clients for bench_gateways.sh: N requests one after
another on one socket, each timed; prints "p50_us p99_us cpu_us_per_req"
where CPU is what the listed PIDs (the server side) used, from /proc.

  gateway_clients.py modbus PORT N PID...      read 0x1060 x48, unit 1
  gateway_clients.py bacnet PORT N PID...      ReadProperty AV 0 Present_Value
  gateway_clients.py snmp PORT N OIDFILE PID...  v2c GET of the OIDs (public)
  gateway_clients.py nut PORT N REQUEST PID...   a NUT request ("GET VAR ups
                                                 battery.charge", "LIST VAR ups")
"""
import os
import socket
import struct
import sys
import time


def cpu_us(pids):
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in pids:
        with open("/proc/%s/stat" % p) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])      # utime, stime
    return total * 1e6 / tick


def modbus(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    tid = [0]

    def one():
        tid[0] = (tid[0] + 1) & 0xFFFF
        s.sendall(struct.pack(">HHHBBHH", tid[0], 0, 6, 1, 3, 0x1060, 48))
        want, got = 9 + 96, b""
        while len(got) < want:
            chunk = s.recv(want - len(got))
            if not chunk:
                raise SystemExit("modbus: connection closed")
            got += chunk
        if got[7] != 3:
            raise SystemExit("modbus: exception %d" % got[8])
    return one


def bacnet(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.connect(("127.0.0.1", port))
    s.settimeout(2)
    inv = [0]

    def one():
        inv[0] = (inv[0] + 1) & 0xFF
        apdu = bytes([0x00, 0x05, inv[0], 0x0C, 0x0C, 0x00, 0x80, 0x00, 0x00, 0x19, 0x55])
        s.send(bytes([0x81, 0x0A, 0, 6 + len(apdu), 0x01, 0x04]) + apdu)
        got = s.recv(1500)
        if got[6] != 0x30:
            raise SystemExit("bacnet: answer %s" % got.hex())
    return one


def ber(tag, body):
    n = len(body)
    if n < 128:
        return bytes([tag, n]) + body
    ln = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(ln)]) + ln + body


def oid(text):
    parts = [int(x) for x in text.strip(".").split(".")]
    out = bytes([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        enc = [p & 0x7F]
        p >>= 7
        while p:
            enc.insert(0, 0x80 | (p & 0x7F))
            p >>= 7
        out += bytes(enc)
    return ber(0x06, out)


def snmp(port, oids):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.connect(("127.0.0.1", port))
    s.settimeout(2)
    vbs = ber(0x30, b"".join(ber(0x30, oid(o) + b"\x05\x00") for o in oids))
    rid = [0]

    def one():
        rid[0] += 1
        pdu = ber(0xA0, ber(0x02, rid[0].to_bytes(4, "big")) + b"\x02\x01\x00\x02\x01\x00" + vbs)
        s.send(ber(0x30, b"\x02\x01\x01" + ber(0x04, b"public") + pdu))
        got = s.recv(65535)
        if b"\xa2" not in got[:20]:
            raise SystemExit("snmp: no response PDU")
    return one


def nut(port, request):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    f = s.makefile("rb")
    req = (request + "\n").encode()

    def one():
        s.sendall(req)
        line = f.readline()
        if line.startswith(b"BEGIN LIST"):
            while not line.startswith(b"END LIST"):
                line = f.readline()
                if not line:
                    raise SystemExit("nut: connection closed")
        elif not line or line.startswith(b"ERR"):
            raise SystemExit("nut: answer %r" % line)
    return one


def main():
    kind, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rest = sys.argv[4:]
    if kind == "snmp":
        with open(rest[0]) as f:
            one = snmp(port, [l.split()[0] for l in f if l.strip()])
        rest = rest[1:]
    elif kind == "nut":
        one, rest = nut(port, rest[0]), rest[1:]
    else:
        one = modbus(port) if kind == "modbus" else bacnet(port)
    for _ in range(100):        # warm up
        one()
    lat = []
    c0 = cpu_us(rest)
    for _ in range(n):
        t = time.perf_counter()
        one()
        lat.append(time.perf_counter() - t)
    c1 = cpu_us(rest)
    lat.sort()
    print("%.0f %.0f %.1f" % (lat[len(lat) // 2] * 1e6, lat[int(len(lat) * 0.99)] * 1e6,
                              (c1 - c0) / n))


if __name__ == "__main__":
    main()
