#!/bin/bash
# The control socket answers malformed commands with ERR, serves many
# clients at once, and a client that hangs up mid-line or floods garbage
# disturbs neither the Modbus side nor the other clients.
. "$NV_SRCDIR/tests/lib/common.sh"
MBC=$NV_BUILDDIR/tests/sim/mbclient
[ -x "$MBC" ] || nv_skip "tests/sim/mbclient is not built"
command -v python3 >/dev/null || nv_skip "python3 is needed for raw socket clients"
mb() { "$MBC" -t 500 "$@"; }

nv_setup
nv_start_nvsim jbusp-parallel

for cmd in "set" "set M04" "set M04 x" "set M04 70000" "set S05 2" "get" \
	"get M99" "get 9:M04" "get :M04" "release Q1" "scenario" "scenario melt" \
	"fault" "fault bad-crc" "fault fire on" "fault slow soon" "counters now" \
	"bogus" "writes all"; do
	out=$(nv_simctl $cmd) && nv_fail "'$cmd' exited 0 ($out)"
	case $out in ERR\ *) ;; *) nv_fail "'$cmd' replied '$out'" ;; esac
done
nv_simctl help | grep -q '^OK commands' || nv_fail "help: $(nv_simctl help)"
assert_eq "profile" jbusp-parallel "$(nv_simctl profile)"

# Hostile clients: half a line then hang-up, a 100 kB line, binary noise,
# and one that never reads; meanwhile five polite clients talk at once.
python3 - "$NVSIM_CTL" <<'PY' || nv_fail "control clients misbehaved"
import os, socket, sys
path = sys.argv[1]
def conn():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    s.connect(path)
    return s
def line(s):
    buf = b""
    while not buf.endswith(b"\n"):
        d = s.recv(4096)
        if not d:
            raise SystemExit("connection closed")
        buf += d
    return buf.decode()
half = conn(); half.send(b"set M0"); half.close()
flood = conn(); flood.sendall(b"A" * 100000)
noise = conn(); noise.sendall(bytes(range(256)) * 4 + b"\n")
mute = conn(); mute.sendall(b"counters\n" * 200)
polite = [conn() for _ in range(5)]
for i, s in enumerate(polite):
    s.sendall(("set %d:M04 %d\n" % (i % 2 + 1, 90 + i)).encode())
    r = line(s)
    if r != "OK\n":
        raise SystemExit("set got %r" % r)
s = polite[0]
s.sendall(b"get 1:M04\nget 2:M04\n")
got = line(s)
got += line(s) if got.count("\n") < 2 else ""
if got.split() != ["94", "93"]:
    raise SystemExit("gets returned %r" % got)
r = line(flood)
if not r.startswith("ERR "):
    raise SystemExit("flood got %r" % r)
flood.sendall(b"\nprofile\n")
r = line(flood)
if r != "jbusp-parallel\n":
    raise SystemExit("after the flood got %r" % r)
r = line(noise)
if not r.startswith("ERR "):
    raise SystemExit("noise got %r" % r)
PY

# the Modbus side is unaffected, and the values set above are served
assert_eq "unit 1 M04" 94 "$(mb -a 1 "$NVSIM_PTY" 0x1064 1)"
assert_eq "unit 2 M04" 93 "$(mb -a 2 "$NVSIM_PTY" 0x1064 1)"
kill -0 "$NVSIM_PID" || nv_fail "nvsim died"

# ctl to a socket nobody serves: exit 1 with one line
out=$("$NVSIM" ctl "$T/nothing.sock" get M04 2>&1) && nv_fail "ctl to nothing exited 0"
assert_eq "ctl error lines" 1 "$(printf '%s\n' "$out" | wc -l)"
echo "$out" | grep -q "cannot reach" || nv_fail "ctl error: $out"
nv_pass
