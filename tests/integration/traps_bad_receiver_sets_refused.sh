#!/bin/bash
# Bad SETs on upsAgentTrapsReceiversTable get the right SNMP error and
# change nothing (neither the table nor the saved state): an address must
# be a host name, an IPv4 address or an [IPv6] one, with an optional port;
# a SET that deletes a row cannot also set its other columns.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"

nv_start_nvsim jbusp-three-phase
nv_start_snmpd
nv_write_conf "trap-receiver nms1 { address = \"127.0.0.1:1162\" }" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30
before=$(nv_walk $RCV)
[ -n "$before" ] || nv_fail "the receivers table is empty"

refused() {   # refused ERROR WHAT snmpset-args...
	local want=$1 what=$2 out; shift 2
	out=$(nv_set "$@") && nv_fail "$what: accepted"
	case "$out" in *"Reason: $want"*) ;; *) nv_fail "$what: want $want, got: $out";; esac
}
refused wrongType "address as an integer" $RCV.2.1 i 5
refused wrongType "type as a string" $RCV.4.1 s socomec
refused wrongLength "community of 32 characters" $RCV.3.1 s 0123456789abcdef0123456789abcdef
refused wrongValue "address with a space" $RCV.2.1 s "127.0.0.1 9"
refused wrongValue "address with a bad port" $RCV.2.1 s "127.0.0.1:70000"
refused wrongValue "address with format directives" $RCV.2.1 s '%n%n%s'
refused wrongValue "address with a shell substitution" $RCV.2.1 s '$(id)'
refused wrongValue "address of punctuation" $RCV.2.1 s '!!!'
refused wrongValue "address with a bad IPv4" $RCV.2.1 s "300.1.2.3:162"
refused wrongValue "address with a bad [IPv6]" $RCV.2.1 s "[fe80::zz]:162"
refused wrongValue "address with a label starting with -" $RCV.2.1 s "-nms.example.org"
refused wrongValue "type 4" $RCV.4.1 i 4
refused wrongValue "community with a control character" $RCV.3.1 x 0761
refused inconsistentValue "community of an empty row" $RCV.3.5 s public
refused inconsistentValue "a row after the first empty one" $RCV.2.3 s 127.0.0.1
refused inconsistentValue "delete a row and set its community" $RCV.2.1 s "" $RCV.3.1 s other
refused inconsistentValue "delete a row and set its type" $RCV.2.1 s "" $RCV.4.1 i 2
refused notWritable "trapsIndex" $RCV.1.1 i 1
refused noCreation "row 9" $RCV.2.9 s 127.0.0.1
# one bad varbind spoils the whole request
refused wrongValue "good address + bad type" $RCV.2.1 s 127.0.0.2 $RCV.4.1 i 0

assert_eq "table after bad SETs" "$before" "$(nv_walk $RCV)"
[ ! -e "$T/state/trap-receivers.conf" ] || nv_fail "a refused SET saved the table"

# good addresses of every form are taken
out=$(nv_set $RCV.2.1 s "nms-1.example.org:1162") || nv_fail "a host name was refused: $out"
out=$(nv_set $RCV.2.1 s "[::1]:1162") || nv_fail "an [IPv6] address was refused: $out"
out=$(nv_set $RCV.2.1 s "127.0.0.1:1162") || nv_fail "an IPv4 address was refused: $out"
nv_pass
