#!/usr/bin/env bash
# The UPS shut-off the shutdown sequence sends with its shutdown request
# waits for the NUT clients logged in: with an upsmon logged in and the
# nut section's client-duration longer than ups-shutoff-delay, the UPS
# gets the longer delay (and the agent log names the client); with none
# logged in, ups-shutoff-delay; max-client-duration bounds it as it bounds
# nvshutdown clients.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
. "$NV_SRCDIR/tests/lib/nut.sh"
[ -x /lib/nut/upsmon ] || nv_skip "upsmon not installed (nut-client)"

# run UPS-SHUTOFF-DELAY MAX-CLIENT-DURATION WITH-UPSMON — mains failure to the UPS shut-off;
# its write in $SHUTOFF
run() {
	sd_setup
	NUT_PORT=$(nv_free_port)
	SD_TOP_CONF=$(nut_section "client-duration = 45s") sd_start_stack \
		"ups-shutoff = true" "ups-shutoff-delay = $1" "max-client-duration = $2" \
		"event on-battery { action = shutdown  warning-period = 2s  first-warning = 1  warning-interval = 1 }"
	nv_wait_for 20 '[ "$(nut_raw NETVER 2>/dev/null)" = 1.3 ]' || nv_fail "NUT server not up"
	[ "$3" = yes ] && nut_start_upsmon secondary mon
	nv_simctl writes reset >/dev/null
	nv_simctl scenario mains-fail >/dev/null
	nv_wait_for 30 "nv_simctl writes | grep -q off-then-restart" ||
		nv_fail "no UPS shut-off: $(nv_simctl writes)"
	SHUTOFF=$(nv_simctl writes | grep off-then-restart)
}

run 20s 0 yes
assert_eq "shut-off with upsmon logged in" \
	"fc10:0x1580=0x0000,0x002D,0x0000,0x0002,0x0004[off-then-restart]" "$SHUTOFF"
grep -q 'Client NUT mon@127.0.0.1 needs 45 s to shut down, more than ups-shutoff-delay 20 s' \
	"$T/nvagentd.log" || nv_fail "the agent log does not name the NUT client"
nv_next_case

run 20s 0 no
assert_eq "shut-off with no NUT client" \
	"fc10:0x1580=0x0000,0x0014,0x0000,0x0002,0x0004[off-then-restart]" "$SHUTOFF"
nv_next_case

run 30s 30s yes
assert_eq "shut-off within max-client-duration" \
	"fc10:0x1580=0x0000,0x001E,0x0000,0x0002,0x0004[off-then-restart]" "$SHUTOFF"
grep -q 'Client NUT mon@127.0.0.1 announces 45 s to shut down, more than max-client-duration 30 s' \
	"$T/nvagentd.log" || nv_fail "the bound is not logged"
nv_pass
