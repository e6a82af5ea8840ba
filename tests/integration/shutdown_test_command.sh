#!/bin/bash
# nvctl shutdown test: an AC failure simulated with the on-battery
# settings: warnings and a shutdown request flagged as a test go to the
# clients (which log it instead of shutting down), then a cancel after
# test-cancel-after.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
sd_start_stack 'test-cancel-after = 5s' \
	'event on-battery { action = shutdown  warning-period = 2s  first-warning = 0  warning-interval = 1 }'
sd_start_client alpha
sd_wait_connected 1

t0=$(nv_now_ms)
out=$("$NVCTL" -s "$T/nvagent.sock" shutdown test) || nv_fail "shutdown test refused: $out"
"$NVCTL" -s "$T/nvagent.sock" shutdown test >/dev/null 2>&1 && nv_fail "a second test was accepted while one runs"
nv_wait_for 10 "grep -q '^cancel' '$T/hook-alpha.log'" || nv_fail "no cancel at the end of the test"
w=$(( $(sd_hook_ms alpha warning) - t0 ))
s=$(( $(sd_hook_ms alpha shutdown) - t0 ))
c=$(( $(sd_hook_ms alpha cancel) - t0 ))
nv_log "test: warning +$w ms, request +$s ms, cancel +$c ms"
[ "$w" -lt "$s" ] && [ "$s" -lt "$c" ] || nv_fail "wrong order: warning $w, request $s, cancel $c"
[ "$c" -ge 4500 ] || nv_fail "cancel came after $c ms, test-cancel-after is 5 s"
grep -q 'shutdown test: not running' "$T/nvshutdown-alpha.log" || nv_fail "client did not log the test request"
[ -e "$T/shut-alpha" ] && nv_fail "the test shut the client down"
grep -q 'Shutdown test: Shutdown request sent to 1 clients' "$T/nvagentd.log" || nv_fail "no test request in the agent log"
grep -q 'Shutdown test: Shutdown cancelled (end of the test)' "$T/nvagentd.log" || nv_fail "no test cancel in the agent log"
grep -q 'UPS shut-off' "$T/nvagentd.log" && nv_fail "the test touched the UPS"
nv_pass
