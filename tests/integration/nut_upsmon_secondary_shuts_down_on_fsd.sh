#!/usr/bin/env bash
# NUT's upsmon as a secondary of nvagentd's NUT server, with its own
# configuration in the temp dir: the agent's shutdown sequence flags the
# UPS FSD when it requests shutdown (mains failure, short warning period)
# and upsmon runs its SHUTDOWNCMD once; mains restored inside the warning
# period: it never does; the serial link lost: upsmon reports the UPS
# unreachable and does not shut down; on battery with low battery (no
# shutdown sequence at all) it shuts down as NUT does.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
. "$NV_SRCDIR/tests/lib/nut.sh"
[ -x /lib/nut/upsmon ] || nv_skip "upsmon not installed (nut-client)"

# start_all WARNING-PERIOD — the agent with a shutdown event on battery
start_all() {
	sd_setup
	NUT_PORT=$(nv_free_port)
	SD_TOP_CONF=$(nut_section) sd_start_stack \
		"event on-battery { action = shutdown  warning-period = $1  first-warning = 1  warning-interval = 1 }"
	nut_start_upsmon secondary mon
}
shutdowns() { [ -f "$T/shutdown.log" ] && wc -l < "$T/shutdown.log" || echo 0; }
notified() { grep -qx "$1" "$T/notify.log" 2>/dev/null; }

start_all 3s
nv_simctl scenario mains-fail >/dev/null
nv_wait_for 30 notified ONBATT || nv_fail "upsmon never saw the UPS on battery"
nv_wait_for 30 '[ "$(shutdowns)" -ge 1 ]' || nv_fail "upsmon did not shut down: $(tail -5 "$T/upsmon.log")"
grep -q 'NUT: shutdown requested: the UPS is flagged FSD' "$T/nvagentd.log" ||
	nv_fail "no FSD line in the agent log"
nut_upsc ups.status | grep -qw FSD || nv_fail "ups.status without FSD: $(nut_upsc ups.status)"
notified FSD || nv_fail "upsmon did not report FSD: $(cat "$T/notify.log")"
nv_wait_for 30 "! kill -0 $UPSMON_PID" || nv_fail "upsmon still runs after its shutdown"
assert_eq "SHUTDOWNCMD runs" 1 "$(shutdowns)"
# mains back: the flag goes with the event, for the servers that boot again
nv_simctl scenario mains-restore >/dev/null
nv_wait_for 30 '[ "$(nut_upsc ups.status)" = OL ] || [ "$(nut_upsc ups.status)" = "OL CHRG" ]' ||
	nv_fail "FSD stays after mains returned: $(nut_upsc ups.status)"
nv_next_case

start_all 60s
nv_simctl scenario mains-fail >/dev/null
nv_wait_for 30 notified ONBATT || nv_fail "upsmon never saw the UPS on battery"
nv_wait_for 30 "grep -q 'Shutdown warning sent' '$T/nvagentd.log'" || nv_fail "no shutdown warning"
nv_simctl scenario mains-restore >/dev/null
nv_wait_for 30 notified ONLINE || nv_fail "upsmon never saw the mains back"
nv_wait_for 30 "grep -q 'Shutdown cancelled' '$T/nvagentd.log'" || nv_fail "the sequence was not cancelled"
assert_eq "shutdowns after a cancel" 0 "$(shutdowns)"
nut_upsc ups.status | grep -qw FSD && nv_fail "FSD after a cancel"
kill -0 "$UPSMON_PID" || nv_fail "upsmon stopped"
nv_next_case

start_all 3s
nv_simctl fault no-response on >/dev/null
nv_wait_for 40 notified COMMBAD || nv_wait_for 1 notified NOCOMM ||
	nv_fail "upsmon did not report the UPS unreachable: $(cat "$T/notify.log" 2>/dev/null)"
grep -q 'Data stale' "$T/upsmon.log" || nv_fail "upsmon did not see stale data"
assert_eq "shutdowns while the link is lost" 0 "$(shutdowns)"
kill -0 "$UPSMON_PID" || nv_fail "upsmon stopped"
nv_simctl fault no-response off >/dev/null
nv_wait_for 40 notified COMMOK || nv_fail "upsmon did not see the UPS come back"
assert_eq "shutdowns after the link returned" 0 "$(shutdowns)"
nv_next_case

# no shutdown sequence: on battery and low battery is NUT's own critical state
NUT_PORT=$(nv_free_port)
nv_start_stack jbusp-three-phase "$(nut_section)"
nut_start_upsmon secondary mon
nv_simctl scenario mains-fail >/dev/null
nv_wait_for 30 notified ONBATT || nv_fail "upsmon never saw the UPS on battery"
assert_eq "shutdowns on battery alone" 0 "$(shutdowns)"
nv_simctl scenario battery-low >/dev/null
nv_wait_for 30 '[ "$(shutdowns)" -ge 1 ]' || nv_fail "upsmon did not shut down on OB LB"
notified LOWBATT || nv_fail "upsmon did not report the low battery"
nv_pass
