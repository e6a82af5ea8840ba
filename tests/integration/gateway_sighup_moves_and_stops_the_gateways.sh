#!/usr/bin/env bash
# A SIGHUP applies the gateway sections: a new Modbus TCP port is served
# and the old one closed, a BACnet section added starts the device, and
# sections removed stop both.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/gateways.sh"
gw_need_pymodbus
nv_setup

# bacnet_who_is PORT — the I-Am's hex, or "none"
bacnet_who_is() {
	/usr/bin/python3 - "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(0.5)
s.sendto(bytes.fromhex("810a000801001008"), ("127.0.0.1", int(sys.argv[1])))
try:
    print(s.recv(2048).hex())
except OSError:
    print("none")
PY
}

A=$(nv_free_port)
nv_start_stack jbusp-three-phase "modbus-tcp { listen = \"127.0.0.1:$A\" }"
want=$(sim_words 1 0x1000 12)
MB_PORT=$A
nv_wait_for 10 "[ \"\$(mbtcp read 1 3 0x1000 12)\" = '$want' ]" || nv_fail "port $A not served"

B=$(nv_free_port)
C=$(nv_free_port)
nv_write_conf "modbus-tcp { listen = \"127.0.0.1:$B\" }" \
	"bacnet { listen = \"127.0.0.1:$C\"  device-instance = 5 }" > "$T/nvagent.conf"
kill -HUP "$NVAGENTD_PID"
MB_PORT=$B
nv_wait_for 10 "[ \"\$(mbtcp read 1 3 0x1000 12)\" = '$want' ]" || nv_fail "new port $B not served"
MB_PORT=$A
assert_eq "old port closed" "cannot connect" "$(mbtcp read 1 3 0x1000 12)"
nv_wait_for 10 "bacnet_who_is $C | grep -q '^810a0015'" || nv_fail "BACnet not started by SIGHUP"

nv_write_conf > "$T/nvagent.conf"
kill -HUP "$NVAGENTD_PID"
MB_PORT=$B
nv_wait_for 10 "[ \"\$(mbtcp read 1 3 0x1000 12)\" = 'cannot connect' ]" ||
	nv_fail "Modbus TCP still served without its section"
assert_eq "BACnet stopped" none "$(bacnet_who_is "$C")"
nv_get "$SOCOMEC.1.1.1.0" >/dev/null || nv_fail "SNMP stops answering after the reloads"
nv_pass
