# tests/lib/gateways.sh — helpers for the gateway_* tests (Modbus TCP and
# BACnet/IP served by nvagentd on loopback).
MBTCP=(/usr/bin/python3 "$NV_SRCDIR/tests/lib/mbtcp.py")

gw_need_pymodbus() {
	/usr/bin/python3 -c 'import pymodbus' 2>/dev/null ||
		nv_skip "python3-pymodbus is not installed (scripts/setup-deps.sh)"
	command -v mbpoll >/dev/null || nv_skip "mbpoll is not installed (scripts/setup-deps.sh)"
}

# mbtcp ARGS... — the pymodbus client against the gateway at $MB_PORT
mbtcp() { "${MBTCP[@]}" "$MB_PORT" "$@"; }

# mbpoll_words UNIT FC ADDR COUNT — the words mbpoll reads, space-separated
mbpoll_words() {
	local t=4
	[ "$2" = 4 ] && t=3
	mbpoll -m tcp -p "$MB_PORT" -a "$1" -t "$t" -0 -r "$(( $3 ))" -c "$4" -1 -o 3 127.0.0.1 |
		sed -n 's/^\[[0-9]*\]:[[:space:]]*\(-\{0,1\}[0-9]*\).*/\1/p' |
		while read -r v; do echo $(( v & 0xFFFF )); done | tr '\n' ' ' | sed 's/ $//'
}

# sim_words UNIT ADDR COUNT — the simulator's registers, as the UPS gives them
sim_words() {
	local out=() a
	for (( a = $2; a < $2 + $3; a++ )); do
		out+=("$(nv_simctl get "$1:$(printf '0x%04X' "$a")")")
	done
	echo "${out[*]}"
}

# sim_pin UNIT ADDR COUNT — pin the words at their current values, so
# that the UPS and the gateway can be compared at leisure
sim_pin() {
	local a n
	for (( a = $2; a < $2 + $3; a++ )); do
		n=$(printf '0x%04X' "$a")
		nv_simctl set "$1:$n" "$(nv_simctl get "$1:$n")" >/dev/null
	done
}

# The npm BACnet client, installed once per build tree (never system-wide);
# skips the test when node or the npm registry is out of reach.
BN_CLIENT_PKG="@bacnet-js/client@3.3.2"
gw_need_bacnet_client() {
	local dir="$NV_BUILDDIR/tests/node"
	command -v node >/dev/null && command -v npm >/dev/null ||
		nv_skip "node / npm are not installed (scripts/setup-deps.sh)"
	if [ ! -f "$dir/node_modules/@bacnet-js/client/package.json" ]; then
		mkdir -p "$dir"
		npm install --prefix "$dir" --no-audit --no-fund --no-save "$BN_CLIENT_PKG" \
			>"$T/npm.log" 2>&1 ||
			nv_skip "cannot install $BN_CLIENT_PKG from the npm registry: $(tail -1 "$T/npm.log")"
	fi
	BN_NODE_PATH="$dir/node_modules"
}

# bacnet ARGS... — the npm client against the gateway at $BN_PORT
bacnet() { NODE_PATH="$BN_NODE_PATH" node "$NV_SRCDIR/tests/lib/bacnet_client.js" "$BN_PORT" "$@"; }

# sim_unpin UNIT ADDR COUNT — let the simulator move the words again
sim_unpin() {
	local a
	for (( a = $2; a < $2 + $3; a++ )); do
		nv_simctl release "$1:$(printf '0x%04X' "$a")" >/dev/null
	done
}
