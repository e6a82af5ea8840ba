#!/usr/bin/python3
"""sdclient.py — a test client for nvagentd's shutdown protocol (see
nvshutdown(8), PROTOCOL): many clients as sockets of one process.

  sdclient.py run AGENT SECRET N [--prefix P] [--heartbeat S] [--seconds S]
      N clients heartbeat; every message received is printed as
      "RECV <ms since epoch> <client> <type> <event> <a> <flags>".
  sdclient.py replay AGENT SECRET NAME
      one heartbeat, then the very same datagram again; prints the two
      replies seen ("REPLY n") — the agent must answer the first only.
  sdclient.py garbage AGENT
      malformed datagrams of several kinds.
"""
import hashlib, hmac, os, select, socket, struct, sys, time

TYPES = {1: "heartbeat", 2: "state", 3: "warning", 4: "shutdown", 5: "cancel"}
FMT = ">4sBBBBQq32sii24s"


def pack(key, typ, seq, name, a=0, b=0, event=b"", flags=0, t=None):
    body = struct.pack(FMT, b"NVSD", 1, typ, flags, 0, seq,
                       int(time.time()) if t is None else t,
                       name.encode(), a, b, event)
    return body + hmac.new(key, body, hashlib.sha256).digest()


def unpack(key, data):
    if len(data) != 120:
        return None
    body, mac = data[:88], data[88:]
    if not hmac.compare_digest(mac, hmac.new(key, body, hashlib.sha256).digest()):
        return None
    f = struct.unpack(FMT, body)
    return {"type": TYPES.get(f[2], "?"), "flags": f[3], "seq": f[5],
            "event": f[10].rstrip(b"\0").decode(), "a": f[8], "b": f[9]}


def addr(s):
    h, p = s.rsplit(":", 1)
    return (h, int(p))


def secret(path):
    with open(path, "rb") as f:
        return f.read().rstrip(b"\r\n")


def run(agent, key, n, prefix, heartbeat, seconds):
    socks = []
    for i in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        s.bind(("127.0.0.1", 0))
        s.setblocking(False)
        socks.append((s, "%s%03d" % (prefix, i)))
    seq = int(time.time() * 1e6)
    end = time.time() + seconds
    nextbeat = 0.0
    byfd = {s.fileno(): (s, name) for s, name in socks}
    poller = select.poll()
    for s, _ in socks:
        poller.register(s, select.POLLIN)
    while time.time() < end:
        now = time.time()
        if now >= nextbeat:
            for s, name in socks:
                seq += 1
                s.sendto(pack(key, 1, seq, name, a=30, b=int(heartbeat)), agent)
            nextbeat = now + heartbeat
        for fd, _ in poller.poll(100):
            s, name = byfd[fd]
            while True:
                try:
                    data = s.recv(256)
                except BlockingIOError:
                    break
                ms = time.time_ns() // 1000000
                m = unpack(key, data)
                if m is None:
                    print("BAD %d %s" % (ms, name), flush=True)
                    continue
                print("RECV %d %s %s %s %d %d" % (ms, name, m["type"], m["event"] or "-",
                                                 m["a"], m["flags"]), flush=True)


def replay(agent, key, name):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(1.0)
    pkt = pack(key, 1, int(time.time() * 1e6), name, a=10, b=5)
    replies = 0
    for _ in range(2):
        s.sendto(pkt, agent)
        try:
            if unpack(key, s.recv(256)) is not None:
                replies += 1
        except socket.timeout:
            pass
    print("REPLY %d" % replies, flush=True)


def garbage(agent):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for data in (b"", b"x", b"NVSD" + b"\0" * 116, os.urandom(120), os.urandom(2000),
                 pack(b"k" * 20, 7, 1, "bad")):
        s.sendto(data, agent)
    print("SENT 6", flush=True)


def main(argv):
    cmd = argv[1]
    if cmd == "run":
        opts = {"--prefix": "c", "--heartbeat": "2", "--seconds": "60"}
        rest = argv[5:]
        for i in range(0, len(rest), 2):
            opts[rest[i]] = rest[i + 1]
        run(addr(argv[2]), secret(argv[3]), int(argv[4]), opts["--prefix"],
            float(opts["--heartbeat"]), float(opts["--seconds"]))
    elif cmd == "replay":
        replay(addr(argv[2]), secret(argv[3]), argv[4])
    elif cmd == "garbage":
        garbage(addr(argv[2]))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)
