#!/bin/bash
# nvsim scenarios reach real snmptrapd receivers as the manual's traps:
# v1, v2c and v3 (authPriv) receivers each decode them; a receiver filtered
# on severity "critical" and one filtered on the event "overload" get
# exactly their subset.
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup

ENGINE=0x80001f8880aabbccddeeff0011
S=.1.3.6.1.4.1.4555.1.1.7.2

# one snmptrapd per receiver, numeric output, log to $T/trap-NAME.log
start_trapd() {   # start_trapd NAME PORT [extra config lines]
	local name=$1 port=$2; shift 2
	mkdir -p "$T/td-$name"
	{ echo "authCommunity log,execute public"; printf '%s\n' "$@"; } > "$T/td-$name.conf"
	SNMP_PERSISTENT_DIR="$T/td-$name" nv_bg "$T/trap-$name.log" \
		snmptrapd -f -Lo -C -c "$T/td-$name.conf" -n -On -m '' \
		-p "$T/td-$name.pid" "udp:127.0.0.1:$port"
	nv_wait_for 10 "grep -q 'NET-SNMP version' '$T/trap-$name.log'" ||
		nv_fail "snmptrapd $name did not start"
}

P1=$(nv_free_port); P2=$(nv_free_port); P3=$(nv_free_port)
P4=$(nv_free_port); P5=$(nv_free_port)
start_trapd v1 "$P1"
start_trapd v2c "$P2"
start_trapd v3 "$P3" "createUser -e $ENGINE nvtrap SHA nvtrap-auth-pass AES nvtrap-priv-pass" \
	"authUser log,execute nvtrap priv"
start_trapd crit "$P4"
start_trapd ovl "$P5"

# the subagent's engineID, known to the v3 receiver
echo "exactEngineID $ENGINE" > "$T/nvagentd.conf"

nv_start_nvsim jbusp-three-phase
nv_start_snmpd
nv_write_conf "
trap-receiver v1 { address = \"127.0.0.1:$P1\"  version = v1 }
trap-receiver v2c { address = \"127.0.0.1:$P2\"  version = v2c }
trap-receiver v3 {
  address = \"127.0.0.1:$P3\"  version = v3  user = \"nvtrap\"
  auth-pass = \"nvtrap-auth-pass\"  priv-pass = \"nvtrap-priv-pass\"
}
trap-receiver crit { address = \"127.0.0.1:$P4\"  filter = severity  severity = critical }
trap-receiver ovl { address = \"127.0.0.1:$P5\"  filter = events  events = { \"overload\" } }
events { debounce = 200 }" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30

# v2c/v3 lines: snmpTrapOID.0 value; v1 lines: "Enterprise Specific Trap (N)"
got2() { grep -o "1.3.6.1.6.3.1.1.4.1.0 = OID: [.0-9]*" "$T/trap-$1.log" | sed 's/.*OID: //' | tr '\n' ' '; }
got1() { grep -o "Enterprise Specific Trap ([0-9]*)" "$T/trap-$1.log" | tr -dc '0-9 \n' | tr '\n' ' ' | tr -s ' '; }

# start-up: agent restarting (27) to everyone but the critical/event filters
nv_wait_for 10 "got2 v2c | grep -q '$S.0.27'" || nv_fail "no trap 27 at start"

nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim: scenario mains-fail"
nv_wait_for 10 "got2 v2c | grep -q '$S.0.1 '" || nv_fail "v2c: no trap 1 on mains failure"
nv_wait_for 10 "got2 v3 | grep -q '$S.0.1 '" || nv_fail "v3: no trap 1 on mains failure"
nv_wait_for 10 "got1 v1 | grep -q ' 1 '" || nv_fail "v1: no trap 1 on mains failure"
# trap 15 comes before trap 1, and trap 1 carries minutes and seconds
case "$(got2 v2c)" in *"$S.0.15 $S.0.1 "*) ;; *) nv_fail "v2c order: $(got2 v2c)";; esac
grep -q "$S.0.1	.1.3.6.1.4.1.4555.1.1.7.1.2.3.0 = INTEGER: [0-9]*	.1.3.6.1.4.1.4555.1.1.7.1.2.2.0 = INTEGER: [0-9]*" \
	"$T/trap-v2c.log" || nv_fail "trap 1 varbinds: $(grep -A1 "$S.0.1$" "$T/trap-v2c.log")"
grep -q ".1.3.6.1.4.1.4555.1.1.7.2 Enterprise Specific Trap (1)" "$T/trap-v1.log" ||
	nv_fail "v1 enterprise"

nv_simctl scenario mains-restore >/dev/null || nv_fail "nvsim: scenario mains-restore"
nv_wait_for 10 "got2 v2c | grep -q '$S.0.23 '" || nv_fail "no trap 23 on mains restore: $(got2 v2c)"
nv_wait_for 10 "got2 v2c | grep -q '$S.0.4 '" || nv_fail "no trap 4 on mains restore: $(got2 v2c)"

nv_simctl scenario overload >/dev/null || nv_fail "nvsim: scenario overload"
nv_wait_for 10 "got2 v2c | grep -q '$S.0.6 '" || nv_fail "no trap 6 on overload: $(got2 v2c)"
nv_wait_for 10 "got2 ovl | grep -q '$S.0.6 '" || nv_fail "event receiver: no trap 6"

# filtered receivers: exactly their subset.  A quiet window of 3 s
# (a deadline that must pass) lets any wrongly sent trap arrive first.
nv_wait_for 3 "false"
crit=$(got2 crit); ovl=$(got2 ovl)
[ "$ovl" = "$S.0.6 " ] || nv_fail "event-filtered receiver got: '$ovl'"
for t in $crit; do
	case "$t" in "$S.0.1"|"$S.0.5"|"$S.0.8"|"$S.0.9"|"$S.0.10"|"$S.0.12"|"$S.0.13"|"$S.0.14") ;;
	*) nv_fail "critical receiver got a non-critical trap $t (all: $crit)";; esac
done
case "$crit" in *"$S.0.1 "*) ;; *) nv_fail "critical receiver missed trap 1: '$crit'";; esac
nv_pass
