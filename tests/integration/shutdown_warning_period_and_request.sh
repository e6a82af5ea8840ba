#!/bin/bash
# A mains failure with a short warning period: every nvshutdown client
# gets its first warning at first-warning, further warnings at the
# interval, then the shutdown request at the end of the period; each runs
# its pre-shutdown script and then its shutdown command.  nvctl clients
# lists both, and the agent event log has every step.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
sd_start_stack 'event on-battery { action = shutdown  warning-period = 6s  first-warning = 2  warning-interval = 2 }'
sd_start_client alpha
sd_start_client beta
sd_wait_connected 2
sd_clients | grep -q 'alpha .* connected ' || nv_fail "alpha not listed: $(sd_clients)"
sd_clients | grep -q '127.0.0.1:' || nv_fail "no client address listed"

t0=$(nv_now_ms)
nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim refused mains-fail"
for c in alpha beta; do
	nv_wait_for 20 "[ -s '$T/shut-$c' ]" || nv_fail "$c was not shut down"
	[ -s "$T/pre-$c" ] || nv_fail "$c did not run its pre-shutdown script"
	w1=$(( $(sd_hook_ms $c warning 1) - t0 ))
	w2=$(( $(sd_hook_ms $c warning 2) - t0 ))
	sd=$(( $(sd_hook_ms $c shutdown 1) - t0 ))
	nv_log "$c: first warning +${w1} ms, second +${w2} ms, shutdown request +${sd} ms"
	# poll interval 1 s: the agent sees the failure within ~1.2 s
	[ "$w1" -ge 2000 ] && [ "$w1" -le 3700 ] || nv_fail "$c: first warning at +$w1 ms, want ~2 s"
	gap=$(( w2 - w1 ))
	[ "$gap" -ge 1700 ] && [ "$gap" -le 2500 ] || nv_fail "$c: warning interval $gap ms, want 2 s"
	[ "$sd" -ge 6000 ] && [ "$sd" -le 7700 ] || nv_fail "$c: shutdown request at +$sd ms, want ~6 s"
	grep -q 'seconds\|^warning on-battery [0-9]' "$T/hook-$c.log" || nv_fail "$c: warning without seconds left"
done
grep -q 'Shutdown warning sent to 2 clients (on-battery' "$T/nvagentd.log" || nv_fail "no warning in the agent log"
grep -q 'Shutdown request sent to 2 clients (on-battery)' "$T/nvagentd.log" || nv_fail "no request in the agent log"
# no cancel after a request: the sequence is over
sleep 0.5
grep -q '^cancel' "$T/hook-alpha.log" && nv_fail "a cancel followed the shutdown request"
nv_pass
