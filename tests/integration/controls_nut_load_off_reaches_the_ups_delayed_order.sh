#!/usr/bin/env bash
# NUT's snmp-ups driver (mibs=ietf) and the UPS's delayed off / restart
# order, through INSTCMD on the driver's state socket (what upscmd does
# through upsd).  NUT 2.8.0's RFC 1628 mapping has no ups.delay.shutdown
# / ups.delay.start, so the driver cannot build load.off.delay nor
# shutdown.return ("info element unavailable") and sends nothing: a
# defect of NUT 2.8.0, named in nvagentd(8).  What it does send reaches
# the UPS: load.off is upsShutdownAfterDelay = 0, the UPS's shortest
# delay (20 s); the driver reads the countdown back as
# ups.timer.shutdown; load.on (upsStartupAfterDelay = 0) with the output
# on changes nothing.  The RFC's way of shutdown.return (startup, then
# shutdown) is in controls_snmpset_rfc1628_upscontrol_orders_the_delayed_shutoff.sh.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_need_snmp_ups
nv_setup
nv_start_stack jbusp-three-phase
nv_simctl writes reset >/dev/null
writes() { nv_simctl writes | tr '\n' ' ' | sed 's/ $//'; }
nv_start_snmp_ups -x offdelay=60 -x ondelay=300
nv_wait_for 30 "grep -q 'dstate_init' '$T/nut.log'" || nv_fail "snmp-ups did not start"

for cmd in load.off.delay shutdown.return; do
	nv_nut_instcmd $cmd
	nv_wait_for 20 "grep -q 'su_setOID: info element unavailable $cmd' '$T/nut.log'" ||
		nv_fail "$cmd: $(grep -i "su_setOID\|nut_snmp_set" "$T/nut.log" | tail -8)"
done
assert_eq "writes after load.off.delay and shutdown.return" "" "$(writes)"

nv_nut_instcmd load.off
nv_wait_for 20 "[ -n \"\$(writes)\" ]" ||
	nv_fail "load.off reached no UPS: $(grep -i "su_setOID\|nut_snmp_set" "$T/nut.log" | tail -8)"
nv_wait_for 20 "grep -q 'successfully sent command load.off' '$T/nut.log'" ||
	nv_fail "load.off: $(grep -i "su_setOID\|nut_snmp_set" "$T/nut.log" | tail -4)"
assert_eq "writes after load.off" \
	"fc10:0x1580=0x0000,0x0014,0x0000,0x0000,0x0001[off-stay-off]" "$(writes)"
nv_wait_for 20 "grep -Eq 'su_setinfo\\(ups.timer.shutdown, [0-9]+\\)' '$T/nut.log'" ||
	nv_fail "the driver never read the countdown: $(grep 'ups.timer' "$T/nut.log" | tail -3)"
snmpset -v2c -c private -t 8 -r 0 "127.0.0.1:$SNMPD_PORT" .1.3.6.1.2.1.33.1.8.2.0 i -1 >/dev/null ||
	nv_fail "cancel failed"
nv_simctl writes reset >/dev/null
nv_wait_for 20 "grep -q 'su_setinfo(ups.timer.shutdown, -1)' '$T/nut.log'" ||
	nv_fail "the driver never read the cancel"

nv_nut_instcmd load.on
nv_wait_for 20 "grep -q 'successfully sent command load.on' '$T/nut.log'" ||
	nv_fail "load.on: $(grep -i "su_setOID\|nut_snmp_set" "$T/nut.log" | tail -4)"
assert_eq "writes after load.on (output on)" "" "$(writes)"
nv_pass
