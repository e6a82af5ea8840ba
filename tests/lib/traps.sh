# tests/lib/traps.sh — snmptrapd receivers for the trap tests (source after
# common.sh and nv_setup).  Numeric output, one log per receiver.

S=.1.3.6.1.4.1.4555.1.1.7.2             # SOCOMEC traps: $S.0.N
RCV=.1.3.6.1.4.1.4555.1.1.7.1.9.21.1    # upsAgentTrapsReceiversEntry
NVCTL=${NVCTL:-$NV_BUILDDIR/nvctl}

# nv_start_trapd NAME PORT [extra snmptrapd.conf lines] — log in $T/trap-NAME.log
nv_start_trapd() {
	local name=$1 port=$2; shift 2
	mkdir -p "$T/td-$name"
	{ echo "authCommunity log,execute public"; printf '%s\n' "$@"; } > "$T/td-$name.conf"
	SNMP_PERSISTENT_DIR="$T/td-$name" nv_bg "$T/trap-$name.log" \
		snmptrapd -f -Lo -C -c "$T/td-$name.conf" -n -On -m '' \
		-p "$T/td-$name.pid" "udp:127.0.0.1:$port"
	TRAPD_PID=$NV_LAST_PID
	nv_wait_for 10 "grep -q 'NET-SNMP version' '$T/trap-$name.log'" ||
		nv_fail "snmptrapd $name did not start"
}

# snmpTrapOID.0 values a v2c / v3 receiver logged, space separated
nv_traps_of() {
	grep -o "1.3.6.1.6.3.1.1.4.1.0 = OID: [.0-9]*" "$T/trap-$1.log" 2>/dev/null |
		sed 's/.*OID: //' | tr '\n' ' '
}

# how many times trap $S.0.N reached receiver NAME: nv_count NAME N
nv_count() { nv_traps_of "$1" | tr ' ' '\n' | grep -c "^$S.0.$2\$"; }

nv_ctl() { "$NVCTL" -s "$T/nvagent.sock" "$@"; }

# snmpset with the write community; prints snmpset's output (errors too)
nv_set() { snmpset -v2c -c private -t 2 -r 0 "127.0.0.1:$SNMPD_PORT" "$@" 2>&1; }

# stop the running nvagentd (by its PID) and wait until it is gone
nv_stop_nvagentd() {
	kill -TERM "$NVAGENTD_PID"
	nv_wait_for 10 "! kill -0 $NVAGENTD_PID 2>/dev/null" || nv_fail "nvagentd did not stop"
	wait "$NVAGENTD_PID" 2>/dev/null
}
