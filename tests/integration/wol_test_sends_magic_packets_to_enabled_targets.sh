#!/usr/bin/env bash
# `nvctl wol test` sends one magic packet (6 x FF, then 16 x the MAC, 102
# bytes) per enabled target to the configured address (here a listener on
# 127.0.0.1); disabled targets get nothing.  A malformed MAC in the config
# is refused with FILE:LINE.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"

cat > "$T/bad.conf" <<EOF
serial { device = "/dev/null" }
wol target srv1 { mac = "00:11:22:33:44:55" }

wol target typo { mac = "00:11:22:33:44:5G" }
EOF
out=$("$NVAGENTD" --check-config -c "$T/bad.conf" 2>&1) && nv_fail "bad MAC accepted"
printf '%s\n' "$out" | grep -q "$T/bad.conf:4: wol target typo: mac must be" ||
	nv_fail "no FILE:LINE for a bad MAC: $out"

WOL_PORT=$(nv_free_port)
nv_bg "$T/udp.log" python3 "$NV_SRCDIR/tests/lib/udp_listen.py" "$WOL_PORT" "$T/wol.hex"
nv_wait_for 5 "[ -e '$T/wol.hex' ]" || nv_fail "UDP listener did not start"
nv_start_stack jbusp-single-phase \
	'wol target a { mac = "00:11:22:33:44:55"  enabled = true  description = "db1" }' \
	'wol target b { mac = "de-ad-be-ef-00-01" }' \
	'wol target c { mac = "66:77:88:99:aa:bb"  enabled = false }' \
	"wol { address = \"127.0.0.1:$WOL_PORT\" }"
reply=$("$NVCTL" -s "$T/nvagent.sock" wol test) || nv_fail "wol test failed: $reply"
assert_eq "reply" "sent 2 magic packet(s) to 127.0.0.1:$WOL_PORT" "$reply"
nv_wait_for 5 "[ \$(wc -l < '$T/wol.hex') -ge 2 ]" || nv_fail "packets not received"
sleep 0.3
pkt() { printf 'ffffffffffff'; for _ in $(seq 16); do printf '%s' "$1"; done; echo; }
assert_eq "packets" "$(pkt 001122334455; pkt deadbeef0001)" "$(cat "$T/wol.hex")"
grep -q '6677889' "$T/wol.hex" && nv_fail "disabled target got a packet"
nv_pass
