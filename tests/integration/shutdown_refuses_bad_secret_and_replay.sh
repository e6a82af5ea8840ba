#!/bin/bash
# The agent refuses and logs a client with a wrong secret (it never enters
# the client table), rejects a replayed datagram, drops malformed ones,
# counts all of them, and keeps serving the good clients; a flood of
# authentic heartbeats beyond max-clients is logged rate-limited with a
# count and leaves the agent event log's start record in place; so does a
# burst of garbage at a client (nvshutdown).
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
sd_start_stack 'max-clients = 2' 'event on-battery { action = shutdown  warning-period = 1m }'
umask 077
printf 'not-the-site-secret-at-all\n' > "$T/wrong.key"
umask 022
sd_start_client good
sd_start_client intruder "secret-file = \"$T/wrong.key\""
sd_wait_connected 1
nv_wait_for 10 "grep -q 'refused: bad authentication' '$T/nvagentd.log'" ||
	nv_fail "the wrong secret was not logged"
sd_clients | grep -q intruder && nv_fail "the intruder is in the client table"
nv_wait_for 10 "sd_clients | grep -q 'bad-auth [1-9]'" || nv_fail "bad-auth not counted: $(sd_clients)"

out=$($SDCLIENT replay "127.0.0.1:$SD_PORT" "$T/shutdown.key" replayer) || nv_fail "sdclient failed"
assert_eq "replies to a datagram sent twice" "REPLY 1" "$out"
sd_clients | grep -q 'replayed 1' || nv_fail "replay not counted: $(sd_clients)"

$SDCLIENT garbage "127.0.0.1:$SD_PORT" >/dev/null || nv_fail "sdclient failed"
nv_wait_for 5 "sd_clients | grep -q 'malformed [4-9]'" || nv_fail "malformed not counted: $(sd_clients)"
kill -0 "$NVAGENTD_PID" || nv_fail "nvagentd died"
sd_clients | grep -q 'good .* connected' || nv_fail "the good client was lost"

# a flood of authentic heartbeats from more names than the table holds:
# logged a few times with a count, the agent event log keeps its start
$SDCLIENT run "127.0.0.1:$SD_PORT" "$T/shutdown.key" 50 --prefix flood \
	--heartbeat 0.01 --seconds 7 >/dev/null || nv_fail "sdclient failed"
nv_wait_for 10 "sd_clients | grep -q 'table-full [2-9][0-9][0-9][0-9]'" ||
	nv_fail "the flood was not counted: $(sd_clients)"
full=$(grep -c 'refused: the table is full' "$T/nvagentd.log")
[ "$full" -le 3 ] || nv_fail "$full 'table is full' lines for one flood"
"$NVCTL" -s "$T/nvagent.sock" log show agent-events > "$T/events.txt" ||
	nv_fail "nvctl log show agent-events failed"
grep -q 'Agent started' "$T/events.txt" || nv_fail "the flood wiped the agent event log's start record"
sd_clients | grep -q 'good .* connected' || nv_fail "the good client was lost in the flood"

# garbage to the client from the agent's own address: nvshutdown drops it
# with a few lines, not one per datagram, and stays connected
port=$(sd_clients | awk '$3 == "good" { split($2, a, ":"); print a[2] }')
[ -n "$port" ] || nv_fail "no port for the good client: $(sd_clients)"
/usr/bin/python3 - "$SD_PORT" "$port" <<'PY' || nv_fail "cannot send garbage to the client"
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
for i in range(2000):
    s.sendto(b"NVSD garbage %d" % i, ("127.0.0.1", int(sys.argv[2])))
PY
nv_wait_for 10 "grep -q 'dropped: malformed' '$T/nvshutdown-good.log'" ||
	nv_fail "nvshutdown did not say it dropped garbage"
dropped=$(grep -c 'dropped' "$T/nvshutdown-good.log")
[ "$dropped" -le 3 ] || nv_fail "nvshutdown logged $dropped drop lines for one burst"
sd_clients | grep -q 'good .* connected' || nv_fail "the good client was lost to garbage"
nv_pass
