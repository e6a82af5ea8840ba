#!/bin/bash
# An INFORM to a receiver that is down is retried, and delivered once the
# receiver comes up within the retry window (timeout 300 ms x 15 retries);
# nvagentd stopped while another receiver's informs are still pending
# drops them with a log line and exits cleanly.
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"

P=$(nv_free_port)
DOWN=$(nv_free_port)
nv_start_nvsim jbusp-three-phase
nv_start_snmpd
nv_write_conf "trap-receiver late { address = \"127.0.0.1:$P\"  type = inform
  retries = 15  timeout = 300 }" "trap-receiver down { address = \"127.0.0.1:$DOWN\"
  type = inform  retries = 20  timeout = 1000 }" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30

nv_ctl trap test >/dev/null || nv_fail "nvctl trap test failed"
# the receiver is down for a second (a deadline that must pass) ...
nv_wait_for 1 "false"
grep -q "not acknowledged" "$T/nvagentd.log" &&
	nv_fail "an inform was given up within the retry window"
nv_start_trapd late "$P"
# ... then the retried informs (agent restarting 27, test 42) arrive
nv_wait_for 6 "[ \$(nv_count late 42) -ge 1 ] && [ \$(nv_count late 27) -ge 1 ]" ||
	nv_fail "the informs were not delivered after the receiver came up: $(nv_traps_of late)"

# receiver "down" still has both informs pending: a clean stop drops them
kill -TERM "$NVAGENTD_PID"
nv_wait_for 10 "! kill -0 $NVAGENTD_PID 2>/dev/null" || nv_fail "nvagentd did not stop"
wait "$NVAGENTD_PID"
rc=$?
[ "$rc" -eq 0 ] || nv_fail "nvagentd exited with status $rc with informs pending"
dropped=$(grep -c "trap receiver down: inform .* dropped unacknowledged" "$T/nvagentd.log")
assert_eq "pending informs dropped at stop" 2 "$dropped"
grep -q "trap receiver late: inform .* dropped" "$T/nvagentd.log" &&
	nv_fail "an acknowledged inform was reported again at stop"
nv_pass
