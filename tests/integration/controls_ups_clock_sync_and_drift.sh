#!/usr/bin/env bash
# The UPS clock.  VU-MAP: nvagentd sets it from the host's at start (one
# function-0x10 write of 0x00CB-0x00CE, seen in nvsim's write log and
# clock), and on `nvctl ups clock-sync`, which tells how far off it was;
# `nvctl status` shows the drift (UPS - host) after.  JBUSP documents its
# clock (0x1360) read only: the drift of a skewed clock is shown, a sync
# is refused with that reason and nothing is written.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"
ctl() { "$NVCTL" -s "$T/nvagent.sock" "$@"; }
# drift_is LO HI — the drift nvctl status shows is within LO..HI s
drift_is() {
	local d
	d=$(ctl status | sed -n 's/^UPS clock: *\([-+][0-9]*\) s from the host.s$/\1/p')
	[ -n "$d" ] && [ "$d" -ge "$1" ] && [ "$d" -le "$2" ]
}
skew_is() {     # the skew of nvsim's clock is within LO..HI s
	local s
	s=$(nv_simctl ups-clock | sed -n 's/^skew //p')
	[ -n "$s" ] && [ "$s" -ge "$1" ] && [ "$s" -le "$2" ]
}

# --- JBUSP: a clock 2 minutes ahead, read only ---
NVSIM_ARGS="--clock-skew 120" nv_start_stack jbusp-three-phase
nv_wait_for 20 "drift_is 119 121" || nv_fail "JBUSP drift: $(ctl status | grep -i clock)"
ctl status json | grep -Eq '"ups_clock_drift_s":1(19|20|21)\}' ||
	nv_fail "drift not in status json: $(ctl status json)"
nv_simctl writes reset >/dev/null
rc=0; out=$(ctl ups clock-sync 2>&1) || rc=$?
assert_eq "nvctl's exit status for a JBUSP clock sync" 3 "$rc"
grep -q "refused: the device's clock is read only" <<<"$out" || nv_fail "JBUSP reply: $out"
assert_eq "JBUSP writes" "" "$(nv_simctl writes)"
skew_is 120 120 || nv_fail "JBUSP clock changed: $(nv_simctl ups-clock)"

# --- VU-MAP: an hour behind, set at start ---
nv_next_case
NVSIM_ARGS="--clock-skew -3600" nv_start_stack vumap-single
nv_wait_for 20 "grep -q 'clock-sync asked by the daily clock sync sent: UPS clock was -3[56][09][019] s off; wrote 0x00CB x4 (fc 0x10) = ' '$T/nvagentd.log'" ||
	nv_fail "no clock sync at start: $(grep -i clock "$T/nvagentd.log")"
nv_simctl writes | grep -Eq '^fc10:0x00CB=0x[0-9A-F]{4},0x[0-9A-F]{4},0x[0-9A-F]{4},0x00[0-9A-F]{2}\[clock-set\]$' ||
	nv_fail "VU-MAP write log: $(nv_simctl writes)"
skew_is -1 1 || nv_fail "nvsim's clock after the sync: $(nv_simctl ups-clock)"
nv_wait_for 20 "drift_is -1 1" || nv_fail "drift after the sync: $(ctl status | grep -i clock)"

# --- a sync on demand: how far off it was, the drift after ---
nv_simctl ups-clock 300 >/dev/null
nv_simctl writes reset >/dev/null
out=$(ctl ups clock-sync 2>&1) || nv_fail "clock-sync failed: $out"
grep -Eq '^taken: UPS clock was \+(299|300|301) s off; wrote 0x00CB x4 \(fc 0x10\) = 20[0-9]{2}-' <<<"$out" ||
	nv_fail "clock-sync reply: $out"
[ "$(nv_simctl writes | grep -c 'clock-set')" = 1 ] || nv_fail "writes: $(nv_simctl writes)"
skew_is -1 1 || nv_fail "nvsim's clock after clock-sync: $(nv_simctl ups-clock)"
nv_wait_for 20 "drift_is -1 1" || nv_fail "drift after clock-sync: $(ctl status | grep -i clock)"
nv_pass
