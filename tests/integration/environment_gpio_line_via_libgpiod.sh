#!/bin/bash
# Two environment inputs read from GPIO lines through libgpiod, on a chip
# simulated by gpio-sim (configfs; root): the lines are requested as
# inputs by consumer "nvagentd"; pulling line 2 up closes the Door
# contact (emdStatusIn1Active active(3), trap 36), pulling it down opens
# it (trap 37); line 3 is active-low, so its pull-down reads closed.
# SIGHUP with input-2 disabled releases line 3 (one chip fd fewer).
# Skipped, with the reason, where the kernel has no gpio-sim (or no
# configfs), where the test is not root, or in a build without libgpiod.
. "$NV_SRCDIR/tests/lib/common.sh"
grep -q '^#define HAVE_GPIOD 1' "$NV_BUILDDIR/config.h" ||
	nv_skip "built without libgpiod (configure --without-gpiod or no libgpiod-dev)"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
command -v gpioinfo >/dev/null || nv_skip "gpioinfo not installed (Debian package gpiod)"
[ "$(id -u)" -eq 0 ] || nv_skip "not root: gpio-sim chips are made through configfs"
CFS=/sys/kernel/config
if [ ! -d "$CFS/gpio-sim" ]; then
	grep -qw configfs /proc/filesystems ||
		modprobe configfs 2>/dev/null || true
	grep -qw configfs /proc/filesystems ||
		nv_skip "kernel $(uname -r) has no configfs (CONFIG_CONFIGFS_FS), so no gpio-sim"
	out=$(modprobe gpio-sim 2>&1) ||
		nv_skip "kernel $(uname -r) has no gpio-sim module (modprobe gpio-sim: ${out:-failed})"
	if ! mountpoint -q "$CFS"; then
		mount -t configfs none "$CFS" || nv_skip "configfs cannot be mounted on $CFS"
		MOUNTED=1
	fi
	[ -d "$CFS/gpio-sim" ] ||
		nv_skip "kernel $(uname -r): no $CFS/gpio-sim after modprobe gpio-sim"
fi
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"
. "$NV_SRCDIR/tests/lib/env_sensor.sh"

SIM=$CFS/gpio-sim/nvtest-$$
sim_down() {
	[ -d "$SIM" ] || return 0
	echo 0 > "$SIM/live"
	rmdir "$SIM/bank0" "$SIM"
	[ -z "${MOUNTED:-}" ] || umount "$CFS"
}
# the agent lets go of the lines before the chip goes away
trap 'rc=$?; set +e; nv_stop_all || { [ "$rc" -eq 0 ] && rc=1; }; sim_down; exit "$rc"' EXIT
mkdir "$SIM" "$SIM/bank0" && echo 4 > "$SIM/bank0/num_lines" && echo 1 > "$SIM/live" ||
	nv_fail "gpio-sim: cannot make a chip in $SIM"
CHIP=$(cat "$SIM/bank0/chip_name"); DEV=$(cat "$SIM/dev_name")
pull() {  # pull LINE pull-up|pull-down
	echo "$2" > "/sys/devices/platform/$DEV/$CHIP/sim_gpio$1/pull" || nv_fail "cannot pull line $1"
}
pull 2 pull-down; pull 3 pull-down

P1=$(nv_free_port)
nv_start_trapd all "$P1"
gpio_conf() {  # gpio_conf INPUT-2-BODY
	nv_write_conf "trap-receiver all { address = \"127.0.0.1:$P1\" }" "environment {
  profile = sysfs
  poll-interval = 1
  input-1 { name = \"Door\"  mode = normally-open  gpio = \"$CHIP:2\" }
  input-2 { $1 }
}" > "$T/nvagent.conf"
}
nv_start_nvsim jbusp-three-phase
nv_start_snmpd
gpio_conf "name = \"Water\"  mode = normally-open  gpio = \"$CHIP:3\"  active-low = true"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30
emd_traps() { nv_traps_of all | tr ' ' '\n' | grep -E "^$S\.0\.(3[6-9])\$" | sed "s/^$S\.0\.//" | tr '\n' ' '; }
chip_fds() { ls -l "/proc/$NVAGENTD_PID/fd" 2>/dev/null | grep -c "/dev/$CHIP\$"; }

nv_wait_for 15 "[ \"\$(nv_emd)\" = '-1 -1 2 3' ]" || nv_fail "start: emdStatus '$(nv_emd)'"
gpioinfo "$CHIP" | grep -Eq 'line +2:.*"nvagentd" +input' ||
	nv_fail "line 2 not requested as an input by nvagentd: $(gpioinfo "$CHIP")"
pull 2 pull-up
nv_wait_for 15 "[ \"\$(nv_emd)\" = '-1 -1 3 3' ]" || nv_fail "pull-up: emdStatus '$(nv_emd)'"
nv_wait_for 15 "emd_traps | grep -q '36 \$'" || nv_fail "pull-up: no trap 36: '$(emd_traps)'"
pull 2 pull-down
nv_wait_for 15 "[ \"\$(nv_emd)\" = '-1 -1 2 3' ]" || nv_fail "pull-down: emdStatus '$(nv_emd)'"
nv_wait_for 15 "emd_traps | grep -q '37 \$'" || nv_fail "pull-down: no trap 37: '$(emd_traps)'"

[ "$(chip_fds)" = 2 ] || nv_fail "chip fds before SIGHUP: $(chip_fds)"
gpio_conf 'mode = disabled'
kill -HUP "$NVAGENTD_PID"
nv_wait_for 15 "[ \"\$(nv_emd)\" = '-1 -1 2 1' ]" || nv_fail "after SIGHUP: emdStatus '$(nv_emd)'"
nv_wait_for 10 "[ \"\$(chip_fds)\" = 1 ]" || nv_fail "line 3 not released: $(chip_fds) chip fds"
gpioinfo "$CHIP" | grep -Eq 'line +3:.*unused' || nv_fail "line 3 still used: $(gpioinfo "$CHIP")"
nv_pass
