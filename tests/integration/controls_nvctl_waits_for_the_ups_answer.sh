#!/usr/bin/env bash
# `nvctl ups COMMAND` answers once the UPS has answered, with an exit
# status that says how: 0 taken (the write the UPS took), 3 refused with
# the reason (remote control disabled, an exception, no public register),
# 4 no answer.  The delayed shut-off (JBUSP 0x1580) goes this way too: an
# order and its cancel reach nvsim, and after the cancel the output stays
# on past the delay.  VU-MAP has no public delayed shut-off register: the
# order is refused with that reason and nothing is written.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"

NVSIM_ARGS="--time-scale 20" nv_start_stack jbusp-three-phase
ctl() { "$NVCTL" -s "$T/nvagent.sock" "$@"; }
vout() { nv_simctl get M09; }   # output voltage, phase 1
# run WANT_STATUS nvctl-args... — the reply (both streams) in $out
run() {
	local want=$1 rc=0; shift
	out=$(ctl "$@" 2>&1) || rc=$?
	[ "$rc" = "$want" ] || nv_fail "nvctl $*: exit $rc (want $want): $out"
}
nv_simctl writes reset >/dev/null

# --- taken: the reply is the UPS's answer, not "queued" ---
run 0 ups eco-mode
grep -q '^taken: wrote 0x15B0 = 0x0003 (fc 0x06); status bit 7 of 0x1020 now 1$' <<<"$out" ||
	nv_fail "eco mode reply: $out"
assert_eq "writes after eco mode" "fc06:0x15B0=0x0003[eco-mode]" "$(nv_simctl writes)"
nv_simctl writes reset >/dev/null

# --- the delayed shut-off and its cancel ---
run 0 ups shutoff 600 0
grep -q '^taken: wrote 0x1580 x5 (fc 0x10) = 2,88,0,0,1, read back ok$' <<<"$out" ||
	nv_fail "shut-off reply: $out"
run 0 ups cancel
grep -q '^taken: wrote 0x1580 x5 (fc 0x10) = 0,0,0,0,0' <<<"$out" || nv_fail "cancel reply: $out"
assert_eq "writes after the order and its cancel" \
	"fc10:0x1580=0x0002,0x0058,0x0000,0x0000,0x0001[off-stay-off] fc10:0x1580=0x0000,0x0000,0x0000,0x0000,0x0000[cancel]" \
	"$(nv_simctl writes | tr '\n' ' ' | sed 's/ $//')"
past=$(awk -v t="$(nv_simctl clock)" 'BEGIN { print t + 700 }')
nv_wait_for 90 "nv_sim_clock_past $past" || nv_fail "nvsim's clock did not pass the delay"
[ "$(vout)" -gt 0 ] || nv_fail "the output went off after the cancel"
nv_simctl writes reset >/dev/null

# --- refused: the reason, exit 3, nothing changed ---
nv_simctl set S6 1 >/dev/null
nv_wait_for 10 "ctl status | grep -q 'remote-control-off'" || nv_fail "agent never saw S06"
run 3 ups load-to-bypass
grep -q '^nvctl: refused: remote control disabled on the device (status bit 6 of 0x1020)$' <<<"$out" ||
	nv_fail "remote disabled reply: $out"
run 3 ups shutoff 20 1
grep -q 'refused: the device grants no remote control' <<<"$out" || nv_fail "shut-off reply: $out"
assert_eq "writes while remote control is disabled" "" "$(nv_simctl writes)"
nv_simctl set S6 0 >/dev/null; nv_simctl release S6 >/dev/null
nv_wait_for 10 "! ctl status | grep -q 'remote-control-off'" || nv_fail "S06 never cleared"

nv_simctl refuse-commands on >/dev/null
run 3 ups normal-mode
grep -q '^nvctl: refused: write of 0x15B0 = 0x0004 failed: exception' <<<"$out" ||
	nv_fail "exception reply: $out"
nv_simctl refuse-commands off >/dev/null
run 3 ups alarm-reset
grep -q 'refused: no public register of this device documents alarm-reset' <<<"$out" ||
	nv_fail "alarm reset reply: $out"

# --- no answer: the UPS stops answering, exit 4 ---
nv_simctl fault no-response on >/dev/null
run 4 ups normal-mode
grep -Eq '^nvctl: (no answer|failed): ' <<<"$out" || nv_fail "no answer reply: $out"
nv_simctl fault no-response off >/dev/null
nv_wait_for 30 "ctl status | grep -q 'Communication: *ok'" || nv_fail "the agent never got the UPS back"

# --- VU-MAP: no public register for a delayed shut-off ---
nv_stop_all
nv_next_case
nv_start_stack vumap-single
nv_simctl writes reset >/dev/null
run 3 ups shutoff 60 1
grep -q 'refused: no public register of this device documents a delayed shut-off' <<<"$out" ||
	nv_fail "VU-MAP shut-off reply: $out"
assert_eq "VU-MAP writes" "" "$(nv_simctl writes)"
nv_pass
