#!/usr/bin/env bash
# upscmd and upsrw through nvagentd's NUT server: an instant command a
# user may run reaches the UPS (nvsim's write log) through the control
# layer, and upscmd's "OK" comes once the UPS has answered; the agent log
# names the NUT user.  Refusals give NUT's own errors and write nothing: a
# wrong password, an unknown user, a command or SET the user has no right
# to (ACCESS-DENIED), a command the UPS lacks (CMD-NOT-SUPPORTED), a UPS
# that refuses (INSTCMD-FAILED), a read-only variable (READONLY), a value
# out of range (INVALID-VALUE), a lost link (DATA-STALE).
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/nut.sh"
nv_setup
nut_start jbusp-three-phase

writes() { nv_simctl writes; }
cmd() { local u=$1 c=$2; nut_quiet upscmd -u "$u" -p "$u-pw" "$(UPS)" "$c"; }

nut_quiet upscmd -l "$(UPS)" > "$T/cmds"
for c in test.battery.start bypass.start bypass.stop shutdown.return shutdown.stayoff shutdown.stop; do
	grep -q "^$c - " "$T/cmds" || nv_fail "upscmd -l does not list $c: $(cat "$T/cmds")"
done

nv_simctl writes reset >/dev/null
assert_eq "upscmd test.battery.start" "OK" "$(cmd tester test.battery.start)"
assert_eq "writes after test.battery.start" "fc06:0x15B0=0x0010[battery-test]" "$(writes)"
grep -q 'battery-test asked by NUT user tester from 127.0.0.1 sent' "$T/nvagentd.log" ||
	nv_fail "the agent log does not name the NUT user: $(grep battery-test "$T/nvagentd.log")"
nv_wait_for 20 'nut_upsc ups.test.result | grep -qx "In progress"' ||
	nv_fail "ups.test.result: '$(nut_upsc ups.test.result)'"

nv_simctl writes reset >/dev/null
denied="Unexpected response from upsd: ERR ACCESS-DENIED"
assert_eq "a command the user may not run" "$denied" "$(cmd tester bypass.start)"
assert_eq "a user with no right" "$denied" "$(cmd nobody test.battery.start)"
assert_eq "wrong password" "$denied" \
	"$(nut_quiet upscmd -u admin -p wrong "$(UPS)" test.battery.start)"
assert_eq "unknown user" "$denied" \
	"$(nut_quiet upscmd -u stranger -p admin-pw "$(UPS)" test.battery.start)"
assert_eq "a command nobody has" "Unexpected response from upsd: ERR CMD-NOT-SUPPORTED" \
	"$(cmd admin load.off)"
assert_eq "writes after refusals" "" "$(writes)"
grep -q "NUT: bypass.start refused to user 'tester' from 127.0.0.1" "$T/nvagentd.log" ||
	nv_fail "a refused command is not in the agent log"

# the UPS refuses: the answer is the UPS's, not "OK" for a queued command
nv_simctl refuse-commands on >/dev/null
assert_eq "the UPS refuses" "Unexpected response from upsd: ERR INSTCMD-FAILED" \
	"$(cmd admin bypass.start)"
nv_simctl refuse-commands off >/dev/null
nv_simctl writes reset >/dev/null

# upsrw: the shut-off delays are read-write, in range, for SET users
nut_quiet upsrw "$(UPS)" > "$T/rw"
grep -q '^\[ups.delay.shutdown\]' "$T/rw" && grep -q '^\[ups.delay.start\]' "$T/rw" ||
	nv_fail "upsrw lists $(cat "$T/rw")"
assert_eq "upsrw set" "OK" \
	"$(nut_quiet upsrw -s ups.delay.shutdown=30 -u admin -p admin-pw "$(UPS)")"
assert_eq "the delay read back" "30" "$(nut_upsc ups.delay.shutdown)"
assert_eq "out of range" "Unexpected response from upsd: ERR INVALID-VALUE" \
	"$(nut_quiet upsrw -s ups.delay.shutdown=5 -u admin -p admin-pw "$(UPS)")"
assert_eq "no SET right" "$denied" \
	"$(nut_quiet upsrw -s ups.delay.shutdown=40 -u tester -p tester-pw "$(UPS)")"
assert_eq "read-only" "Unexpected response from upsd: ERR READONLY" \
	"$(nut_quiet upsrw -s ups.load=5 -u admin -p admin-pw "$(UPS)")"
assert_eq "the delay after refusals" "30" "$(nut_upsc ups.delay.shutdown)"

# shutdown.return: the output off after ups.delay.shutdown; shutdown.stop cancels
assert_eq "shutdown.return" "OK" "$(cmd admin shutdown.return)"
# 30 s (ups.delay.shutdown), restart 2 min after mains return (ups.delay.start 120 s)
assert_eq "writes after shutdown.return" \
	"fc10:0x1580=0x0000,0x001E,0x0000,0x0002,0x0004[off-then-restart]" "$(writes)"
nv_simctl writes reset >/dev/null
assert_eq "shutdown.stop" "OK" "$(cmd admin shutdown.stop)"
assert_eq "writes after shutdown.stop" \
	"fc10:0x1580=0x0000,0x0000,0x0000,0x0000,0x0000[cancel]" "$(writes)"

# the link lost: no command is taken
nv_simctl fault no-response on >/dev/null
nv_wait_for 30 'nut_upsc ups.status | grep -q "Data stale"' || nv_fail "link lost not seen"
nv_simctl writes reset >/dev/null
assert_eq "link lost" "Unexpected response from upsd: ERR DATA-STALE" "$(cmd admin test.battery.start)"
assert_eq "writes while the link is lost" "" "$(writes)"
nv_pass
