#!/usr/bin/env bash
# An SNMP GET never waits for the serial line: while the UPS is slow to
# answer (every reply 2 s late, so the poller sits in serial timeouts), a
# GET through snmpd answers in under 50 ms beyond what snmpd alone takes.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
nv_start_stack jbusp-three-phase

median_ms() {   # median_ms OID — median wall time of 7 snmpget runs
	local i t0 ts=()
	for i in 1 2 3 4 5 6 7; do
		t0=$(date +%s%N)
		nv_get "$1" >/dev/null || return 1
		ts+=($(( ($(date +%s%N) - t0) / 1000000 )))
	done
	printf '%s\n' "${ts[@]}" | sort -n | sed -n 4p
}

nv_simctl fault slow 2000 >/dev/null
sleep 1   # let the poller enter a long serial wait; the measurement runs while it waits
base=$(median_ms .1.3.6.1.2.1.1.2.0) || nv_fail "snmpd GET failed"
agent=$(median_ms $SOCOMEC.1.2.4.0) || nv_fail "agent GET failed"
nv_log "GET during serial timeout: ${agent} ms (snmpd's own object: ${base} ms)"
[ $(( agent - base )) -lt 50 ] || nv_fail "GET took ${agent} ms vs ${base} ms baseline"
nv_pass
