#!/bin/bash
# Linux sensors read from files (profile sysfs), with files in the test
# directory standing in for sysfs: a 1-Wire DS18B20 w1_slave file, a hwmon
# humidity1_input and a GPIO value file as the contact.  emdStatus serves
# them; a 1-Wire CRC error, a file that vanishes or holds garbage counts
# as a failed reading (-1 after comm-loss-after, inputs disabled(1), the
# event logged) and
# nothing stale is served; the values come back with the files.  GPIO
# lines through libgpiod are not read by this build (see nvagent.conf(5)).
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
. "$NV_SRCDIR/tests/lib/env_sensor.sh"
W1="$T/w1_slave"; HUM="$T/humidity1_input"; GPIO="$T/gpio17_value"
w1() {  # w1 YES|NO MILLIDEGREES — the two lines a DS18B20 gives
	printf '72 01 4b 46 7f ff 0e 10 57 : crc=57 %s\n72 01 4b 46 7f ff 0e 10 57 t=%s\n' "$1" "$2" > "$W1.new"
	mv "$W1.new" "$W1"
}
w1 YES 23125; echo 41500 > "$HUM"; echo 0 > "$GPIO"

nv_start_stack jbusp-three-phase "environment {
  profile = sysfs
  sysfs { temperature = \"$W1\"  humidity = \"$HUM\"  input-1 = \"$GPIO\" }
  poll-interval = 1
  comm-loss-after = 2
  input-1 { name = \"Door\"  mode = normally-open }
}"
SOCK="$T/nvagent.sock"
nv_wait_for 15 "[ \"\$(nv_emd)\" = '231 415 2 1' ]" || nv_fail "emdStatus: '$(nv_emd)'"
echo 1 > "$GPIO"; w1 YES -1500
nv_wait_for 10 "[ \"\$(nv_emd)\" = '-15 415 3 1' ]" || nv_fail "emdStatus: '$(nv_emd)'"
"$NVCTL" -s "$SOCK" status | grep -q "Environment:    EMD 1, sysfs files, communication ok" ||
	nv_fail "nvctl status: $("$NVCTL" -s "$SOCK" status)"

for fault in crc vanished garbage; do
	case $fault in
	crc) w1 NO 85000 ;;
	vanished) rm -f "$HUM" ;;
	garbage) printf 'not a number\n' > "$HUM" ;;
	esac
	nv_wait_for 15 "[ \"\$(nv_emd)\" = '-1 -1 1 1' ]" || nv_fail "$fault: emdStatus '$(nv_emd)'"
	w1 YES 24000; echo 40000 > "$HUM"
	nv_wait_for 15 "[ \"\$(nv_emd)\" = '240 400 3 1' ]" || nv_fail "after $fault: emdStatus '$(nv_emd)'"
done
"$NVCTL" -s "$SOCK" log show ups-events --csv | grep -q ',set,EMD sensor not answering' ||
	nv_fail "no 'not answering' event: $("$NVCTL" -s "$SOCK" log show ups-events)"
nv_pass
