#!/usr/bin/env bash
# With remote controls disabled on the UPS (status bit S06), a UPS shut-off
# is refused, logged, and nothing is written to the UPS; once allowed again
# it is sent, and a cancel reaches the UPS as schedule type 0.  A delay out
# of the device's range (20-600 s) is refused too.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"

nv_start_stack jbusp-three-phase
SOCK="$T/nvagent.sock"
ctl() { "$NVCTL" -s "$SOCK" "$@"; }

nv_simctl writes reset >/dev/null
nv_simctl set S6 1 >/dev/null || nv_fail "nvsim set S6 failed"
nv_wait_for 10 "ctl status | grep -q 'remote-control-off'" ||
	nv_fail "agent never saw remote controls disabled"
ctl ups shutoff 120 2 > "$T/reply" 2>&1 && nv_fail "shut-off accepted without remote control"
grep -q 'refused' "$T/reply" || nv_fail "reply does not say refused: $(cat "$T/reply")"
nv_wait_for 5 "grep -q 'UPS shut-off (delay 120 s, restart 2 min) asked by .* refused: the device grants no remote control' '$T/nvagentd.log'" ||
	nv_fail "refusal not logged"
sleep 0.5
assert_eq "writes while refused" "" "$(nv_simctl writes)"

nv_simctl release S6 >/dev/null
nv_simctl set S6 0 >/dev/null
nv_wait_for 10 "! ctl status | grep -q 'remote-control-off'" || nv_fail "S06 never cleared"
ctl ups shutoff 5 0 >/dev/null 2>&1 && nv_fail "a 5 s delay (below 20 s) was accepted"
assert_eq "writes after a bad delay" "" "$(nv_simctl writes)"

ctl ups shutoff 600 0 >/dev/null || nv_fail "shut-off refused with remote control on"
nv_wait_for 10 "ctl ups status | grep -q 'UPS shut-off done'" || nv_fail "no result: $(ctl ups status)"
ctl ups cancel >/dev/null || nv_fail "cancel refused"
nv_wait_for 10 "ctl ups status | grep -q 'UPS shut-off cancel done'" || nv_fail "no cancel result"
want='fc10:0x1580=0x0002,0x0058,0x0000,0x0000,0x0001[off-stay-off] fc10:0x1580=0x0000,0x0000,0x0000,0x0000,0x0000[cancel]'
assert_eq "writes" "$want" "$(nv_simctl writes)"
nv_pass
