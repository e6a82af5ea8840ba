#!/bin/bash
# The environment sensor on the UPS's own RS-485 line at another slave id
# (nvsim --env-slave 2 beside the UPS): the UPS poller reads it between
# two passes; emdStatus follows the room, nvctl status says the line is
# shared, and the UPS's own events still arrive (a mains failure is an
# on-battery trap while the room is being read).
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"
. "$NV_SRCDIR/tests/lib/env_sensor.sh"

P1=$(nv_free_port)
nv_start_trapd all "$P1"
nv_start_nvsim jbusp-three-phase --env-slave 2
ENV_CTL=$NVSIM_CTL              # one nvsim: the UPS and the sensor
nv_start_snmpd
nv_write_conf "trap-receiver all { address = \"127.0.0.1:$P1\" }" \
	"environment {
  serial { device = \"$NVSIM_PTY\"  slave = 2 }
  poll-interval = 1
  input-1 { mode = normally-open }
}" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30
assert_eq "set temperature" OK "$(nv_envctl set temperature 31.7)"
assert_eq "set humidity" OK "$(nv_envctl set humidity 55)"
nv_wait_for 15 "[ \"\$(nv_emd)\" = '317 550 2 1' ]" || nv_fail "emdStatus: '$(nv_emd)'"
"$NVCTL" -s "$T/nvagent.sock" status | grep -q "slave 2 (the UPS's line), communication ok" ||
	nv_fail "nvctl status: $("$NVCTL" -s "$T/nvagent.sock" status)"
# the sensor's requests went to slave 2 on the same pty
nv_simctl counters | grep -q "fc04:0x0000=" || nv_fail "no sensor reads: $(nv_simctl counters)"

assert_eq "contact" OK "$(nv_envctl set input1 1)"
assert_eq "mains-fail" OK "$(nv_simctl scenario mains-fail)"
nv_wait_for 15 "[ \$(nv_count all 1) -ge 1 ] && [ \$(nv_count all 36) -ge 1 ]" ||
	nv_fail "on battery + input 1: $(nv_traps_of all)"
nv_wait_for 10 "[ \"\$(nv_emd)\" = '317 550 3 1' ]" || nv_fail "emdStatus: '$(nv_emd)'"
# the UPS's measurements stay live beside the sensor
[ "$(nv_get "$SOCOMEC.1.2.4.0")" != "-1" ] || nv_fail "the UPS went silent"
nv_pass
