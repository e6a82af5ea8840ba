#!/bin/bash
# Liveness both ways: a client that stops heartbeating shows as lost in
# nvctl clients; a client whose agent goes silent in the middle of a
# countdown finishes the countdown and shuts down on its own.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
nv_expect_master_loss   # the agent is frozen below: snmpd drops it
sd_start_stack 'event on-battery { action = shutdown  warning-period = 8s  first-warning = 0  warning-interval = 30 }'
sd_start_client alpha
sd_start_client beta
beta_pid=$NV_LAST_PID
sd_wait_connected 2
kill -TERM "$beta_pid"
nv_wait_for 10 "sd_clients | grep -q 'beta .* lost '" || nv_fail "beta not shown lost: $(sd_clients)"
grep -q 'Shutdown client beta (127.0.0.1:[0-9]*) lost' "$T/nvagentd.log" || nv_fail "no lost client in the agent log"

t0=$(nv_now_ms)
nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim refused mains-fail"
nv_wait_for 10 "grep -q '^warning' '$T/hook-alpha.log'" || nv_fail "no warning"
kill -STOP "$NVAGENTD_PID"
nv_wait_for 15 "[ -s '$T/shut-alpha' ]" || { kill -CONT "$NVAGENTD_PID"; nv_fail "alpha did not finish its countdown"; }
kill -CONT "$NVAGENTD_PID"
t=$(( $(sd_hook_ms alpha shutdown) - t0 ))
nv_log "agent silent: alpha shut down on its own at +$t ms (period 8 s)"
grep -q '^lost' "$T/hook-alpha.log" || nv_fail "alpha did not announce the lost agent"
grep -q 'countdown finished while the agent was unreachable' "$T/nvshutdown-alpha.log" ||
	nv_fail "alpha did not say why it shut down"
[ "$t" -ge 7000 ] || nv_fail "alpha shut down too early (+$t ms)"
nv_pass
