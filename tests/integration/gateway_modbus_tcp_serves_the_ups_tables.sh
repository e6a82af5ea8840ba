#!/usr/bin/env bash
# A BMS reads the UPS's Modbus tables over Modbus TCP from nvagentd: every
# table of the detected protocol at the manual's address, whole, in parts
# and by single word, with function 03 and 04, equals the simulated UPS's
# registers (mbpoll and pymodbus); units of a parallel system answer at
# unit ids 1..N.  Writes and other functions get exception 01, addresses
# outside the tables 02, a bad quantity 03, an absent unit 0A, and while
# the serial link is lost every read gets 0B: never a stale value.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/gateways.sh"
gw_need_pymodbus
nv_setup

# compare TABLE-ADDR COUNT [UNIT]: mbpoll (03 and 04) and pymodbus read the sim's words
compare() {
	local addr=$1 n=$2 u=${3:-1} want
	want=$(sim_words "$u" "$addr" "$n")
	nv_wait_for 10 "[ \"\$(mbpoll_words $u 3 $addr $n)\" = '$want' ]" ||
		nv_fail "unit $u $(printf 0x%04X "$addr") x$n: mbpoll reads '$(mbpoll_words "$u" 3 "$addr" "$n")', UPS has '$want'"
	assert_eq "unit $u $(printf 0x%04X "$addr") x$n fc04" "$want" "$(mbpoll_words "$u" 4 "$addr" "$n")"
	assert_eq "unit $u $(printf 0x%04X "$addr") x$n pymodbus" "$want" "$(mbtcp read "$u" 3 "$addr" "$n")"
}

MB_PORT=$(nv_free_port)
nv_start_stack jbusp-three-phase "modbus-tcp { listen = \"127.0.0.1:$MB_PORT\"  max-connections = 4 }"
for t in "0x1020 4" "0x1040 4" "0x1060 48"; do sim_pin 1 $t; done
for t in "0x1000 12" "0x1020 4" "0x1040 4" "0x1060 48" "0x10E0 16"; do compare $t; done
compare 0x1064 3                # part of a table
compare 0x108F 1                # its last word
assert_eq "write 06" "exception 1" "$(mbtcp write 1 0x1060 5)"
assert_eq "write 0x10" "exception 1" "$(mbtcp writes 1 0x1060 5)"
assert_eq "read coils" "exception 1" "$(mbtcp coils 1 0 1)"
assert_eq "between tables" "exception 2" "$(mbtcp read 1 3 0x1024 1)"
assert_eq "across a table's end" "exception 2" "$(mbtcp read 1 3 0x108F 2)"
assert_eq "below the tables" "exception 2" "$(mbtcp read 1 4 0x0000 10)"
assert_eq "absent unit 2" "exception 10" "$(mbtcp read 2 3 0x1060 1)"
# 126 registers in one read (pymodbus would not send it): illegal data value
assert_eq "126 words" "123400000003018303" "$(mbtcp raw 12340000000601031060007e)"
nv_simctl fault no-response on >/dev/null
nv_wait_for 20 "[ \"\$(mbtcp read 1 3 0x1060 1)\" = 'exception 11' ]" ||
	nv_fail "link lost: a read gives '$(mbtcp read 1 3 0x1060 1)', not exception 11 (0x0B)"
assert_eq "link lost, identifiers" "exception 11" "$(mbtcp read 1 3 0x1000 12)"
nv_simctl fault no-response off >/dev/null
nv_wait_for 30 "[ \"\$(mbtcp read 1 3 0x1060 48)\" = '$(sim_words 1 0x1060 48)' ]" ||
	nv_fail "link back: measurements not served again"
nv_next_case

# VU-MAP parallel: each unit at its own id, with the 2 extra status words
MB_PORT=$(nv_free_port)
nv_start_stack vumap-parallel "modbus-tcp { listen = \"127.0.0.1:$MB_PORT\" }"
for u in 1 2 3; do
	for t in "0x0030 8" "0x0038 8" "0x0040 80"; do sim_pin "$u" $t; done
done
for t in "0x0001 15" "0x0010 10" "0x001A 10" "0x0030 8" "0x0038 8" "0x0040 80"; do compare $t; done
nv_simctl set 2:M006 123 >/dev/null
nv_simctl set 3:M006 456 >/dev/null
compare 0x0040 80 2
compare 0x0040 80 3
compare 0x0030 16 3             # status and alarms in one read
assert_eq "id 255 is unit 1" "$(sim_words 1 0x0040 10)" "$(mbtcp read 255 3 0x0040 10)"
assert_eq "absent unit 4" "exception 10" "$(mbtcp read 4 3 0x0040 1)"
assert_eq "past the measurements" "exception 2" "$(mbtcp read 1 3 0x0090 1)"
nv_next_case

MB_PORT=$(nv_free_port)
nv_start_nvsim sts
nv_start_snmpd
nv_write_conf "modbus-tcp { listen = \"127.0.0.1:$MB_PORT\" }" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
for t in "0x0140 3" "0x0148 2" "0x0220 64"; do sim_pin 1 $t; done
for t in "0x0100 10" "0x0116 10" "0x0140 3" "0x0148 2" "0x0220 64"; do compare $t; done
nv_pass
