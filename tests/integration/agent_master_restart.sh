#!/usr/bin/env bash
# snmpd killed and started again: the subagent registers again by itself
# within its ping interval (1 s here) plus the reconnect, and serves data.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
nv_expect_master_loss
nv_start_stack jbusp-three-phase

kill -KILL "$SNMPD_PID"; wait "$SNMPD_PID" 2>/dev/null
rm -f "$AGENTX_SOCK"
nv_start_snmpd
t0=$(nv_now_ms)
nv_wait_for 15 "nv_get $SOCOMEC.1.2.4.0 | grep -qv 'No Such'" ||
	nv_fail "subagent not registered again after master restart"
nv_log "registered again $(( $(nv_now_ms) - t0 )) ms after the master came back"
kill -0 "$NVAGENTD_PID" || nv_fail "nvagentd died"
nv_pass
