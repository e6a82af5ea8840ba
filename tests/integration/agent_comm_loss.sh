#!/usr/bin/env bash
# A UPS that stops answering is "not communicating" within comm-loss-after
# cycles: every measurement reads -1, enumerations read unknown, the
# communication-lost well-known alarm is set, and nothing stale is served;
# when it answers again the live values come back.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
nv_start_stack jbusp-three-phase

charge=$SOCOMEC.1.2.4.0
nv_simctl set M04 88 >/dev/null
nv_wait_for 5 "[ \"\$(nv_get $charge)\" = 88 ]" || nv_fail "charge never 88"

t0=$(nv_now_ms)
nv_simctl fault no-response on >/dev/null
# 3 cycles at a 500 ms reply timeout: well within 10 s
nv_wait_for 10 "[ \"\$(nv_get $charge)\" = -1 ]" || nv_fail "charge still $(nv_get $charge) after comm loss"
nv_log "comm loss seen after $(( $(nv_now_ms) - t0 )) ms"
assert_eq "upsBatteryStatus unknown" 1 "$(nv_get $SOCOMEC.1.2.1.0)"
assert_eq "upsOutputSource unknown" 1 "$(nv_get $SOCOMEC.1.4.1.0)"
assert_eq "upsAlarmCommunicationLost" 1 "$(nv_get $SOCOMEC.1.6.3.58.0)"
for oid in 1.2.3.0 1.2.5.0 1.4.2.0 1.4.7.0 1.4.4.1.2.1 1.3.3.1.2.1 1.5.1.0; do
	assert_eq "$oid while not communicating" -1 "$(nv_get $SOCOMEC.$oid)"
done
"$NVCTL" -s "$T/nvagent.sock" status | grep -qi 'lost' || nv_fail "nvctl status does not say lost"

nv_simctl fault no-response off >/dev/null
nv_wait_for 30 "[ \"\$(nv_get $charge)\" = 88 ]" || nv_fail "no recovery: charge $(nv_get $charge)"
assert_eq "upsAlarmCommunicationLost cleared" 0 "$(nv_get $SOCOMEC.1.6.3.58.0)"
assert_eq "upsOutputSource onInverter" 3 "$(nv_get $SOCOMEC.1.4.1.0)"
kill -0 "$NVAGENTD_PID" || nv_fail "nvagentd died"
nv_pass
