#!/bin/bash
# The protected devices are visible over SNMP: a shutdown client that
# connects appears in the SOCOMEC upsDevicesTable (upsConfig.5) with its
# address, name, connection time and status connected(1); once it stops
# heartbeating its row reads lost(2).
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
sd_start_stack 'event on-battery { action = shutdown  warning-period = 60s }'
DEV=$SOCOMEC.1.8.5.1

nv_walk $DEV | grep -q "^$DEV\." && nv_fail "rows before any client: $(nv_walk $DEV)"
nv_bg "$T/sdclient.log" $SDCLIENT run "127.0.0.1:$SD_PORT" "$T/shutdown.key" 1 \
	--prefix rack --heartbeat 1 --seconds 60
client=$NV_LAST_PID
sd_wait_connected 1
nv_wait_for 10 "nv_get $DEV.5.1 | grep -qx 1" || nv_fail "no connected row: $(nv_walk $DEV)"
assert_eq "indexOfDevice" 1 "$(nv_get $DEV.1.1)"
assert_eq "addrOfDevice" '"127.0.0.1"' "$(nv_get $DEV.2.1)"
assert_eq "nameOfDevice" '"rack000"' "$(nv_get $DEV.3.1)"
nv_get $DEV.4.1 | grep -Eqx '"[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}"' ||
	nv_fail "timeOfConnection: $(nv_get $DEV.4.1)"
assert_eq "severityOfConnection" 0 "$(nv_get $DEV.6.1)"
assert_eq "columns of one row in a walk" 6 "$(nv_walk $DEV | grep -c "^$DEV\.[1-6]\.1 ")"

kill -TERM "$client"
nv_wait_for 10 "nv_get $DEV.5.1 | grep -qx 2" ||
	nv_fail "row not lost after the client stopped: $(nv_walk $DEV)"
assert_eq "nameOfDevice kept" '"rack000"' "$(nv_get $DEV.3.1)"
nv_pass
