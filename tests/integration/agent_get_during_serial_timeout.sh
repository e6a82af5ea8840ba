#!/usr/bin/env bash
# An SNMP GET never waits for the serial line: while the poller waits on a
# request the UPS does not answer (serial timeout 10 s), GETs through snmpd
# are answered, and nvsim sees no further request until they all are — the
# same serial wait covers every GET.  The latency figure is in
# tests/bench/bench_get_during_serial_timeout.sh.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
NV_SERIAL_OPTS="timeout = ${NV_TEST_SERIAL_TIMEOUT_MS:-10000}" nv_start_stack jbusp-three-phase

gets_inside_one_wait() {   # 0 when 5 GETs were answered inside one serial wait
	local d0 d1 i v
	d0=$(nv_sim_dropped)
	nv_simctl fault no-response on >/dev/null
	# the poller's next request goes unanswered: it is now in a serial wait
	nv_wait_for 30 "[ \$(nv_sim_dropped) -gt $d0 ]" || nv_fail "the poller sent no request"
	d1=$(nv_sim_dropped)
	for i in 1 2 3 4 5; do
		v=$(snmpget -v2c -c public -Oqv -t 8 -r 0 "127.0.0.1:$SNMPD_PORT" $SOCOMEC.1.2.4.0) ||
			nv_fail "GET $i during the serial wait was not answered"
		case $v in -1|*No\ Such*|'') nv_fail "GET $i read '$v' instead of live data" ;; esac
	done
	[ "$(nv_sim_dropped)" -eq "$d1" ]
	local inside=$?
	nv_simctl fault no-response off >/dev/null
	return $inside
}

# A loaded machine may stretch 5 GETs past one 10 s wait: try three waits.
for attempt in 1 2 3; do
	gets_inside_one_wait && nv_pass
	nv_log "attempt $attempt: the serial wait ended before the GETs did"
	nv_wait_agent_ready 30
done
nv_fail "GETs were answered only after the poller's serial wait ended"
