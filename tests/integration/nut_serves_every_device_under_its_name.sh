#!/usr/bin/env bash
# One nvagentd with two UPSs and an STS (device sections, each on its own
# nvsim) serves each over NUT under its device name: upsc -l lists the
# three, upsc NAME@host reads that device only, upscmd ups-b@host writes
# to ups-b's line only, upsrw and a primary's FSD on ups-b leave ups-a as
# it was, a LOGIN counts on the UPS it names; the one-device name "ups"
# is UNKNOWN-UPS, and the unused ups-name / description are said in the log.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/nut.sh"
nv_setup
. "$NV_SRCDIR/tests/lib/devices.sh"

nv_start_two_ups_and_sts
nv_start_snmpd
NUT_PORT=$(nv_free_port)
nv_devices_conf ups-a ups-b sts-1 -- "$(nut_section)" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_for 20 '[ "$(nut_raw NETVER 2>/dev/null)" = 1.3 ]' || nv_fail "the NUT server does not answer"
H=127.0.0.1:$NUT_PORT
var() { nut_quiet upsc "$1@$H" "$2"; }

assert_eq "upsc -l" "ups-a ups-b sts-1" "$(nut_quiet upsc -l "$H" | paste -sd' ')"
nv_wait_for 30 '[ "$(var ups-b battery.charge)" = 62 ]' ||
	nv_fail "ups-b battery.charge: $(var ups-b battery.charge)"
nv_wait_for 10 '[ "$(var ups-a battery.charge)" = 81 ]' ||
	nv_fail "ups-a battery.charge: $(var ups-a battery.charge)"
nv_wait_for 30 '[ "$(var sts-1 device.type)" = sts ]' || nv_fail "sts-1 device.type: $(var sts-1 device.type)"
model=$(var ups-b device.model)
assert_eq "upsc -L of ups-b" "ups-b: $model ups-b" "$(nut_quiet upsc -L "$H" | grep '^ups-b: ')"
assert_eq "the one-device name" "Error: Unknown UPS" "$(var ups battery.charge)"
grep -q "nut: ups-name and description are not used with device sections" "$T/nvagentd.log" ||
	nv_fail "no notice of the unused description"

# a change on one device shows on its UPS only
nv_devsim ups-b set M04 55 >/dev/null
nv_wait_for 10 '[ "$(var ups-b battery.charge)" = 55 ]' || nv_fail "ups-b did not follow"
assert_eq "ups-a unchanged" 81 "$(var ups-a battery.charge)"

# an instant command reaches the line of the UPS named
nv_devsim ups-a writes reset >/dev/null
nv_devsim ups-b writes reset >/dev/null
assert_eq "upscmd ups-b test.battery.start" "OK" \
	"$(nut_quiet upscmd -u tester -p tester-pw "ups-b@$H" test.battery.start)"
assert_eq "ups-b's writes" "fc06:0x15B0=0x0010[battery-test]" "$(nv_devsim ups-b writes)"
assert_eq "ups-a's writes" "" "$(nv_devsim ups-a writes)"
nut_quiet upscmd -l "sts-1@$H" | grep -q '^test.battery.start' &&
	nv_fail "the STS lists a battery test"

# settings and FSD are per UPS
assert_eq "upsrw ups-b" "OK" \
	"$(nut_quiet upsrw -s ups.delay.start=300 -u admin -p admin-pw "ups-b@$H")"
assert_eq "ups-b ups.delay.start" 300 "$(var ups-b ups.delay.start)"
assert_eq "ups-a ups.delay.start" 120 "$(var ups-a ups.delay.start)"
assert_eq "a primary's FSD on ups-b" "OK
OK
OK FSD-SET" "$(nut_raw 'USERNAME boss' 'PASSWORD boss-pw' 'FSD ups-b')"
var ups-b ups.status | grep -qw FSD || nv_fail "ups-b without FSD: $(var ups-b ups.status)"
var ups-a ups.status | grep -qw FSD && nv_fail "ups-a told FSD: $(var ups-a ups.status)"
grep -q "NUT: forced shutdown (FSD) on 'ups-b' set by NUT user boss" "$T/nvagentd.log" ||
	nv_fail "the FSD log line does not name ups-b"

# a login counts on its UPS
assert_eq "LOGIN ups-b, NUMLOGINS of each" "OK
OK
OK
NUMLOGINS ups-b 1
NUMLOGINS ups-a 0" "$(nut_raw 'USERNAME mon' 'PASSWORD mon-pw' 'LOGIN ups-b' \
	'GET NUMLOGINS ups-b' 'GET NUMLOGINS ups-a')"
nv_pass
