#!/bin/bash
# The room warms through both high set points and back, cools through
# both low ones and back (nvsim env-sensor, room-overheat / room-normal /
# room-cold ramps): a SOCOMEC receiver gets exactly one trap per set point
# crossed, in order — 30 30 31 31, then 28 28 29 29 — and the contacts
# give 36 / 37 and 38 / 39.  Levels are the manual's: a receiver filtered
# on "critical" gets only 28 30 36 38.  A temperature sitting on a set
# point with +/-0.2 degC of noise every 100 ms sends at most one trap;
# each crossing is an EMD event in the event log.
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"
. "$NV_SRCDIR/tests/lib/env_sensor.sh"

P1=$(nv_free_port); P2=$(nv_free_port)
nv_start_trapd all "$P1"
nv_start_trapd crit "$P2"
nv_start_nvsim jbusp-three-phase
# 4 degC a second: each ramp passes both set points of a side in ~5 s
nv_start_env_sensor --slave 2 --time-scale 4
nv_start_snmpd
nv_write_conf "trap-receiver all { address = \"127.0.0.1:$P1\" }" \
	"trap-receiver crit { address = \"127.0.0.1:$P2\"  severity = critical }" \
	"environment {
  serial { device = \"$ENV_PTY\"  slave = 2 }
  poll-interval = 1
  input-1 { name = \"Door\"  mode = normally-open }
  input-2 { name = \"Water\" mode = normally-open }
}" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30
nv_wait_for 10 "[ \$(nv_count all 27) -ge 1 ]" || nv_fail "no trap 27 at start"
emd_traps() { nv_traps_of "$1" | tr ' ' '\n' | grep -E "^$S\.0\.(2[89]|3[0-9])\$" | sed "s/^$S\.0\.//" | tr '\n' ' '; }
ramp() {  # ramp SCENARIO TARGET-TEMPERATURE
	assert_eq "scenario $1" OK "$(nv_envctl scenario "$1")"
	nv_wait_for 60 "[ \"\$(nv_envctl get temperature)\" = '$2' ]" ||
		nv_fail "nvsim never reached $2 degC"
}

ramp room-overheat 65.0
nv_wait_for 15 "[ \"\$(emd_traps all)\" = '30 30 ' ]" || nv_fail "warming: '$(emd_traps all)'"
ramp room-normal 22.0
nv_wait_for 15 "[ \"\$(emd_traps all)\" = '30 30 31 31 ' ]" || nv_fail "back: '$(emd_traps all)'"
ramp room-cold 0.0
nv_wait_for 15 "[ \"\$(emd_traps all)\" = '30 30 31 31 28 28 ' ]" || nv_fail "cooling: '$(emd_traps all)'"
ramp room-normal 22.0
nv_wait_for 15 "[ \"\$(emd_traps all)\" = '30 30 31 31 28 28 29 29 ' ]" ||
	nv_fail "back again: '$(emd_traps all)'"

# -- the contacts ------------------------------------------------------------
for step in "input1 1 36" "input1 0 37" "input2 1 38" "input2 0 39"; do
	set -- $step
	assert_eq "set $1 $2" OK "$(nv_envctl set "$1" "$2")"
	nv_wait_for 15 "emd_traps all | grep -q ' $3 \$'" || nv_fail "$1 $2: no trap $3: '$(emd_traps all)'"
done

# -- noise on a set point: the hysteresis holds the condition ----------------
before=$(emd_traps all | wc -w)
assert_eq "on the set point" OK "$(nv_envctl set temperature 50.0)"
assert_eq "noise" OK "$(nv_envctl set noise 0.2)"
nv_wait_for 8 "false"           # 8 readings of a noisy room must pass
after=$(emd_traps all | wc -w)
[ $((after - before)) -le 1 ] || nv_fail "noise sent $((after - before)) traps: '$(emd_traps all)'"

assert_eq "the whole sequence" "30 30 31 31 28 28 29 29 36 37 38 39 " \
	"$(emd_traps all | awk '{ for (i = 1; i <= 12; i++) printf "%s ", $i }')"
assert_eq "critical receiver" "30 30 28 28 36 38 " \
	"$(emd_traps crit | awk '{ for (i = 1; i <= 6; i++) printf "%s ", $i }')"
# the event log has each crossing, with the manual's words
"$NVCTL" -s "$T/nvagent.sock" log show ups-events --csv > "$T/events.csv"
for text in ",set,EMD Temperature over high set point" \
	",set,EMD Temperature over critical high set point" \
	",cleared,EMD Temperature under critical low set point" \
	",set,EMD Alarm-1 activated" ",cleared,EMD Alarm-2 activated"; do
	grep -q -- "$text" "$T/events.csv" || nv_fail "event log lacks '$text': $(cat "$T/events.csv")"
done
nv_pass
