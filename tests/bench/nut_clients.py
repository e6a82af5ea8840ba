#!/usr/bin/python3
"""upsmon-style NUT sessions for bench_nut.sh, on loopback (request
latency is gateway_clients.py's "nut" mode).

  nut_clients.py PORT UPS USER PASSWORD CONNECTIONS SECONDS PID...
      CONNECTIONS logged-in sessions, each polling GET VAR UPS ups.status
      once a second for SECONDS; prints "percent_of_one_core answers
      errors", the CPU being what the listed PIDs (the server side) used.
"""
import selectors
import socket
import sys
import time

from gateway_clients import cpu_us


def main():
    port, ups, user, pw = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    conns, secs, pids = int(sys.argv[5]), int(sys.argv[6]), sys.argv[7:]
    sel = selectors.DefaultSelector()
    socks = []
    for _ in range(conns):
        s = socket.create_connection(("127.0.0.1", port))
        f = s.makefile("rb")
        for l in ("USERNAME " + user, "PASSWORD " + pw, "LOGIN " + ups):
            s.sendall((l + "\n").encode())
            if not f.readline().startswith(b"OK"):
                raise SystemExit("login refused")
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
        socks.append(s)
    answers = errors = 0
    cpu0 = cpu_us(pids)
    start = time.monotonic()
    req = ("GET VAR %s ups.status\n" % ups).encode()
    for tick in range(secs):
        for s in socks:
            s.sendall(req)
        while time.monotonic() < start + tick + 1:
            for key, _ in sel.select(timeout=max(0, start + tick + 1 - time.monotonic())):
                data = key.fileobj.recv(65536)
                answers += data.count(b"\n")
                errors += data.count(b"ERR")
    cpu = cpu_us(pids) - cpu0
    print("%.2f %d %d" % (cpu / (time.monotonic() - start) / 1e4, answers, errors))


main()
