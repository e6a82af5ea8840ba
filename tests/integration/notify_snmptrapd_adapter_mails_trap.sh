#!/bin/bash
# A central snmptrapd running conf/snmptrapd.conf hands the traps of
# nvagentd to nvtraphandle, which mails them: the event and level are
# found back from the trap OID, the sender is the agent's address.  Bad
# input to nvtraphandle is refused with one clear line.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed"
nv_need_smtpd
nv_setup
NVTRAPHANDLE=$NV_BUILDDIR/nvtraphandle

PM=$(nv_free_port); PT=$(nv_free_port)
nv_start_smtpd central "$PM"
nv_start_trap_adapter "$PM" "$PT" "" ""

nv_start_stack jbusp-three-phase "
trap-receiver central { address = \"127.0.0.1:$PT\"  version = v2c }
events { debounce = 200 }"
nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim: scenario mains-fail"
nv_wait_for 20 "grep -q 'Subject: \[central\] critical: on-battery - UPS on battery' $T/mail-central/*.eml" ||
	nv_fail "no on-battery mail from the adapter"
f=$(grep -l 'critical: on-battery ' "$T/mail-central"/*.eml | head -1)
grep -q '^Agent: *127.0.0.1\|^Agent: *localhost' "$f" || nv_fail "sender not named: $(grep Agent "$f")"
grep -q '^Trap: *.1.3.6.1.4.1.4555.1.1.7.2.0.1 (socomec MIB)' "$f" || nv_fail "trap OID: $(grep Trap: "$f")"
grep -q '^  .1.3.6.1.4.1.4555.1.1.7.1.2.3.0=[0-9]' "$f" || nv_fail "varbinds not in the body"
# information-level traps (27 at start) are below the recipient's filter
grep -l 'agent-restarting' "$T/mail-central"/*.eml 2>/dev/null && nv_fail "filter let an information trap through"

# bad input: one line, non-zero exit, no crash
printf 'garbage\n' | "$NVTRAPHANDLE" -c "$T/nvtrap.conf" 2>"$T/err"; rc=$?
[ "$rc" = 1 ] || nv_fail "garbage input: exit $rc"
[ "$(wc -l < "$T/err")" = 1 ] && grep -q 'not snmptrapd traphandle input' "$T/err" ||
	nv_fail "garbage input: $(cat "$T/err")"
printf 'h\nUDP\n.1.3.6.1.6.3.1.1.4.1.0 SNMPv2-MIB::coldStart\n' | "$NVTRAPHANDLE" -c "$T/nvtrap.conf" 2>"$T/err"
grep -q 'run snmptrapd with -On' "$T/err" || nv_fail "symbolic OID: $(cat "$T/err")"
"$NVTRAPHANDLE" -c "$T/missing.conf" </dev/null 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q 'missing.conf: cannot read' "$T/err" || nv_fail "missing config: exit $rc $(cat "$T/err")"
nv_pass
