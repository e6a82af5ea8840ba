#!/bin/bash
# A mains failure with a short warning period: every nvshutdown client
# gets its first warning at first-warning, further warnings at the
# interval, then the shutdown request at the end of the period; each runs
# its pre-shutdown script and then its shutdown command.  nvctl clients
# lists both, and the agent event log has every step.  Asserted by order
# and by "never early"; how late a loaded machine makes them is no test's
# business (tests/bench/bench_shutdown_fanout.sh prints the timing).
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
	nv_wait_for 30 "[ -s '$T/shut-$c' ]" || nv_fail "$c was not shut down"
	[ -s "$T/pre-$c" ] || nv_fail "$c did not run its pre-shutdown script"
	# nvshutdown runs its warning-command in the background: the hook's
	# line for the request may land after the shutdown command ran
	nv_wait_for 30 "grep -q '^shutdown' '$T/hook-$c.log'" ||
		nv_fail "$c: the warning-command never saw the shutdown request"
	# the order the client saw: warning (4 s left), warning (2 s left),
	# then the request; nothing else
	order=$(awk '{ printf "%s%s", sep, $1; sep = "," }' "$T/hook-$c.log")
	[ "$order" = warning,warning,shutdown ] ||
		nv_fail "$c: messages $order, want warning,warning,shutdown"
	read -r l1 l2 < <(awk '$1 == "warning" { printf "%s ", $3 }' "$T/hook-$c.log")
	[ "$l1" -le 4 ] && [ "$l1" -gt "$l2" ] && [ "$l2" -gt 0 ] ||
		nv_fail "$c: seconds left in the warnings: $l1 then $l2, want 4 then 2"
	# never early: each message comes no sooner than its time after the event
	w1=$(( $(sd_hook_ms $c warning 1) - t0 ))
	w2=$(( $(sd_hook_ms $c warning 2) - t0 ))
	sd=$(( $(sd_hook_ms $c shutdown 1) - t0 ))
	[ "$w1" -ge 2000 ] || nv_fail "$c: first warning at +$w1 ms, before first-warning (2 s)"
	[ "$w2" -ge 4000 ] || nv_fail "$c: second warning at +$w2 ms, before 2 s more"
	[ "$sd" -ge 6000 ] || nv_fail "$c: shutdown request at +$sd ms, before the 6 s period ended"
done
grep -q 'Shutdown warning sent to 2 clients (on-battery' "$T/nvagentd.log" || nv_fail "no warning in the agent log"
grep -q 'Shutdown request sent to 2 clients (on-battery)' "$T/nvagentd.log" || nv_fail "no request in the agent log"
# after a request the sequence is over: the end of the event, which would
# cancel a warning, cancels nothing (the agent logs every cancel it sends)
nv_simctl scenario mains-restore >/dev/null || nv_fail "nvsim refused mains-restore"
nv_wait_for 30 "grep -q 'Shutdown events ended' '$T/nvagentd.log'" ||
	nv_fail "the agent did not see the event end"
grep -q 'Shutdown cancelled' "$T/nvagentd.log" && nv_fail "a cancel followed the shutdown request"
# and the clients, told by their next state reply that the sequence is
# over, do not take that for a cancel either
for c in alpha beta; do
	nv_wait_for 30 "grep -q 'sequence (on-battery) is over' '$T/nvshutdown-$c.log' ||
		grep -q '^cancel' '$T/hook-$c.log'" || nv_fail "$c never learnt the sequence is over"
	grep -q '^cancel' "$T/hook-$c.log" && nv_fail "$c took the end of the sequence for a cancel"
done
nv_pass
