#!/usr/bin/python3
"""NUT protocol clients for bench_nut.sh, on loopback.

  nut_clients.py latency PORT UPS N REQUEST PID...
      N requests one after another on one persistent connection, each
      timed until its whole answer ("GET VAR" one line, "LIST VAR" to its
      END line); prints "p50_us p99_us cpu_us_per_req", CPU being what the
      listed PIDs (the server side) used, from /proc.
  nut_clients.py upsmon PORT UPS USER PASSWORD CONNECTIONS SECONDS PID...
      CONNECTIONS logged-in upsmon-style sessions, each polling
      GET VAR UPS ups.status once a second for SECONDS; prints
      "percent_of_one_core answers errors".
"""
import os
import selectors
import socket
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


def answer(f, request):
    line = f.readline()
    if not line.startswith(b"BEGIN LIST"):
        return line
    while not line.startswith(b"END LIST"):
        line = f.readline()
        if not line:
            raise SystemExit("connection closed")
    return line


def latency(port, ups, n, request, pids):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    f = s.makefile("rb")
    req = (request.replace("UPS", ups) + "\n").encode()
    times = []
    cpu0 = cpu_us(pids)
    for _ in range(n):
        t0 = time.perf_counter()
        s.sendall(req)
        got = answer(f, req)
        times.append(time.perf_counter() - t0)
        if got.startswith(b"ERR"):
            raise SystemExit("answer: %r" % got)
    cpu = (cpu_us(pids) - cpu0) / n
    times.sort()
    print("%.0f %.0f %.1f" % (times[n // 2] * 1e6, times[int(n * 0.99)] * 1e6, cpu))


def upsmon(port, ups, user, pw, conns, secs, pids):
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


def main():
    mode, port, ups = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if mode == "latency":
        latency(port, ups, int(sys.argv[4]), sys.argv[5], sys.argv[6:])
    else:
        upsmon(port, ups, sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7]),
               sys.argv[8:])


main()
