# tests/lib/devices.sh — several devices in one nvagentd (source after
# common.sh and nv_setup).
#
#   nv_start_device ups-a jbusp-three-phase     # nvsim for device ups-a:
#                                               # DEV_PTY[ups-a], DEV_CTL[ups-a]
#   nv_devsim ups-a set M04 80                  # its nvsim control
#   nv_start_two_ups_and_sts                    # ups-a, ups-b, sts-1
#   nv_devices_conf ups-a ups-b [-- lines...] > "$T/nvagent.conf"
#   nv_getn ups-b OID                           # v3 read in context ups-b
declare -A DEV_PTY DEV_CTL DEV_SERIAL_OPTS   # DEV_SERIAL_OPTS[NAME]: more serial keys

nv_start_device() {
	local name=$1 profile=$2; shift 2
	nv_start_nvsim "$profile" "$@"
	DEV_PTY[$name]=$NVSIM_PTY
	DEV_CTL[$name]=$NVSIM_CTL
}

# The usual set: UPS ups-a (battery 81 %), UPS ups-b (62 %), STS sts-1.
nv_start_two_ups_and_sts() {
	nv_start_device ups-a jbusp-three-phase
	nv_start_device ups-b jbusp-single-phase
	nv_start_device sts-1 sts
	nv_devsim ups-a set M04 81 >/dev/null || nv_fail "nvsim ups-a: set"
	nv_devsim ups-b set M04 62 >/dev/null || nv_fail "nvsim ups-b: set"
}

nv_devsim() { local name=$1; shift; "$NVSIM" ctl "${DEV_CTL[$name]}" "$@"; }

# Requests device NAME's nvsim has left unanswered (fault no-response).
nv_dev_dropped() { nv_devsim "$1" counters | sed -n 's/.*dropped=\([0-9]*\).*/\1/p'; }

# nv_devices_conf NAME... [-- config lines...] — the agent's settings, one
# device section per NAME on its nvsim, then the extra lines.
nv_devices_conf() {
	cat <<EOF
agentx { socket = "unix:$AGENTX_SOCK"  ping-interval = 1 }
state-dir      = "$T/state"
control-socket = "$T/nvagent.sock"
system { name = "nvtest"  contact = "ops@example.org"  location = "lab" }
EOF
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		cat <<EOF
device "$1" {
	serial { device = "${DEV_PTY[$1]}"  baud = auto  slave = 1  ${DEV_SERIAL_OPTS[$1]:-} }
	poll   { interval = 1  status-interval = 0  comm-loss-after = 3 }
}
EOF
		shift
	done
	[ "${1:-}" = "--" ] && shift
	[ $# -gt 0 ] && printf '%s\n' "$@"
	return 0
}

# The v3 user of nv_start_snmpd, reading in the context of device $1.
nv_getn() {
	local ctx=$1; shift
	snmpget -v3 -l authPriv -u nvtest -a SHA -A nvtest-auth-pass -x AES \
		-X nvtest-priv-pass -n "$ctx" -Oqv -t 1 -r 1 "127.0.0.1:$SNMPD_PORT" "$@"
}

# snmpd lines: community public-NAME (read) / private-NAME (write) and the
# v3 user, for the context of each device NAME.
nv_context_lines() {
	echo "view all included .1"
	for d in "$@"; do
		echo "rocommunity public-$d 127.0.0.1 -V all $d"
		echo "rwcommunity private-$d 127.0.0.1 -V all $d"
		echo "rwuser nvtest priv -V all $d"
	done
}
