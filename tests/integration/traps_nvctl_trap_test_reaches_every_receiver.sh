#!/bin/bash
# `nvctl trap test` sends the test trap (42) to every receiver, past the
# severity and event filters, but not to a receiver with mib = none.
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"

P1=$(nv_free_port); P2=$(nv_free_port); P3=$(nv_free_port); P4=$(nv_free_port)
nv_start_trapd all "$P1"; nv_start_trapd crit "$P2"; nv_start_trapd ovl "$P3"
nv_start_trapd none "$P4"
nv_start_nvsim jbusp-three-phase
nv_start_snmpd
nv_write_conf "
trap-receiver all { address = \"127.0.0.1:$P1\" }
trap-receiver crit { address = \"127.0.0.1:$P2\"  severity = critical }
trap-receiver ovl { address = \"127.0.0.1:$P3\"  filter = events  events = { \"overload\" } }
trap-receiver none { address = \"127.0.0.1:$P4\"  mib = none }" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30

out=$(nv_ctl trap test) || nv_fail "nvctl trap test: $out"
case "$out" in *"sent to 3 trap receiver"*) ;; *) nv_fail "nvctl said: $out";; esac
for r in all crit ovl; do
	nv_wait_for 10 "[ \$(nv_count $r 42) -eq 1 ]" || nv_fail "$r: no test trap: $(nv_traps_of $r)"
done
out=$(nv_ctl trap bogus) && nv_fail "nvctl trap bogus accepted: $out"
# a quiet second lets a wrongly sent trap arrive
nv_wait_for 1 "false"
[ "$(nv_count none 42)" -eq 0 ] || nv_fail "mib = none got the test trap"
nv_pass
