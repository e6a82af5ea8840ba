#!/usr/bin/env python3
"""trap_latency.py — the timing half of bench_trap_latency.sh.

One process holds both ends, so that no process start-up lands inside a
measurement: a persistent connection to nvsim's control socket (t0 is
taken right before `set [UNIT:]BIT 1` is written) and the stdout pipe of
a snmptrapd it runs in the foreground (t1 is taken when the read that
brings the trap line returns).  Both stamps come from the same monotonic
clock.  Each event is set after a random pause (0 to 1 s) and on a random
unit of UNITS, so that it lands at any phase of the poll schedule.
Prints one latency per line, in milliseconds.

usage: trap_latency.py CTL_SOCKET PORT WORKDIR EVENTS DEBOUNCE_MS [BIT [UNITS]]
  BIT: A02 (JBUSP overload, default), A001 (VU-MAP overload) or S05
  (JBUSP on battery)
"""
import os
import random
import select
import signal
import socket
import subprocess
import sys
import time

TRAP_OID = ".1.3.6.1.6.3.1.1.4.1.0 = OID: "       # snmpTrapOID.0
OVERLOAD = ".1.3.6.1.4.1.4555.1.1.7.2.0.6"         # upsTrapOverload (A02)
REMOVED = ".1.3.6.1.4.1.4555.1.1.7.2.0.4"          # upsTrapAlarmEntryRemoved
ON_BATTERY = ".1.3.6.1.4.1.4555.1.1.7.2.0.1"       # upsTrapOnBattery (S05)
# bit -> (trap on rise, trap on fall or None: then wait a quiet while)
BITS = {"A02": (OVERLOAD, REMOVED), "A001": (OVERLOAD, REMOVED),
        "S05": (ON_BATTERY, None)}
WAIT_S = 10.0                                      # for any one trap


def die(msg):
    print("trap_latency: " + msg, file=sys.stderr)
    sys.exit(1)


class TrapLog:
    """snmptrapd's stdout, read as it comes: (arrival, line) pairs."""

    def __init__(self, port, workdir):
        conf = os.path.join(workdir, "latency-trapd.conf")
        with open(conf, "w") as f:
            f.write("authCommunity log public\n")
        env = dict(os.environ, SNMP_PERSISTENT_DIR=os.path.join(workdir, "latency-trapd"))
        self.errlog = open(os.path.join(workdir, "latency-trapd.err"), "w")
        self.proc = subprocess.Popen(
            ["snmptrapd", "-f", "-Lo", "-C", "-c", conf, "-n", "-On", "-m", "",
             "-p", os.path.join(workdir, "latency-trapd.pid"), "udp:127.0.0.1:" + port],
            stdout=subprocess.PIPE, stderr=self.errlog, stdin=subprocess.DEVNULL,
            bufsize=0, env=env)
        self.fd = self.proc.stdout.fileno()
        self.partial = b""
        self.lines = []

    def pump(self, until):
        """Read what arrives until the monotonic time `until` or the first
        read that brings data; stamp each complete line with the time the
        read returned."""
        left = until - time.monotonic()
        if left <= 0:
            return
        ready, _, _ = select.select([self.fd], [], [], left)
        if not ready:
            return
        data = os.read(self.fd, 65536)
        now = time.monotonic()
        if not data:
            die("snmptrapd exited (see latency-trapd.err)")
        *done, self.partial = (self.partial + data).split(b"\n")
        self.lines += [(now, line.decode(errors="replace")) for line in done]

    def wait_for(self, pred, what):
        """Arrival time of the first kept line for which pred holds."""
        deadline = time.monotonic() + WAIT_S
        while True:
            for i, (t, line) in enumerate(self.lines):
                if pred(line):
                    del self.lines[:i + 1]
                    return t
            self.lines.clear()
            if time.monotonic() >= deadline:
                die("no " + what + " within %.0f s" % WAIT_S)
            self.pump(deadline)

    def wait_trap(self, oid, what):
        # the OID ends the line or is followed by a tab (more varbinds)
        return self.wait_for(lambda l: (TRAP_OID + oid + "\t") in l + "\t", what)

    def drain_until(self, until):
        while time.monotonic() < until:
            self.pump(until)
        self.lines.clear()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class SimControl:
    """One connection to nvsim's control socket: a line out, a line back."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(WAIT_S)
        self.sock.connect(path)
        self.rfile = self.sock.makefile("rb")

    def send(self, cmd):
        self.sock.sendall(cmd.encode() + b"\n")

    def reply(self, cmd):
        line = self.rfile.readline().decode(errors="replace").strip()
        if not line or line.startswith("ERR"):
            die("nvsim: " + cmd + ": " + (line or "connection closed"))


def main():
    if len(sys.argv) not in (6, 7, 8):
        die("usage: trap_latency.py CTL_SOCKET PORT WORKDIR EVENTS DEBOUNCE_MS [BIT [UNITS]]")
    ctl, port, workdir = sys.argv[1:4]
    events, debounce_s = int(sys.argv[4]), int(sys.argv[5]) / 1000.0
    bit = sys.argv[6] if len(sys.argv) > 6 else "A02"
    units = int(sys.argv[7]) if len(sys.argv) > 7 else 1
    if bit not in BITS or units < 1:
        die("unknown bit %s or bad unit count" % bit)
    rise, fall = BITS[bit]
    # a stopped bench still stops its snmptrapd (the finally below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    traps = TrapLog(port, workdir)
    try:
        traps.wait_for(lambda l: "NET-SNMP version" in l, "snmptrapd start-up")
        sim = SimControl(ctl)
        for i in range(1, events + 1):
            # not phase-locked to the poll schedule: a random pause first
            traps.drain_until(time.monotonic() + random.uniform(0.0, 1.0))
            name = "%d:%s" % (random.randint(1, units), bit)
            t0 = time.monotonic()
            sim.send("set %s 1" % name)
            sim.reply("set %s 1" % name)
            t1 = traps.wait_trap(rise, "trap %s for event %d" % (rise, i))
            print("%.3f" % ((t1 - t0) * 1e3), flush=True)
            sim.send("set %s 0" % name)
            sim.reply("set %s 0" % name)
            t_rem = traps.wait_trap(fall, "removal trap for event %d" % i) if fall \
                else time.monotonic() + 1.0
            # the clear opened a debounce window: the next rise must not be
            # held by it, or we would time the window, not the agent.  The
            # removal trap (the alarm table's row) and the overload
            # condition each have their own window, and the condition's
            # clear may be reported up to one window after the row's: its
            # own window then ends at most two windows after the removal.
            traps.drain_until(t_rem + 2 * debounce_s + 0.3)
    except (OSError, ValueError) as e:
        die(str(e))
    finally:
        traps.stop()


if __name__ == "__main__":
    main()
