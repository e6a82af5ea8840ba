#!/usr/bin/env bash
# A UPS shut-off ordered during a mains failure reaches the UPS as the
# documented write (0x1580 x5, function 0x10, one byte per word: delay 20 s,
# restart 1 min, type 4), the UPS output goes off after the delay, stays off
# while mains is absent, comes back once mains has been present for the
# restart delay, and then the enabled Wake-on-LAN targets (and only they)
# get a magic packet on 127.0.0.1.  nvsim runs 20x faster than real time.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"

WOL_PORT=$(nv_free_port)
nv_bg "$T/udp.log" python3 "$NV_SRCDIR/tests/lib/udp_listen.py" "$WOL_PORT" "$T/wol.hex"
nv_wait_for 5 "[ -e '$T/wol.hex' ]" || nv_fail "UDP listener did not start"

NVSIM_ARGS="--time-scale 20" nv_start_stack jbusp-three-phase \
	'wol target srv1 { mac = "00:11:22:33:44:55"  enabled = true }' \
	'wol target off1 { mac = "66:77:88:99:aa:bb"  enabled = false }' \
	"wol { address = \"127.0.0.1:$WOL_PORT\" }"
SOCK="$T/nvagent.sock"
ctl() { "$NVCTL" -s "$SOCK" "$@"; }
vout() { nv_simctl get M09; }   # output voltage, phase 1

nv_simctl writes reset >/dev/null
nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim scenario failed"
nv_wait_for 10 "ctl status | grep -q 'on-battery'" || nv_fail "agent never saw on-battery"
[ "$(vout)" -gt 0 ] || nv_fail "output off before any order"

ctl ups shutoff 20 1 > "$T/reply" || nv_fail "ups shutoff refused: $(cat "$T/reply")"
nv_wait_for 10 "ctl ups status | grep -q 'UPS shut-off done'" ||
	nv_fail "no result: $(ctl ups status)"
want='fc10:0x1580=0x0000,0x0014,0x0000,0x0001,0x0004[off-then-restart]'
assert_eq "write seen by the UPS" "$want" "$(nv_simctl writes)"

# 20 s at x20 = 1 s
nv_wait_for 10 "[ \"\$(nv_simctl get M09)\" -eq 0 ]" || nv_fail "output never went off"
nv_wait_for 10 "ctl status | grep -q 'load-off'" || nv_fail "agent never saw load-off"
# mains still absent: the output must stay off (1 min at x20 = 3 s)
sleep 4
[ "$(vout)" -eq 0 ] || nv_fail "output came back without mains"
[ -s "$T/wol.hex" ] && nv_fail "WOL sent while the output is off"

t0=$(nv_now_ms)
nv_simctl scenario mains-restore >/dev/null
nv_wait_for 15 "[ \"\$(nv_simctl get M09)\" -gt 0 ]" || nv_fail "output never came back"
elapsed=$(( $(nv_now_ms) - t0 ))
[ "$elapsed" -ge 2500 ] || nv_fail "output back after ${elapsed} ms, before the restart delay (3 s)"
nv_log "output back ${elapsed} ms after mains (restart delay 1 min = 3000 ms at x20)"

nv_wait_for 10 "[ -s '$T/wol.hex' ]" || nv_fail "no Wake-on-LAN after the restart"
sleep 0.5
want_pkt="ffffffffffff$(printf '001122334455%.0s' $(seq 16))"
assert_eq "magic packets received" "$want_pkt" "$(cat "$T/wol.hex")"
grep -q 'Wake-on-LAN sent to 1 target' "$T/nvagentd.log" ||
	nv_fail "no WOL line in the agent log"
grep -q 'UPS shut-off sent: wrote 0x1580' "$T/nvagentd.log" ||
	nv_fail "no shut-off line in the agent log"
nv_pass
