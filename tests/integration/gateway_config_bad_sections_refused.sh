#!/usr/bin/env bash
# Bad modbus-tcp and bacnet sections are refused with FILE:LINE: message
# by --check-config; good ones pass, and without them both are off.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
f="$T/gw.conf"

# refused LINE MESSAGE CONFIG-TEXT
refused() {
	printf '%b' "$3" > "$f"
	"$NVAGENTD" --check-config -c "$f" >"$T/out" 2>"$T/err" && nv_fail "accepted: $3"
	assert_eq "stderr for: $3" "$f:$1: $2" "$(cat "$T/err")"
}
refused 3 "modbus-tcp: listen: '127.0.0.1' is not ADDRESS:PORT" \
	'\nmodbus-tcp {\n listen = "127.0.0.1"\n}\n'
refused 1 "modbus-tcp: listen: '127.0.0.1:70000' is not ADDRESS:PORT" \
	'modbus-tcp { listen = "127.0.0.1:70000" }\n'
refused 3 "modbus-tcp: allow: 'bms.example.org': not an IPv4 or IPv6 address" \
	'modbus-tcp {\n allow = { "10.0.0.0/8",\n\t"bms.example.org" }\n}\n'
refused 1 "modbus-tcp: allow: '10.0.0.0/40': prefix length is not 0..32" \
	'modbus-tcp { allow = { "10.0.0.0/40" } }\n'
refused 1 "modbus-tcp: max-connections 0 is out of range 1..64" \
	'modbus-tcp { max-connections = 0 }\n'
refused 1 "modbus-tcp: idle-timeout: 'soon' is not a duration of 1..86400s (a number of seconds, or with s, m or h)" \
	'modbus-tcp { idle-timeout = "soon" }\n'
refused 1 "bacnet: device-instance 4194303 is out of range 0..4194302" \
	'bacnet { device-instance = 4194303 }\n'
refused 1 "bacnet: listen: ':47808' is not ADDRESS:PORT" \
	'bacnet { listen = ":47808" }\n'
printf 'modbus-tcp { listen = "[::1]:1502"  allow = { "::1", "127.0.0.0/8" }  max-connections = 4  idle-timeout = 2m }\nbacnet { listen = "127.0.0.1:47808"  device-instance = 4194302 }\n' > "$f"
"$NVAGENTD" --check-config -c "$f" >/dev/null 2>"$T/err" || nv_fail "good sections refused: $(cat "$T/err")"
nv_pass
