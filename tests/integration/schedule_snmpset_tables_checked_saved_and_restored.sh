#!/usr/bin/env bash
# The SOCOMEC MIB's weekly, special-day and eco-mode schedule tables over
# SNMP: they read the config file's entries (empty rows: day none(8),
# "00:00", "00/00/0000"); a bad SET gets the exact error (wrongType,
# wrongLength, wrongValue; a row past the next empty one, an overlap, a
# restart the UPS cannot count, an eco entry without its end:
# inconsistentValue) and changes and saves nothing; a good SET is live at
# once (nvctl schedule), saved in state-dir, kept across SIGHUP and a
# restart; a first day of none deletes a row and the next ones move up.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"
nv_set() { snmpset -v2c -c private -t 4 -r 0 "127.0.0.1:$SNMPD_PORT" "$@" 2>&1; }
ctl() { "$NVCTL" -s "$T/nvagent.sock" "$@"; }
WK=$SOCOMEC.1.7.5.1 SP=$SOCOMEC.1.7.6.1 ECO=$SOCOMEC.1.7.7.1
expect_err() {  # expect_err WHAT ERROR snmpset-output
	grep -q "$2" <<<"$3" || nv_fail "$1: expected $2, got: $3"
}

nv_start_stack jbusp-three-phase 'schedule {
  weekly { off = "fri 22:00"  restart = "mon 06:00" }
}'
assert_eq "weekly 1 day" 6 "$(nv_get $WK.2.1)"
assert_eq "weekly 1 time" '"22:00"' "$(nv_get $WK.3.1)"
assert_eq "weekly 1 restart day" 2 "$(nv_get $WK.4.1)"
assert_eq "weekly 1 restart time" '"06:00"' "$(nv_get $WK.5.1)"
assert_eq "weekly 2 day (empty)" 8 "$(nv_get $WK.2.2)"
assert_eq "weekly rows" 7 "$(nv_walk $WK.1 | wc -l)"
assert_eq "special rows" 8 "$(nv_walk $SP.1 | wc -l)"
assert_eq "special 1 date (empty)" '"00/00/0000"' "$(nv_get $SP.2.1)"
assert_eq "eco 1 day (empty)" 8 "$(nv_get $ECO.2.1)"

# -- bad SETs: the exact error, nothing changed or saved ----------------------
expect_err "day as a string" wrongType "$(nv_set $WK.2.2 s 4)"
expect_err "day 9" wrongValue "$(nv_set $WK.2.2 i 9)"
expect_err "day 0" wrongValue "$(nv_set $ECO.2.1 i 0)"
expect_err "time 25:00" wrongValue "$(nv_set $WK.2.2 i 4 $WK.3.2 s 25:00)"
expect_err "time 7:00" wrongLength "$(nv_set $WK.3.2 s 7:00)"
expect_err "time as an integer" wrongType "$(nv_set $WK.3.2 i 700)"
expect_err "date 31/02/2027" wrongValue "$(nv_set $SP.2.1 s 31/02/2027)"
expect_err "date 2027-01-01" wrongValue "$(nv_set $SP.2.1 s 2027-01-01)"
expect_err "date too short" wrongLength "$(nv_set $SP.2.1 s 1/1/2027)"
expect_err "row 3 before row 2" inconsistentValue "$(nv_set $WK.2.3 i 4)"
expect_err "overlap (sat inside fri 22:00 .. mon 06:00)" inconsistentValue \
	"$(nv_set $WK.2.2 i 7 $WK.3.2 s 12:00)"
expect_err "restart a week later" inconsistentValue \
	"$(nv_set $WK.2.2 i 4 $WK.3.2 s 12:00 $WK.4.2 i 4 $WK.5.2 s 11:00)"
expect_err "eco without its end" inconsistentValue "$(nv_set $ECO.2.1 i 2 $ECO.3.1 s 08:00)"
expect_err "special restart before its off" inconsistentValue \
	"$(nv_set $SP.2.1 s 24/12/2026 $SP.3.1 s 18:00 $SP.4.1 s 23/12/2026 $SP.5.1 s 07:00)"
assert_eq "weekly 2 after bad SETs" 8 "$(nv_get $WK.2.2)"
[ -e "$T/state/schedule.conf" ] && nv_fail "a refused SET saved the schedules"

# -- good SETs: live, saved ----------------------------------------------------
out=$(nv_set $WK.2.2 i 4 $WK.3.2 s 23:30 $WK.4.2 i 5 $WK.5.2 s 07:00) || nv_fail "weekly SET: $out"
out=$(nv_set $SP.2.1 s 24/12/2026 $SP.3.1 s 18:00 $SP.4.1 s 27/12/2026 $SP.5.1 s 07:00) ||
	nv_fail "special-day SET: $out"
out=$(nv_set $ECO.2.1 i 2 $ECO.3.1 s 08:00 $ECO.4.1 i 6 $ECO.5.1 s 20:00) || nv_fail "eco SET: $out"
assert_eq "weekly 2 day" 4 "$(nv_get $WK.2.2)"
assert_eq "special 1 restart" '"27/12/2026"' "$(nv_get $SP.4.1)"
sched=$(ctl schedule)
for want in 'weekly 1: off fri 22:00, restart mon 06:00' 'weekly 2: off wed 23:30, restart thu 07:00' \
	'special-day 1: off 2026-12-24 18:00, restart 2026-12-27 07:00' 'eco-mode 1: on mon 08:00, off fri 20:00'; do
	grep -qF "$want" <<<"$sched" || nv_fail "nvctl schedule lacks '$want': $sched"
done
[ -s "$T/state/schedule.conf" ] || nv_fail "schedules not saved in state-dir"
grep -q 'schedules set over SNMP' "$T/nvagentd.log" || nv_fail "SET not logged"

# -- kept across SIGHUP and a restart --------------------------------------------
kill -HUP "$NVAGENTD_PID"
nv_wait_for 10 "grep -q 'schedules: using the tables set over SNMP' '$T/nvagentd.log'" ||
	nv_fail "reload did not use the saved tables"
assert_eq "eco 1 end day after SIGHUP" 6 "$(nv_get $ECO.4.1)"
kill -TERM "$NVAGENTD_PID"; wait "$NVAGENTD_PID"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30
assert_eq "weekly 2 time after restart" '"23:30"' "$(nv_get $WK.3.2)"
assert_eq "special 1 time after restart" '"18:00"' "$(nv_get $SP.3.1)"
assert_eq "eco 1 start after restart" '"08:00"' "$(nv_get $ECO.3.1)"

# -- delete row 1: row 2 moves up -------------------------------------------------
expect_err "delete and set in one SET" inconsistentValue "$(nv_set $WK.2.1 i 8 $WK.3.1 s 10:00)"
out=$(nv_set $WK.2.1 i 8) || nv_fail "delete SET: $out"
assert_eq "weekly 1 after delete" 4 "$(nv_get $WK.2.1)"
assert_eq "weekly 2 after delete" 8 "$(nv_get $WK.2.2)"
grep -q 'weekly { *off = "fri' "$T/state/schedule.conf" && nv_fail "deleted entry still saved: $(cat "$T/state/schedule.conf")"
nv_pass
