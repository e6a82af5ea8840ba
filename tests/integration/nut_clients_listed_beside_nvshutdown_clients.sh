#!/usr/bin/env bash
# NUT clients that logged in (LOGIN) are protected clients like the
# nvshutdown ones: `nvctl clients` and the SOCOMEC upsDevicesTable list
# them beside an nvshutdown client, with the NUT user as name, the
# client's address, its kind (upsmon secondary / primary) and connected(1);
# a session that only reads (upsc, no LOGIN) is not listed; after LOGOUT
# (upsmon stopping) or a dropped connection the row is gone.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
. "$NV_SRCDIR/tests/lib/nut.sh"
[ -x /lib/nut/upsmon ] || nv_skip "upsmon not installed (nut-client)"
DEV=$SOCOMEC.1.8.5.1

sd_setup
NUT_PORT=$(nv_free_port)
SD_TOP_CONF=$(nut_section) sd_start_stack 'event on-battery { action = shutdown  warning-period = 60s }'
nv_bg "$T/sdclient.log" $SDCLIENT run "127.0.0.1:$SD_PORT" "$T/shutdown.key" 1 \
	--prefix rack --heartbeat 1 --seconds 120
sd_wait_connected 1
nut_upsc ups.status >/dev/null || nv_fail "upsc cannot read the UPS"
assert_eq "clients after upsc (no LOGIN)" 1 "$(sd_clients | grep -c ' connected ')"

# upsmon as a secondary: LOGIN as mon
nut_start_upsmon secondary mon
nv_wait_for 10 "sd_clients | grep -q '^1[0-9]\{5\} .* mon .* connected .*NUT upsmon secondary\$'" ||
	nv_fail "upsmon not in nvctl clients: $(sd_clients)"
sd_clients | grep -q '^1 .* rack000 .* nvshutdown$' || nv_fail "nvshutdown client gone: $(sd_clients)"
sd_clients | grep ' mon ' | grep -Eq ' 127\.0\.0\.1:[0-9]+ ' || nv_fail "no address of mon: $(sd_clients)"
mon_row=$(sd_clients | awk '$3 == "mon" { print $1 }')
nv_wait_for 10 "nv_get $DEV.3.$mon_row | grep -qx '\"mon\"'" ||
	nv_fail "mon not in upsDevicesTable: $(nv_walk $DEV)"
assert_eq "addrOfDevice of mon" '"127.0.0.1"' "$(nv_get $DEV.2.$mon_row)"
assert_eq "status of mon" 1 "$(nv_get $DEV.5.$mon_row)"
assert_eq "nvshutdown row kept" '"rack000"' "$(nv_get $DEV.3.1)"
assert_eq "rows in a walk" 2 "$(nv_walk $DEV | grep -c "^$DEV\.3\.")"

# a primary that logs in and then drops its connection without LOGOUT
python3 - "$NUT_PORT" "$T/boss.done" > "$T/boss.log" 2>&1 <<'PY' &
import os, socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
f = s.makefile("rw")
for line in ("USERNAME boss", "PASSWORD boss-pw", "LOGIN ups", "PRIMARY ups"):
    f.write(line + "\n"); f.flush()
    print(line, "->", f.readline().strip(), flush=True)
while not os.path.exists(sys.argv[2]):
    time.sleep(0.1)
os._exit(0)     # no LOGOUT: the connection just drops
PY
boss=$!
nv_wait_for 10 "sd_clients | grep -q ' boss .* connected .*NUT upsmon primary\$'" ||
	nv_fail "boss not in nvctl clients: $(sd_clients; cat "$T/boss.log")"
nv_wait_for 10 "[ \$(nv_walk $DEV | grep -c '^$DEV\.3\.') = 3 ]" ||
	nv_fail "boss not in upsDevicesTable: $(nv_walk $DEV)"
nv_log "clients: $(sd_clients)"
touch "$T/boss.done"
wait "$boss"
nv_wait_for 10 "! sd_clients | grep -q ' boss '" || nv_fail "boss listed after it dropped: $(sd_clients)"

# upsmon stops: LOGOUT
kill -TERM "$UPSMON_PID"
nv_wait_for 10 "! sd_clients | grep -q ' mon '" || nv_fail "mon listed after LOGOUT: $(sd_clients)"
nv_wait_for 10 "[ \$(nv_walk $DEV | grep -c '^$DEV\.3\.') = 1 ]" ||
	nv_fail "NUT rows left in upsDevicesTable: $(nv_walk $DEV)"
assert_eq "nvshutdown row kept" '"rack000"' "$(nv_get $DEV.3.1)"
nv_pass
