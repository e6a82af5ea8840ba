#!/usr/bin/env bash
# Each device has its own poller: while the A feed's UPS stops answering
# and every request on its line waits out a 10 s reply timeout, the B
# feed's mains failure still reaches the trap receiver (trap 1, about
# ups-b) and its context answers, both long before one of A's timeouts
# is over; A's communication loss then comes as its own trap 14.
. "$NV_SRCDIR/tests/lib/common.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup
. "$NV_SRCDIR/tests/lib/traps.sh"
. "$NV_SRCDIR/tests/lib/devices.sh"

P=$(nv_free_port)
nv_start_trapd all "$P"
nv_start_device ups-a jbusp-three-phase
nv_start_device ups-b jbusp-three-phase
mapfile -t ctxlines < <(nv_context_lines ups-a ups-b)
nv_start_snmpd "${ctxlines[@]}"
DEV_SERIAL_OPTS[ups-a]="baud = 9600  timeout = 10000"
DEV_SERIAL_OPTS[ups-b]="baud = 9600"
nv_devices_conf ups-a ups-b -- "trap-receiver all { address = \"127.0.0.1:$P\" }" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_for 30 "[ \$(nv_count all 27) -ge 2 ]" || nv_fail "no trap 27 per device: $(nv_traps_of all)"
nv_wait_for 20 "nv_getn ups-b $SOCOMEC.1.2.4.0 | grep -qv -- '^-1\$\\|No Such'" || nv_fail "ups-b not live"

# A's line goes silent: its poller is now inside a 10 s wait
nv_devsim ups-a fault no-response on >/dev/null || nv_fail "nvsim ups-a: fault"
nv_wait_for 10 "[ \"\$(nv_dev_dropped ups-a)\" -ge 1 ]" || nv_fail "ups-a never left a request unanswered"
t0=$(nv_now_ms)
nv_devsim ups-b scenario mains-fail >/dev/null || nv_fail "nvsim ups-b: mains-fail"
# 8 s: far more than B needs (~0.1 s), less than one of A's timeouts
nv_wait_for 8 "[ \$(nv_count all 1) -ge 1 ]" ||
	nv_fail "B's trap 1 waited for A's line: $(nv_traps_of all)"
t1=$(nv_now_ms)
[ "$(nv_count all 14)" = 0 ] || nv_fail "comm loss already reported: $(nv_traps_of all)"
nv_log "B's mains failure -> trap 1 in $((t1 - t0)) ms while A's line timed out"
nv_getn ups-b $SOCOMEC.1.2.4.0 | grep -qv 'Timeout\|No Such' || nv_fail "context ups-b does not answer"
# A's loss is its own event, later (3 failed cycles of 10 s)
nv_wait_for 120 "[ \$(nv_count all 14) -ge 1 ]" || nv_fail "no trap 14 for ups-a: $(nv_traps_of all)"
[ "$(nv_count all 1)" = 1 ] || nv_fail "trap 1 repeated: $(nv_traps_of all)"
nv_devsim ups-a fault no-response off >/dev/null
nv_pass
