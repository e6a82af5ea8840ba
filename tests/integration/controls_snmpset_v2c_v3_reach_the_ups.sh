#!/usr/bin/env bash
# SNMP SETs that command the UPS (JBUSP): SOCOMEC upsControlStatusControl
# and RFC 1628 upsTestId / upsTestSpinLock, over v2c and v3.  A SET is
# answered once the UPS has answered: noError when it took the command
# (nvsim's write log and state show the effect), an error when it is
# refused (permission bit clear, exception from the UPS, no answer, no
# public register) and then nothing changes.  Wrong type or value: the
# exact SNMP error and nothing is sent.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"

nv_start_stack jbusp-three-phase
CTL=$SOCOMEC.1.7.1.0                    # upsControlStatusControl
UPS=.1.3.6.1.2.1.33.1
TEST_ID=$UPS.7.1.0 SPIN=$UPS.7.2.0 SUMMARY=$UPS.7.3.0
QUICK=$UPS.7.7.4                        # upsTestQuickBatteryTest
v2() { snmpset -v2c -c private -t 8 -r 0 "127.0.0.1:$SNMPD_PORT" "$@" 2>&1; }
v3() { snmpset -v3 -l authPriv -u nvtest -a SHA -A nvtest-auth-pass -x AES \
	-X nvtest-priv-pass -t 8 -r 0 "127.0.0.1:$SNMPD_PORT" "$@" 2>&1; }
writes() { nv_simctl writes; }
expect_err() {  # expect_err WHAT ERROR snmpset-output
	grep -q "$2" <<<"$3" || nv_fail "$1: expected $2, got: $3"
}
nothing_written() { assert_eq "writes after $1" "" "$(writes)"; }
sim_bit() { nv_simctl get "$1"; }

nv_simctl battery-test 3 pass >/dev/null
nv_simctl writes reset >/dev/null

# --- good values: the UPS takes them, the state follows ---
out=$(v2 $CTL i 3) || nv_fail "eco mode SET failed: $out"
assert_eq "writes after eco mode" "fc06:0x15B0=0x0003[eco-mode]" "$(writes)"
assert_eq "nvsim S07 (eco)" 1 "$(sim_bit S7)"
nv_wait_for 10 "grep -q 'eco-mode asked by an SNMP manager sent: wrote 0x15B0 = 0x0003 (fc 0x06); status bit 7 of 0x1020 now 1' '$T/nvagentd.log'" ||
	nv_fail "eco mode not in the agent log"
nv_simctl writes reset >/dev/null
out=$(v3 $CTL i 6) || nv_fail "load to bypass over v3 failed: $out"
assert_eq "writes after bypass" "fc06:0x15B0=0x000A[load-to-bypass]" "$(writes)"
assert_eq "nvsim S04 (on bypass)" 1 "$(sim_bit S4)"
out=$(v3 $CTL i 7) || nv_fail "load to inverter over v3 failed: $out"
assert_eq "nvsim S04 after inverter" 0 "$(sim_bit S4)"
for v in 1 2 4; do
	out=$(v2 $CTL i $v) || nv_fail "upsControlStatusControl = $v failed: $out"
done
assert_eq "nvsim S07 after normal mode" 0 "$(sim_bit S7)"
assert_eq "nvsim S08 after stand-by off" 0 "$(sim_bit S8)"
nv_simctl writes reset >/dev/null

# --- bad type / value, a command without a public register: nothing sent ---
expect_err "string" "wrongType" "$(v2 $CTL s 3)"
expect_err "value 0" "wrongValue" "$(v2 $CTL i 0)"
expect_err "value 8" "wrongValue" "$(v3 $CTL i 8)"
expect_err "alarm reset (no JBUSP register)" "inconsistentValue" "$(v2 $CTL i 5)"
nothing_written "bad values"
nv_wait_for 5 "grep -q 'alarm-reset asked by an SNMP manager refused: no public register' '$T/nvagentd.log'" ||
	nv_fail "alarm reset refusal not logged"

# --- permission bit clear: refused by the agent, nothing written ---
perm=$(nv_simctl get 0x15C0)
nv_simctl set 0x15C0 0 >/dev/null
expect_err "eco without permission" "commitFailed" "$(v2 $CTL i 3)"
nothing_written "a command without permission"
assert_eq "nvsim S07 unchanged" 0 "$(sim_bit S7)"
nv_wait_for 5 "grep -q 'eco-mode asked by an SNMP manager refused: the device does not permit eco-mode now (permission bit 3 clear)' '$T/nvagentd.log'" ||
	nv_fail "permission refusal not logged"
nv_simctl set 0x15C0 "$perm" >/dev/null; nv_simctl release 0x15C0 >/dev/null

# --- remote control disabled on the UPS (S06) ---
nv_simctl set S6 1 >/dev/null
expect_err "eco with remote disabled" "commitFailed" "$(v2 $CTL i 3)"
nothing_written "a command with remote control disabled"
nv_simctl set S6 0 >/dev/null; nv_simctl release S6 >/dev/null

# --- the UPS answers with an exception: an error, its state unchanged ---
nv_simctl refuse-commands on >/dev/null
expect_err "eco refused by the UPS" "commitFailed" "$(v3 $CTL i 3)"
assert_eq "writes after an exception" "fc06:0x15B0=0x0003[exception]" "$(writes)"
assert_eq "nvsim S07 after an exception" 0 "$(sim_bit S7)"
nv_simctl refuse-commands off >/dev/null
nv_simctl writes reset >/dev/null

# --- RFC 1628: upsTestSpinLock + upsTestId start the battery test ---
lock=$(nv_get $SPIN)
assert_eq "initial spin lock" 0 "$lock"
expect_err "upsTestId as an integer" "wrongType" "$(v2 $TEST_ID i 0)"
expect_err "general systems test" "wrongValue" "$(v2 $TEST_ID o $UPS.7.7.3)"
expect_err "stale spin lock" "inconsistentValue" "$(v2 $SPIN i 7 $TEST_ID o $QUICK)"
nothing_written "bad test SETs"
assert_eq "spin lock after refusals" 0 "$(nv_get $SPIN)"
out=$(v2 $SPIN i 0 $TEST_ID o $QUICK) || nv_fail "battery test SET failed: $out"
assert_eq "spin lock after a test" 1 "$(nv_get $SPIN)"
assert_eq "writes after the test" "fc06:0x15B0=0x0010[battery-test]" "$(writes)"
nv_wait_for 10 "[ \"\$(nv_get $SUMMARY)\" = inProgress ] || [ \"\$(nv_get $SUMMARY)\" = 5 ]" ||
	nv_fail "upsTestResultsSummary not inProgress: $(nv_get $SUMMARY)"
expect_err "a second test while one runs" "inconsistentValue" "$(v3 $TEST_ID o $QUICK)"
nv_wait_for 20 "nv_get $SUMMARY | grep -qx 'donePass\|1'" ||
	nv_fail "test never passed: $(nv_get $SUMMARY)"
assert_eq "upsTestId after the test" "$(snmpget -v2c -c public -On -Oqv 127.0.0.1:$SNMPD_PORT $TEST_ID)" "$QUICK"

# --- no answer from the UPS: an error, nothing taken ---
nv_simctl writes reset >/dev/null
nv_simctl fault no-response on >/dev/null
out=$(v2 $CTL i 3) && nv_fail "eco SET succeeded with a silent UPS: $out"
nv_log "a silent UPS gives the manager: $out"
grep -q 'commitFailed\|resourceUnavailable\|genError\|Timeout' <<<"$out" ||
	nv_fail "no error for a silent UPS: $out"
nv_simctl fault no-response off >/dev/null
assert_eq "nvsim S07 after no answer" 0 "$(sim_bit S7)"
nv_pass
