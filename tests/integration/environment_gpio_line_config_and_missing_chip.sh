#!/bin/bash
# An environment input read from a GPIO line (input-1 { gpio = "CHIP:LINE" },
# libgpiod).  A build without libgpiod refuses such a config with
# FILE:LINE and the reason; a build with it refuses a malformed line, a
# gpio line outside profile sysfs, and a line and a file for the same
# contact, each with FILE:LINE.  A contact moved by SIGHUP from a file to
# a line on a chip that does not exist is the sensor's comm loss: values
# -1, inputs disabled(1), the "not answering" event, a warning; the agent
# keeps running, and serves the file again when SIGHUP moves it back.  (A real line: environment_gpio_line_via_libgpiod.sh.)
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
refused() {   # refused WHAT EXPECTED-TEXT ENVIRONMENT-BODY
	printf 'control-socket = "%s/x.sock"\nenvironment {\n%s\n}\n' "$T" "$3" > "$T/bad.conf"
	out=$("$NVAGENTD" --check-config -c "$T/bad.conf" 2>&1) && nv_fail "$1: accepted"
	echo "$out" | grep -q "$2" || nv_fail "$1: message '$out' lacks '$2'"
	nv_log "$1: $out"
}
gpio_in='  profile = sysfs
  input-1 { name = "Door"  mode = normally-open  gpio = "nv-no-such-chip:3" }'

if ! grep -q '^#define HAVE_GPIOD 1' "$NV_BUILDDIR/config.h"; then
	refused "gpio line, built without libgpiod" \
		"bad.conf:4: .*input-1: gpio 'nv-no-such-chip:3': this nvagentd is built without libgpiod" \
		"$gpio_in"
	nv_pass
fi

refused "no line offset" "bad.conf:4: .*input-1: gpio 'gpiochip0' is not CHIP:LINE" \
	'  profile = sysfs
  input-1 { mode = normally-open  gpio = "gpiochip0" }'
refused "line offset not a number" "bad.conf:5: .*input-2: gpio 'gpiochip0:x' is not CHIP:LINE" \
	'  profile = sysfs
  input-1 { mode = normally-open  gpio = "gpiochip0:1" }
  input-2 { mode = normally-open  gpio = "gpiochip0:x" }'
refused "gpio with a Modbus profile" "bad.conf:4: .*input-1: a gpio line needs profile = sysfs" \
	'  serial { device = "/dev/ttyUSB9" }
  input-1 { mode = normally-open  gpio = "gpiochip0:3" }'
refused "a line and a file" "bad.conf:5: .*input-1: gpio 'gpiochip0:3' and sysfs input-1" \
	"  profile = sysfs
  sysfs { input-1 = \"$T/v\" }
  input-1 { mode = normally-open  gpio = \"gpiochip0:3\" }"
printf 'control-socket = "%s/x.sock"\nenvironment {\n%s\n}\n' "$T" "$gpio_in" > "$T/good.conf"
"$NVAGENTD" --check-config -c "$T/good.conf" >/dev/null 2>&1 ||
	nv_fail "gpio-only config refused: $("$NVAGENTD" --check-config -c "$T/good.conf" 2>&1)"

. "$NV_SRCDIR/tests/lib/env_sensor.sh"
HUM="$T/humidity1_input"; DOOR="$T/gpio17_value"; echo 41500 > "$HUM"; echo 1 > "$DOOR"
env_conf() {  # env_conf SYSFS-INPUT-1-LINE INPUT-1-GPIO-LINE
	nv_write_conf "environment {
  profile = sysfs
  sysfs { humidity = \"$HUM\"  $1 }
  poll-interval = 1
  comm-loss-after = 2
  input-1 { name = \"Door\"  mode = normally-open  $2 }
}" > "$T/nvagent.conf"
}
reload() {
	local n
	n=$(grep -c 'configuration reloaded' "$T/nvagentd.log")
	kill -HUP "$NVAGENTD_PID"
	nv_wait_for 10 "[ \$(grep -c 'configuration reloaded' '$T/nvagentd.log') -gt $n ]" ||
		nv_fail "no reload logged"
}
nv_start_nvsim jbusp-three-phase
nv_start_snmpd
env_conf "input-1 = \"$DOOR\"" ''
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30
SOCK="$T/nvagent.sock"
nv_wait_for 15 "[ \"\$(nv_emd)\" = '-1 415 3 1' ]" || nv_fail "file contact: emdStatus '$(nv_emd)'"

# the contact moves to a GPIO line on a chip that does not exist
env_conf '' 'gpio = "nv-no-such-chip:3"'
reload
nv_wait_for 15 "[ \"\$(nv_emd)\" = '-1 -1 1 1' ]" || nv_fail "missing chip: emdStatus '$(nv_emd)'"
nv_wait_for 10 "\"$NVCTL\" -s '$SOCK' log show ups-events --csv | grep -q ',set,EMD sensor not answering'" ||
	nv_fail "no 'not answering' event: $("$NVCTL" -s "$SOCK" log show ups-events)"
grep -q 'environment: sysfs: a file or GPIO line cannot be read' "$T/nvagentd.log" ||
	nv_fail "no warning in the log"
env_conf '' 'gpio = "/dev/nv-no-such-chip:4"'
reload
env_conf "input-1 = \"$DOOR\"" ''
reload
nv_wait_for 15 "[ \"\$(nv_emd)\" = '-1 415 3 1' ]" || nv_fail "file again: emdStatus '$(nv_emd)'"
nv_pass
