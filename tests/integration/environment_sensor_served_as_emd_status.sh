#!/bin/bash
# The environment sensor on a line of its own (nvsim --profile env-sensor,
# slave 2): mbpoll reads the simulated registers and contacts, and the
# agent serves the same values as emdStatus (0.1 degC, 0.1 %, inputs
# notActived(2) / actived(3) after the normally-open / normally-closed
# modes, disabled(1) for an input switched off); with no environment
# section emdStatus reads -1 / -1 / disabled.  A sensor that stops
# answering, or answers garbage, reads -1 (nothing stale; the inputs
# disabled(1), their enumeration has no "unknown") and is an "EMD sensor
# not answering" event; when it is back, so are its values.
. "$NV_SRCDIR/tests/lib/common.sh"
command -v mbpoll >/dev/null || nv_skip "mbpoll not installed (Debian package mbpoll)"
nv_setup
. "$NV_SRCDIR/tests/lib/env_sensor.sh"
SOCK="$T/nvagent.sock"
ctl() { "$NVCTL" -s "$SOCK" "$@"; }

# -- no sensor configured: the manual's "none" values ----------------------
nv_start_stack jbusp-three-phase
assert_eq "emdStatus without a sensor" "-1 -1 1 1" "$(nv_emd)"
UPS_PTY=$NVSIM_PTY

# -- the sensor on its own line --------------------------------------------
nv_start_env_sensor --slave 2
assert_eq "set temperature" OK "$(nv_envctl set temperature 23.4)"
assert_eq "set humidity" OK "$(nv_envctl set humidity 41.5)"
assert_eq "set input2" OK "$(nv_envctl set input2 1)"
# an independent master reads what the sensor serves (before the agent
# owns the line): input registers 1 and 2 (1-based), discrete inputs 1, 2
mbpoll -m rtu -b 9600 -P none -a 2 -t 3 -r 1 -c 2 -1 "$ENV_PTY" > "$T/mbpoll-regs.txt" 2>&1 ||
	nv_fail "mbpoll input registers: $(cat "$T/mbpoll-regs.txt")"
assert_eq "mbpoll registers" "234 415" "$(sed -n 's/^\[[12]\]:[[:space:]]*//p' "$T/mbpoll-regs.txt" | tr '\n' ' ' | sed 's/ $//')"
mbpoll -m rtu -b 9600 -P none -a 2 -t 1 -r 1 -c 2 -1 "$ENV_PTY" > "$T/mbpoll-bits.txt" 2>&1 ||
	nv_fail "mbpoll discrete inputs: $(cat "$T/mbpoll-bits.txt")"
assert_eq "mbpoll contacts" "0 1" "$(sed -n 's/^\[[12]\]:[[:space:]]*//p' "$T/mbpoll-bits.txt" | tr '\n' ' ' | sed 's/ $//')"

ENVIRONMENT="environment {
  serial { device = \"$ENV_PTY\"  slave = 2  timeout = 200 }
  profile = \"env-sensor\"
  poll-interval = 1
  comm-loss-after = 2
  input-1 { name = \"Door\"  mode = normally-open }
  input-2 { name = \"Water\" mode = normally-closed }
}"
nv_write_conf "$ENVIRONMENT" > "$T/nvagent.conf"
kill -HUP "$NVAGENTD_PID"
# input 2 is normally closed and closed: not active
nv_wait_for 15 "[ \"\$(nv_emd)\" = '234 415 2 2' ]" ||
	nv_fail "emdStatus after SIGHUP: '$(nv_emd)', want '234 415 2 2'"
assert_eq "set input1" OK "$(nv_envctl set input1 1)"
assert_eq "set input2" OK "$(nv_envctl set input2 0)"
assert_eq "set temperature" OK "$(nv_envctl set temperature -5.5)"
nv_wait_for 10 "[ \"\$(nv_emd)\" = '-55 415 3 3' ]" ||
	nv_fail "emdStatus: '$(nv_emd)', want '-55 415 3 3'"
ctl status | grep -q "Room temperature *-5.5 C" || nv_fail "nvctl status: $(ctl status)"

# -- the sensor stops answering: -1, an event; back: values ----------------
assert_eq "fault no-response" OK "$(nv_envctl fault no-response on)"
nv_wait_for 15 "[ \"\$(nv_emd)\" = '-1 -1 1 1' ]" ||
	nv_fail "emdStatus while the sensor is silent: '$(nv_emd)'"
nv_wait_for 10 "ctl log show ups-events --csv | grep -q ',set,EMD sensor not answering'" ||
	nv_fail "no 'not answering' event: $(ctl log show ups-events)"
assert_eq "fault off" OK "$(nv_envctl fault no-response off)"
nv_wait_for 15 "[ \"\$(nv_emd)\" = '-55 415 3 3' ]" ||
	nv_fail "emdStatus once the sensor is back: '$(nv_emd)'"
nv_wait_for 10 "ctl log show ups-events --csv | grep -q ',cleared,EMD sensor not answering'" ||
	nv_fail "no 'answering again' event: $(ctl log show ups-events)"

# -- garbage: a temperature no room has is a bad reply, not a value --------
assert_eq "pin garbage" OK "$(nv_envctl set 0x0000 0x7FFF)"
nv_wait_for 15 "[ \"\$(nv_emd)\" = '-1 -1 1 1' ]" ||
	nv_fail "emdStatus with a garbled temperature: '$(nv_emd)'"
assert_eq "release" OK "$(nv_envctl release 0x0000)"
nv_wait_for 15 "[ \"\$(nv_emd | cut -d' ' -f1)\" = '-55' ]" ||
	nv_fail "emdStatus after the garbage: '$(nv_emd)'"
# bad CRC from the sensor: same
assert_eq "fault bad-crc" OK "$(nv_envctl fault bad-crc on)"
nv_wait_for 15 "[ \"\$(nv_emd)\" = '-1 -1 1 1' ]" ||
	nv_fail "emdStatus with bad CRCs: '$(nv_emd)'"
nv_envctl fault bad-crc off >/dev/null
# the UPS side never noticed
[ "$(nv_get "$SOCOMEC.1.2.4.0")" != "-1" ] || nv_fail "the UPS went silent with the sensor"
nv_pass
