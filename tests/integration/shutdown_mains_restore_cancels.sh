#!/bin/bash
# Mains returns inside the warning period: the sequence is cancelled,
# every client gets a cancel, and no shutdown request is ever sent.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
sd_start_stack 'event on-battery { action = shutdown  warning-period = 6s  first-warning = 1  warning-interval = 2 }'
sd_start_client alpha
sd_wait_connected 1

t0=$(nv_now_ms)
nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim refused mains-fail"
nv_wait_for 10 "grep -q '^warning' '$T/hook-alpha.log'" || nv_fail "no warning"
nv_simctl scenario mains-restore >/dev/null || nv_fail "nvsim refused mains-restore"
nv_wait_for 10 "grep -q '^cancel' '$T/hook-alpha.log'" || nv_fail "no cancel after mains returned"
nv_log "cancel at +$(( $(sd_hook_ms alpha cancel) - t0 )) ms"
grep -q 'Shutdown cancelled (the event ended), cancel sent to 1 clients' "$T/nvagentd.log" ||
	nv_fail "no cancel in the agent log"
# wait past the end of the period the failure would have had
nv_wait_for 10 "[ \$(( \$(nv_now_ms) - $t0 )) -ge 8000 ]"
grep -q '^shutdown' "$T/hook-alpha.log" && nv_fail "a shutdown request was sent"
[ -e "$T/shut-alpha" ] && nv_fail "the client shut down"
grep -q 'Shutdown request sent' "$T/nvagentd.log" && nv_fail "the agent sent a request"
sd_clients | grep -q 'alpha .* connected  *none' || nv_fail "client state not back to none: $(sd_clients)"
nv_pass
