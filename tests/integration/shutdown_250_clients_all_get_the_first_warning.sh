#!/bin/bash
# 250 clients (sockets of one test program) all get the first warning: the
# agent sends it to all 250 at once, every client receives it with the same
# seconds left (one sending, not several), and every datagram verifies.
# How long the fan-out takes is printed by tests/bench/bench_shutdown_fanout.sh.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
sd_start_stack 'client-timeout = 10s' \
	'event on-battery { action = shutdown  warning-period = 1m  first-warning = 0  warning-interval = 60 }'
nv_bg "$T/many.log" $SDCLIENT run "127.0.0.1:$SD_PORT" "$T/shutdown.key" 250 --heartbeat 2 --seconds 120
sd_wait_connected 250 30
nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim refused mains-fail"
nv_wait_for 30 "[ \$(grep -c ' warning on-battery ' '$T/many.log') -ge 250 ]" ||
	nv_fail "only $(grep -c ' warning on-battery ' "$T/many.log") of 250 clients were warned"
grep -q '^BAD' "$T/many.log" && nv_fail "a client got a datagram it could not verify"
# one line per client's first warning: "RECV ms name warning event left flags"
read -r n lefts < <(awk '$4 == "warning" && !seen[$3]++ { n++; l[$6] = 1 }
	END { s = ""; for (v in l) s = s (s == "" ? "" : ",") v; print n, s }' "$T/many.log")
[ "$n" -eq 250 ] || nv_fail "$n distinct clients warned"
case $lefts in *,*|'') nv_fail "first warnings carry different seconds left: $lefts" ;; esac
grep -q 'Shutdown warning sent to 250 clients (on-battery' "$T/nvagentd.log" ||
	nv_fail "the agent did not warn 250 clients at once: $(grep 'Shutdown warning sent' "$T/nvagentd.log")"
nv_pass
