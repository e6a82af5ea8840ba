#!/bin/bash
# An agent serving several devices names the device of each trap in
# upsIdentName.0; the central snmptrapd's nvtraphandle (conf/snmptrapd.conf)
# turns it into the notification's device: the mail subject and body name
# it, the exec command gets it in NV_DEVICE, and it is not one of the
# trap's own variables.  A trap without it names no device.  (snmptrap
# sends the traps as such an agent does; v3 carries the device as the
# context, which snmptrapd shows with %P.)
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed"
nv_need_smtpd
nv_setup
S=.1.3.6.1.4.1.4555.1.1.7
IDENT=.1.3.6.1.2.1.33.1.1.5.0
ENGINE=0x80001f8880aabbccddeeff0011

cat > "$T/hook.sh" <<HOOK
#!/bin/sh
env | grep '^NV_' | sort > "$T/env.\${NV_DEVICE:-none}"
HOOK
chmod +x "$T/hook.sh"
PM=$(nv_free_port); PT=$(nv_free_port)
nv_start_smtpd central "$PM"
nv_start_trap_adapter "$PM" "$PT" \
	"exec hook { command = \"$T/hook.sh\"  filter = severity  severity = warning }" \
	"createUser -e $ENGINE nvtrap SHA nvtrap-auth-pass AES nvtrap-priv-pass
authUser log,execute nvtrap priv" -On -F 'TRAP %P|%v\n'

# on battery (trap 1) of device ups-b: its own variable, then the device
snmptrap -v2c -c public "127.0.0.1:$PT" 0 "$S.2.0.1" "$S.1.2.3.0" i 12 "$IDENT" s ups-b ||
	nv_fail "snmptrap v2c"
nv_wait_for 20 "grep -q 'Subject: \[central\] critical: \[ups-b\] on-battery - UPS on battery' \
	$T/mail-central/*.eml" || nv_fail "no mail naming ups-b: $(grep -h Subject: "$T"/mail-central/*.eml)"
f=$(nv_mail_file central '[central] critical: [ups-b] on-battery')
grep -q '^Device: *ups-b' "$f" || nv_fail "body does not name the device: $(cat "$f")"
grep -q "^  $IDENT=" "$f" && nv_fail "the device is listed as a trap variable"
nv_wait_for 10 "[ -s '$T/env.ups-b' ]" || nv_fail "hook did not run for ups-b"
grep -qx 'NV_EVENT=on-battery' "$T/env.ups-b" || nv_fail "NV_EVENT: $(cat "$T/env.ups-b")"
grep -qx 'NV_VB_COUNT=1' "$T/env.ups-b" || nv_fail "NV_VB_COUNT: $(cat "$T/env.ups-b")"

# the same trap in v3: the device is the context too, as snmptrapd shows
snmptrap -v3 -e "$ENGINE" -u nvtrap -l authPriv -a SHA -A nvtrap-auth-pass -x AES \
	-X nvtrap-priv-pass -n ups-c "127.0.0.1:$PT" 0 "$S.2.0.1" "$S.1.2.3.0" i 12 "$IDENT" s ups-c ||
	nv_fail "snmptrap v3"
nv_wait_for 20 "grep -q 'TRAP TRAP2, SNMP v3, user nvtrap, context ups-c|.*$IDENT = STRING: \"ups-c\"' \
	'$T/snmptrapd.log'" || nv_fail "snmptrapd: $(grep '^TRAP' "$T/snmptrapd.log")"
nv_wait_for 20 "[ -s '$T/env.ups-c' ]" || nv_fail "hook did not run for ups-c"

# a trap that names no device (an agent with one): nothing said of one
snmptrap -v2c -c public "127.0.0.1:$PT" 0 "$S.2.0.1" "$S.1.2.3.0" i 12 || nv_fail "snmptrap"
nv_wait_for 20 "grep -q 'Subject: \[central\] critical: on-battery - UPS on battery' \
	$T/mail-central/*.eml" || nv_fail "no mail without a device"
f=$(nv_mail_file central '[central] critical: on-battery')
grep -q '^Device:' "$f" && nv_fail "a device named without one: $(grep ^Device: "$f")"
nv_wait_for 10 "[ -s '$T/env.none' ]" || nv_fail "hook did not run without a device"
grep -qx 'NV_DEVICE=' "$T/env.none" || nv_fail "NV_DEVICE: $(cat "$T/env.none")"
nv_pass
