#!/bin/bash
# upsAlarmTime of the "on battery" rows of the UPS-MIB and of the SOCOMEC
# MIB is a TimeStamp on the master's sysUpTime clock (net-snmp
# resynchronises a subagent's uptime from every AgentX response), the same
# clock as the sysUpTime.0 of the trap announcing it: all read the same
# time, and not later than the master's sysUpTime.0 read afterwards.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/doors.sh"
command -v snmptrapd >/dev/null || nv_skip "snmptrapd not installed (Debian package snmptrapd)"
nv_setup

PORT=$(nv_free_port)
mkdir -p "$T/td"
echo "authCommunity log,execute public" > "$T/td.conf"
SNMP_PERSISTENT_DIR="$T/td" nv_bg "$T/trap.log" snmptrapd -f -Lo -C -c "$T/td.conf" \
	-n -On -m '' -p "$T/td.pid" "udp:127.0.0.1:$PORT"
nv_wait_for 10 "grep -q 'NET-SNMP version' '$T/trap.log'" || nv_fail "snmptrapd did not start"

nv_start_nvsim jbusp-three-phase
nv_start_snmpd
# let the master's clock run ahead, so that a clock counting from
# nvagentd's own start would read at least 3 s less
nv_wait_for 10 "[ \"\$(snmpget -v2c -c public -Oqvt -t 1 -r 1 127.0.0.1:$SNMPD_PORT .1.3.6.1.2.1.1.3.0 2>/dev/null || echo 0)\" -ge 300 ]" ||
	nv_fail "master sysUpTime does not advance"
nv_write_conf "trap-receiver nms { address = \"127.0.0.1:$PORT\"  version = v2c }
events { debounce = 0 }" > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30

nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim: scenario mains-fail"
ONBATT=.1.3.6.1.4.1.4555.1.1.7.2.0.1
nv_wait_for 10 "grep -q '$ONBATT\$\|= OID: $ONBATT	' '$T/trap.log'" || nv_fail "no on-battery trap"
# the sysUpTime.0 varbind of that trap, in ticks
trap_ticks=$(grep "OID: $ONBATT" "$T/trap.log" | head -1 |
	sed -n 's/.*1\.3\.6\.1\.2\.1\.1\.3\.0 = Timeticks: (\([0-9]*\)).*/\1/p')
[ -n "$trap_ticks" ] || nv_fail "no sysUpTime.0 in the trap: $(grep "$ONBATT" "$T/trap.log" | head -1)"

# the alarm row whose upsAlarmDescr is upsAlarmOnBattery (.1.3.6.1.2.1.33.1.6.3.2)
nv_wait_for 10 "nv_walk $UPSMIB.6.2.1.2 | grep -q '33.1.6.3.2\$'" || nv_fail "no on-battery alarm row"
id=$(nv_walk $UPSMIB.6.2.1.2 | grep '33.1.6.3.2$' | head -1 | sed 's/ .*//; s/.*\.//')
row_ticks=$(snmpget -v2c -c public -Oqvt -t 1 -r 1 "127.0.0.1:$SNMPD_PORT" "$UPSMIB.6.2.1.3.$id")
[ -n "$row_ticks" ] || nv_fail "no upsAlarmTime.$id"
# the same in the SOCOMEC upsAlarmTable: upsWellKnownAlarms.15 is "on battery"
SOC=.1.3.6.1.4.1.4555.1.1.7.1.6
nv_wait_for 10 "nv_walk $SOC.2.1.2 | grep -q '7\.1\.6\.3\.15\$'" || nv_fail "no SOCOMEC on-battery alarm row"
sid=$(nv_walk $SOC.2.1.2 | grep '7\.1\.6\.3\.15$' | head -1 | sed 's/ .*//; s/.*\.//')
soc_ticks=$(snmpget -v2c -c public -Oqvt -t 1 -r 1 "127.0.0.1:$SNMPD_PORT" "$SOC.2.1.3.$sid")
[ -n "$soc_ticks" ] || nv_fail "no SOCOMEC upsAlarmTime.$sid"
master_ticks=$(snmpget -v2c -c public -Oqvt -t 1 -r 1 "127.0.0.1:$SNMPD_PORT" .1.3.6.1.2.1.1.3.0)
echo "upsAlarmTime $row_ticks (SOCOMEC $soc_ticks), trap sysUpTime $trap_ticks, master sysUpTime now $master_ticks"

diff=$(( row_ticks - trap_ticks )); diff=${diff#-}
[ "$diff" -le 100 ] || nv_fail "upsAlarmTime $row_ticks vs trap sysUpTime $trap_ticks: $diff ticks apart"
[ "$row_ticks" -le "$master_ticks" ] && [ $((master_ticks - row_ticks)) -le 1000 ] ||
	nv_fail "upsAlarmTime $row_ticks is not on the master's clock (sysUpTime.0 now $master_ticks)"
diff=$(( soc_ticks - trap_ticks )); diff=${diff#-}
[ "$diff" -le 100 ] || nv_fail "SOCOMEC upsAlarmTime $soc_ticks vs trap sysUpTime $trap_ticks: $diff ticks apart"
[ "$soc_ticks" -le "$master_ticks" ] && [ $((master_ticks - soc_ticks)) -le 1000 ] ||
	nv_fail "SOCOMEC upsAlarmTime $soc_ticks is not on the master's clock (sysUpTime.0 now $master_ticks)"
nv_pass
