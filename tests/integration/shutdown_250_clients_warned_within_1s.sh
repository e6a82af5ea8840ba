#!/bin/bash
# 250 clients (sockets of one test program) are all warned within 1 s of
# the event: the spread between the first and the last client to get the
# first warning is measured and printed.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
sd_start_stack 'client-timeout = 10s' \
	'event on-battery { action = shutdown  warning-period = 1m  first-warning = 0  warning-interval = 60 }'
nv_bg "$T/many.log" $SDCLIENT run "127.0.0.1:$SD_PORT" "$T/shutdown.key" 250 --heartbeat 2 --seconds 60
sd_wait_connected 250 20
nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim refused mains-fail"
nv_wait_for 10 "[ \$(grep -c ' warning on-battery ' '$T/many.log') -ge 250 ]" ||
	nv_fail "only $(grep -c ' warning on-battery ' "$T/many.log") of 250 clients were warned"
read -r n first last < <(awk '$4 == "warning" && !seen[$3]++ { n++; if (!f || $2 < f) f = $2; if ($2 > l) l = $2 }
	END { print n, f, l }' "$T/many.log")
spread=$(( last - first ))
nv_log "250 clients: $n warned, spread first..last warning = $spread ms"
grep -q '^BAD' "$T/many.log" && nv_fail "a client got a datagram it could not verify"
[ "$n" -eq 250 ] || nv_fail "$n distinct clients warned"
[ "$spread" -le 1000 ] || nv_fail "spread $spread ms > 1 s"
nv_pass
