#!/bin/bash
# A flapping mains (fail / restore every 2 s) for longer than the warning
# period: each failure warns and each return cancels, but no shutdown
# request is ever sent because no failure lasts the whole period.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
sd_start_stack 'event on-battery { action = shutdown  warning-period = 5s  first-warning = 0  warning-interval = 1 }'
sd_start_client alpha
sd_wait_connected 1

end=$(( $(nv_now_ms) + 14000 ))
flaps=0
while [ "$(nv_now_ms)" -lt "$end" ]; do
	nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim refused mains-fail"
	sleep 2         # the flapping period itself, not a wait for a result
	nv_simctl scenario mains-restore >/dev/null || nv_fail "nvsim refused mains-restore"
	sleep 2
	flaps=$(( flaps + 1 ))
done
# a last period's worth to be sure nothing late arrives
nv_wait_for 10 "[ \$(nv_now_ms) -ge $(( end + 6000 )) ]"
warnings=$(grep -c '^warning' "$T/hook-alpha.log")
cancels=$(grep -c '^cancel' "$T/hook-alpha.log")
nv_log "$flaps flaps: $warnings warnings, $cancels cancels at the client"
[ "$warnings" -ge 2 ] || nv_fail "the failures were not even warned ($warnings)"
[ "$cancels" -ge 2 ] || nv_fail "the returns were not cancelled ($cancels)"
grep -q '^shutdown' "$T/hook-alpha.log" && nv_fail "a shutdown request reached the client"
[ -e "$T/shut-alpha" ] && nv_fail "the client shut down"
grep -q 'Shutdown request sent' "$T/nvagentd.log" && nv_fail "the agent sent a request"
nv_pass
