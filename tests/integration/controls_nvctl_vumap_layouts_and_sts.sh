#!/usr/bin/env bash
# `nvctl ups COMMAND` on a VU-MAP UPS and an STS.  VU-MAP's manual swaps
# its permission and command words between chapters: the agent takes the
# permissions from the pair with the remote-control bit P000 and writes
# the command bit to the other pair, for either layout.  A command no
# public VU-MAP / STATYS table has is refused with that reason, nothing
# written; the agent log says who asked.  The STS takes its preferred
# source and its transfers; with remote controls disabled (S45 clear)
# they are refused and nothing changes.  A battery test that ends failed
# sends SOCOMEC trap 16 and RFC 1628 upsTrapTestCompleted.
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"
ctl() { "$NVCTL" -s "$T/nvagent.sock" "$@"; }
writes() { nv_simctl writes; }
# last_result TEXT — `nvctl ups status` reports TEXT
last_result() { nv_wait_for 10 "ctl ups status | grep -qF -- '$1'" ||
	nv_fail "ups status: expected '$1', got '$(ctl ups status)'"; }

for layout in generic itys; do
	case $layout in
	generic) cmd=0x00CA ;;
	itys) cmd=0x00C8 ;;
	esac
	. "$NV_SRCDIR/tests/lib/traps.sh"
	P1=$(nv_free_port); P2=$(nv_free_port)
	nv_start_trapd soc "$P1"
	nv_start_trapd rfc "$P2"
	NVSIM_ARGS="--vumap-layout $layout" nv_start_stack vumap-single \
		"trap-receiver soc { address = \"127.0.0.1:$P1\" }" \
		"trap-receiver rfc { address = \"127.0.0.1:$P2\"  mib = rfc1628 }"
	nv_simctl battery-test 2 fail >/dev/null
	nv_simctl writes reset >/dev/null
	ctl ups eco-mode >/dev/null || nv_fail "$layout: eco mode refused"
	last_result "eco-mode done: wrote $cmd = 0x0001 (fc 0x06); status bit 6 of 0x0030 now 1"
	assert_eq "$layout: writes" "fc06:$cmd=0x0001[eco-mode]" "$(writes)"
	assert_eq "$layout: nvsim S006" 1 "$(nv_simctl get S6)"
	nv_wait_for 10 "grep -q 'eco-mode asked by user [^ ]* (uid $(id -u), pid [0-9]*) sent' '$T/nvagentd.log'" ||
		nv_fail "$layout: the agent log does not say who asked"
	ctl ups normal-mode >/dev/null || nv_fail "$layout: normal mode refused"
	last_result "normal-mode done"
	assert_eq "$layout: nvsim S006 after normal" 0 "$(nv_simctl get S6)"
	ctl ups battery-test >/dev/null || nv_fail "$layout: battery test refused"
	last_result "battery-test done"
	nv_wait_for 20 "nv_simctl battery-test | grep -q '^idle failed'" ||
		nv_fail "$layout: nvsim test did not end failed"
	nv_wait_for 10 "[ \$(nv_count soc 16) -ge 1 ]" ||
		nv_fail "$layout: no SOCOMEC trap 16: $(nv_traps_of soc)"
	nv_wait_for 10 "grep -q 'OID: .1.3.6.1.2.1.33.2.2	' '$T/trap-rfc.log'" ||
		nv_fail "$layout: no upsTrapTestCompleted: $(nv_traps_of rfc)"
	ctl ups alarm-reset >/dev/null || nv_fail "$layout: alarm reset refused"
	last_result "alarm-reset done: wrote $cmd = 0x8000"
	nv_simctl writes reset >/dev/null
	for c in standby-on standby-off load-to-bypass load-to-inverter; do
		out=$(ctl ups $c 2>&1) && nv_fail "$layout: $c accepted: $out"
		grep -q "no public register of this device documents $c" <<<"$out" ||
			nv_fail "$layout: $c refusal says: $out"
	done
	assert_eq "$layout: writes after refusals" "" "$(writes)"
	nv_next_case
done

nv_start_nvsim sts
nv_start_snmpd
nv_write_conf > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_for 30 "ctl status | grep -q 'STATYS'" || nv_fail "agent never read the STS"
nv_simctl writes reset >/dev/null
ctl ups prefer-s2 >/dev/null || nv_fail "STS prefer S2 refused"
last_result "prefer-s2 done: wrote 0x0190 = 0x0020 (fc 0x06); status bit 0 of 0x0141 now 0"
ctl ups transfer-s2 >/dev/null || nv_fail "STS transfer S2 refused"
last_result "transfer-s2 done: wrote 0x0190 = 0x0008 (fc 0x06); status bit 8 of 0x0141 now 1"
assert_eq "STS writes" "fc06:0x0190=0x0020[prefer-s2] fc06:0x0190=0x0008[transfer-s2]" "$(writes)"
out=$(ctl ups alarm-reset 2>&1) && nv_fail "STS alarm reset accepted: $out"
ctl ups battery-test >/dev/null 2>&1 && nv_fail "STS battery test accepted"
nv_simctl writes reset >/dev/null
nv_simctl set S45 0 >/dev/null
rc=0; ctl ups transfer-s1 >/dev/null 2>&1 || rc=$?
assert_eq "nvctl's exit status for a command the STS refused" 3 "$rc"
last_result "transfer-s1 refused: remote control disabled on the device (status bit 13 of 0x0142)"
assert_eq "STS writes with remote disabled" "" "$(writes)"
assert_eq "STS still on S2" 1 "$(nv_simctl get S24)"
nv_simctl release S45 >/dev/null
ctl ups transfer-s1 >/dev/null || nv_fail "STS transfer S1 refused"
last_result "transfer-s1 done"
assert_eq "STS back on S1" 1 "$(nv_simctl get S23)"
ctl ups prefer-s1 >/dev/null || nv_fail "STS prefer S1 refused"
last_result "prefer-s1 done"
nv_pass
