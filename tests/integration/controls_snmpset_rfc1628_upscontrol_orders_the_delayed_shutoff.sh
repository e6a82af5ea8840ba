#!/usr/bin/env bash
# RFC 1628 upsControl over v2c and v3: upsShutdownAfterDelay,
# upsStartupAfterDelay, upsRebootWithDuration, upsAutoRestart and
# upsShutdownType map onto the UPS's delayed off / restart order (JBUSP
# 0x1580, five words by function 0x10).  A SET answers once the UPS has
# answered; the countdown reads back while it runs and -1 once cancelled.
# Wrong type or value: the exact SNMP error and nothing written; remote
# control disabled: commitFailed and nothing written; VU-MAP has no such
# register: inconsistentValue; no communication: resourceUnavailable.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"

nv_start_stack jbusp-three-phase
UPS=.1.3.6.1.2.1.33.1
TYPE=$UPS.8.1.0 SHUT=$UPS.8.2.0 START=$UPS.8.3.0 REBOOT=$UPS.8.4.0 AUTO=$UPS.8.5.0
v2() { snmpset -v2c -c private -t 8 -r 0 "127.0.0.1:$SNMPD_PORT" "$@" 2>&1; }
v3() { snmpset -v3 -l authPriv -u nvtest -a SHA -A nvtest-auth-pass -x AES \
	-X nvtest-priv-pass -t 8 -r 0 "127.0.0.1:$SNMPD_PORT" "$@" 2>&1; }
writes() { nv_simctl writes | tr '\n' ' ' | sed 's/ $//'; }
expect_err() {  # expect_err WHAT ERROR snmpset-output
	grep -q "$2" <<<"$3" || nv_fail "$1: expected $2, got: $3"
}
ok() { out=$("$@") || nv_fail "SET $* failed: $out"; }
# in_range WHAT LO HI VALUE
in_range() { [ "$4" -ge "$2" ] && [ "$4" -le "$3" ] || nv_fail "$1: $4 not in $2..$3"; }
order() { printf 'fc10:0x1580=0x%04X,0x%04X,0x%04X,0x%04X,0x%04X[%s]' \
	$(( $1 >> 8 )) $(( $1 & 255 )) $(( $2 >> 8 )) $(( $2 & 255 )) "$3" "$4"; }
CANCEL=$(order 0 0 0 cancel)

assert_eq "nothing ordered: upsShutdownAfterDelay" -1 "$(nv_get $SHUT)"
assert_eq "upsStartupAfterDelay" -1 "$(nv_get $START)"
assert_eq "upsRebootWithDuration" -1 "$(nv_get $REBOOT)"
assert_eq "upsShutdownType" 1 "$(nv_get $TYPE)"
assert_eq "upsAutoRestart" 1 "$(nv_get $AUTO)"
nv_simctl writes reset >/dev/null

# --- shutdown after a delay, the countdown read back, -1 cancels ---
ok v2 $SHUT i 300
assert_eq "writes after upsShutdownAfterDelay 300" "$(order 300 0 1 off-stay-off)" "$(writes)"
in_range "upsShutdownAfterDelay while counting" 1 300 "$(nv_get $SHUT)"
ok v3 $SHUT i -1
assert_eq "writes after -1" "$(order 300 0 1 off-stay-off) $CANCEL" "$(writes)"
assert_eq "upsShutdownAfterDelay after the cancel" -1 "$(nv_get $SHUT)"
nv_simctl writes reset >/dev/null
# 0 is "now": the UPS's shortest delay, 20 s
ok v2 $SHUT i 0
ok v2 $SHUT i -1
assert_eq "writes after 0 then -1" "$(order 20 0 1 off-stay-off) $CANCEL" "$(writes)"
nv_simctl writes reset >/dev/null

# --- reboot: off after the UPS's shortest delay, back in whole minutes ---
ok v3 $REBOOT i 90
assert_eq "writes after upsRebootWithDuration 90" "$(order 20 2 4 off-then-restart)" "$(writes)"
in_range "upsRebootWithDuration while counting" 100 140 "$(nv_get $REBOOT)"
in_range "upsShutdownAfterDelay during the reboot" 1 20 "$(nv_get $SHUT)"
ok v2 $REBOOT i -1
assert_eq "upsRebootWithDuration after -1" -1 "$(nv_get $REBOOT)"
nv_simctl writes reset >/dev/null

# --- startup first, then shutdown (NUT's shutdown.return): one order ---
ok v2 $START i 200
assert_eq "writes after a startup alone (output on)" "" "$(writes)"
in_range "upsStartupAfterDelay kept" 1 200 "$(nv_get $START)"
ok v2 $SHUT i 20
assert_eq "writes after the shutdown" "$(order 20 3 4 off-then-restart)" "$(writes)"
in_range "upsStartupAfterDelay of the order" 150 200 "$(nv_get $START)"
ok v3 $SHUT i -1
nv_simctl writes reset >/dev/null

# --- upsAutoRestart and upsShutdownType output(1): settings, nothing sent ---
ok v2 $AUTO i 2
assert_eq "upsAutoRestart" 2 "$(nv_get $AUTO)"
ok v3 $AUTO i 1 $TYPE i 1
assert_eq "upsAutoRestart back on" 1 "$(nv_get $AUTO)"
assert_eq "writes after settings" "" "$(writes)"

# --- wrong type / value: the exact error, nothing written ---
expect_err "upsShutdownType system(2)" wrongValue "$(v2 $TYPE i 2)"
expect_err "upsShutdownType 3" wrongValue "$(v3 $TYPE i 3)"
expect_err "upsShutdownAfterDelay as a string" wrongType "$(v2 $SHUT s 60)"
expect_err "upsShutdownAfterDelay -2" wrongValue "$(v2 $SHUT i -2)"
expect_err "upsShutdownAfterDelay 601 (the UPS's longest is 600)" wrongValue "$(v3 $SHUT i 601)"
expect_err "upsStartupAfterDelay as a gauge" wrongType "$(v2 $START u 60)"
expect_err "upsRebootWithDuration 301" wrongValue "$(v2 $REBOOT i 301)"
expect_err "reboot and shutdown in one request" inconsistentValue "$(v2 $REBOOT i 60 $SHUT i 60)"
expect_err "upsAutoRestart 0" wrongValue "$(v3 $AUTO i 0)"
assert_eq "writes after bad values" "" "$(writes)"
assert_eq "upsShutdownAfterDelay after bad values" -1 "$(nv_get $SHUT)"

# --- remote control disabled on the UPS: commitFailed, nothing written ---
nv_simctl set S6 1 >/dev/null
nv_wait_for 10 "$NVCTL -s '$T/nvagent.sock' status | grep -q 'remote-control-off'" ||
	nv_fail "agent never saw S06"
expect_err "shutdown with remote control disabled" commitFailed "$(v2 $SHUT i 60)"
assert_eq "writes with remote control disabled" "" "$(writes)"
assert_eq "upsShutdownAfterDelay after the refusal" -1 "$(nv_get $SHUT)"
nv_wait_for 5 "grep -q 'UPS shut-off (delay 60 s, restart 0 min) asked by an SNMP manager refused: the device grants no remote control' '$T/nvagentd.log'" ||
	nv_fail "refusal not in the agent log"
nv_simctl set S6 0 >/dev/null; nv_simctl release S6 >/dev/null

# --- no communication: resourceUnavailable ---
nv_simctl fault no-response on >/dev/null
nv_wait_for 20 "$NVCTL -s '$T/nvagent.sock' status | grep -q 'Communication: *lost'" ||
	nv_fail "agent never lost the UPS"
expect_err "shutdown while the UPS is silent" resourceUnavailable "$(v3 $SHUT i 60)"
nv_simctl fault no-response off >/dev/null

# --- VU-MAP: no public delayed off register ---
nv_stop_all
nv_next_case
nv_start_stack vumap-single
nv_simctl writes reset >/dev/null
expect_err "VU-MAP upsShutdownAfterDelay" inconsistentValue "$(v2 $SHUT i 60)"
expect_err "VU-MAP upsRebootWithDuration" inconsistentValue "$(v3 $REBOOT i 60)"
assert_eq "VU-MAP writes" "" "$(writes)"
nv_wait_for 5 "grep -q 'upsControl SET by an SNMP manager refused: no public register of this device documents a delayed shut-off' '$T/nvagentd.log'" ||
	nv_fail "VU-MAP refusal not in the agent log"
ok v2 $AUTO i 2
nv_pass
