#!/bin/bash
# bench_gateways.sh — the building-management gateways on loopback, beside
# snmpd for comparable data.  Prints figures; not part of `make check`.
#
#   Modbus TCP: N reads of the 48-word measurement table (0x1060 x48),
#   BACnet/IP:  N ReadProperty of an Analog Value's Present_Value,
#   SNMP:       N v2c GETs of 48 measurement objects of the SOCOMEC MIB
#               (through snmpd and AgentX to nvagentd),
# each from one persistent client (no process start per request): p50
# and p99 latency, and the CPU the serving processes used per request
# (nvagentd; for SNMP nvagentd + snmpd).
#
# Run from a build directory:  NV_BUILDDIR=$PWD tests/bench/bench_gateways.sh
# BENCH_REQUESTS (10000) changes N.
. "${NV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
N=${BENCH_REQUESTS:-10000}
CLIENT=(/usr/bin/python3 "$NV_SRCDIR/tests/bench/gateway_clients.py")

for f in "$NVSIM" "$NVAGENTD"; do
	[ -e "$f" ] || nv_skip "$f is not built"
done
command -v snmpd >/dev/null || nv_skip "snmpd is not installed"
nv_setup
MB_PORT=$(nv_free_port)
BN_PORT=$(nv_free_port)
nv_start_stack jbusp-three-phase \
	"modbus-tcp { listen = \"127.0.0.1:$MB_PORT\" }" \
	"bacnet { listen = \"127.0.0.1:$BN_PORT\"  device-instance = 1 }"
nv_wait_for 10 "${CLIENT[*]} modbus $MB_PORT 1 $NVAGENTD_PID" || nv_fail "Modbus TCP not serving"
# 48 measurement objects of the SOCOMEC MIB: battery, input, output, bypass
for g in 2 3 4 5; do nv_walk "$SOCOMEC.1.$g"; done | head -48 > "$T/oids"
[ "$(wc -l < "$T/oids")" -eq 48 ] || nv_fail "fewer than 48 SOCOMEC measurement objects"

printf '%-46s %8s %8s %14s\n' "$N requests, loopback, one client" "p50 us" "p99 us" "CPU us/request"
row() {
	local what=$1; shift
	read -r p50 p99 cpu < <("${CLIENT[@]}" "$@") || nv_fail "$what: client failed"
	printf '%-46s %8s %8s %14s\n' "$what" "$p50" "$p99" "$cpu"
}
row "Modbus TCP read 0x1060 x48 (nvagentd)" modbus "$MB_PORT" "$N" "$NVAGENTD_PID"
row "BACnet ReadProperty AV 0 (nvagentd)" bacnet "$BN_PORT" "$N" "$NVAGENTD_PID"
row "SNMP v2c GET of 48 objects (snmpd+nvagentd)" snmp "$SNMPD_PORT" "$N" "$T/oids" \
	"$NVAGENTD_PID" "$SNMPD_PID"
nv_pass
