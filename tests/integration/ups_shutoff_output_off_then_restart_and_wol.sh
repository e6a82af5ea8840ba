#!/usr/bin/env bash
# A UPS shut-off ordered during a mains failure reaches the UPS as the
# documented write (0x1580 x5, function 0x10, one byte per word: delay 20 s,
# restart 1 min, type 4), the UPS output goes off after the delay, stays off
# while mains is absent, comes back once mains has been present for the
# restart delay, and then the enabled Wake-on-LAN targets (and only they)
# get a magic packet on 127.0.0.1.  nvsim runs 20x faster than real time;
# delays are checked against its simulated clock (nvsim ctl clock).
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

# the output goes off after the delay (20 s, 1 s at x20)
nv_wait_for 30 "[ \"\$(vout)\" -eq 0 ]" || nv_fail "output never went off"
off_at=$(nv_simctl clock)
nv_wait_for 30 "ctl status | grep -q 'load-off'" || nv_fail "agent never saw load-off"
# mains still absent: the output stays off past the restart delay (1 min of
# simulated time), and the agent, polling all along, wakes nobody
nv_wait_for 60 "nv_sim_clock_past $(awk -v t="$off_at" 'BEGIN { print t + 90 }')" ||
	nv_fail "nvsim's clock did not pass the restart delay"
nv_sim_reads_mark
nv_wait_for 30 "[ \$(nv_sim_polls_since_mark) -ge 3 ]" || nv_fail "the agent stopped polling"
[ "$(vout)" -eq 0 ] || nv_fail "output came back without mains"
ctl status | grep -q 'load-off' || nv_fail "agent lost load-off while the output is off"
grep -q 'Wake-on-LAN' "$T/nvagentd.log" && nv_fail "WOL sent while the output is off"
[ -s "$T/wol.hex" ] && nv_fail "a WOL packet arrived while the output is off"

# mains back: the output returns once mains has been present for the
# restart delay, by nvsim's clock (never earlier), then the WOL goes out
restored_at=$(nv_simctl clock)
nv_simctl scenario mains-restore >/dev/null
output_back() { [ "$(vout)" -gt 0 ] && back_at=$(nv_simctl clock); }
nv_wait_for 60 output_back || nv_fail "output never came back"
awk -v b="$back_at" -v r="$restored_at" 'BEGIN { exit !(b - r >= 59.9) }' ||
	nv_fail "output back $back_at s (simulated) with mains back at $restored_at s: before the 1 min restart delay"

nv_wait_for 30 "grep -q 'Wake-on-LAN sent to 1 target' '$T/nvagentd.log'" ||
	nv_fail "no Wake-on-LAN after the restart"
# every packet the agent sent is in before a marker sent after its log line
printf end > "/dev/udp/127.0.0.1/$WOL_PORT"
nv_wait_for 10 "grep -qx 656e64 '$T/wol.hex'" || nv_fail "the UDP listener lost the marker"
want_pkt="ffffffffffff$(printf '001122334455%.0s' $(seq 16))"
assert_eq "magic packets received" "$want_pkt"$'\n'656e64 "$(cat "$T/wol.hex")"
grep -q 'UPS shut-off asked by .* sent: wrote 0x1580' "$T/nvagentd.log" ||
	nv_fail "no shut-off line in the agent log"
nv_pass
