#!/usr/bin/env bash
# snmpd killed and started again: the subagent registers again by itself
# within its ping interval (1 s here) plus the reconnect, and serves data;
# the failed reconnects are one line at the loss and one with a count when
# the master is back, not a line per ping.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
nv_expect_master_loss
nv_start_stack jbusp-three-phase

kill -KILL "$SNMPD_PID"; wait "$SNMPD_PID" 2>/dev/null
rm -f "$AGENTX_SOCK"
# several ping intervals without a master: one line at the loss, no more
nv_wait_for 20 "[ \$(grep -c 'Failed to connect to the agentx master' '$T/nvagentd.log') -ge 1 ]" ||
	nv_fail "the loss of the master was not logged"
sleep 5         # the scenario: the master stays away for five ping intervals
nv_start_snmpd
t0=$(nv_now_ms)
nv_wait_for 15 "nv_get $SOCOMEC.1.2.4.0 | grep -qv 'No Such'" ||
	nv_fail "subagent not registered again after master restart"
nv_log "registered again $(( $(nv_now_ms) - t0 )) ms after the master came back"
failed=$(grep -c 'Failed to connect to the agentx master' "$T/nvagentd.log")
assert_eq "'Failed to connect' lines while the master was down" 1 "$failed"
nv_wait_for 10 "grep -q 'AgentX master agent is back after [0-9]* failed connection attempts' '$T/nvagentd.log'" ||
	nv_fail "the master's return was not logged with a count"
kill -0 "$NVAGENTD_PID" || nv_fail "nvagentd died"
nv_pass
