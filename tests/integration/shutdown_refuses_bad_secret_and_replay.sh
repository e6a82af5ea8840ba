#!/bin/bash
# The agent refuses and logs a client with a wrong secret (it never enters
# the client table), rejects a replayed datagram, drops malformed ones,
# counts all of them, and keeps serving the good clients.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
sd_start_stack 'event on-battery { action = shutdown  warning-period = 1m }'
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
nv_pass
