#!/bin/bash
# The environment sensor's shutdown events: a contact in alarm with
# emd-input-1 set to warning warns every nvshutdown client (and the end of
# the alarm cancels); the room past the critical high set point with
# emd-temperature-high set to shutdown sends the shutdown request at the
# end of its warning period.  The sensor shares the UPS's line (nvsim
# --env-slave 2); the UPS itself stays on mains throughout.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
. "$NV_SRCDIR/tests/lib/env_sensor.sh"
NVSIM_ARGS="--env-slave 2"
SD_TOP_CONF="environment {
  serial { device = \"$T/ttyUPS0\"  slave = 2 }
  poll-interval = 1
  input-1 { name = \"Door\"  mode = normally-open }
}"
sd_start_stack 'event emd-input-1 { action = warning  warning-period = 60s  first-warning = 1  warning-interval = 30 }' \
	'event emd-temperature-high { action = shutdown  warning-period = 4s  first-warning = 1  warning-interval = 1 }'
ENV_CTL=$NVSIM_CTL
sd_start_client alpha
sd_wait_connected 1

assert_eq "door open" OK "$(nv_envctl set input1 1)"
nv_wait_for 20 "grep -q '^warning emd-input-1 ' '$T/hook-alpha.log'" ||
	nv_fail "no emd-input-1 warning: $(cat "$T/hook-alpha.log" 2>/dev/null)"
assert_eq "door closed" OK "$(nv_envctl set input1 0)"
nv_wait_for 20 "grep -q '^cancel' '$T/hook-alpha.log'" ||
	nv_fail "no cancel when the contact is back: $(cat "$T/hook-alpha.log")"
[ -s "$T/shut-alpha" ] && nv_fail "a warning-only event shut the client down"

assert_eq "overheat" OK "$(nv_envctl set temperature 65)"
nv_wait_for 30 "[ -s '$T/shut-alpha' ]" || nv_fail "alpha was not shut down: $(cat "$T/hook-alpha.log")"
nv_wait_for 10 "grep -q '^shutdown emd-temperature-high ' '$T/hook-alpha.log'" ||
	nv_fail "the request does not name emd-temperature-high: $(cat "$T/hook-alpha.log")"
grep -q 'Shutdown request sent to 1 clients (emd-temperature-high)' "$T/nvagentd.log" ||
	nv_fail "no request in the agent log"
nv_pass
