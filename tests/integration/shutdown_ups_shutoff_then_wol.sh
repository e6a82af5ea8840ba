#!/bin/bash
# The whole AC-failure cycle: after the shutdown request the UPS shut-off
# order reaches nvsim (output off after the delay, restart after mains
# returns), and once mains and the UPS output are back the Wake-on-LAN
# magic packet (6 x FF, 16 x the MAC) reaches a listener on 127.0.0.1.
# A client announcing 15 minutes does not stop the shut-off.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
WOL_PORT=$(nv_free_port)
nv_bg "$T/wol.log" /usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
print(s.recv(2048).hex(), flush=True)' "$WOL_PORT"
# simulated time runs 20 times faster: 20 s of shut-off delay and the
# 1 min restart delay take 1 s and 3 s
SD_TOP_CONF="wol target srv1 { mac = \"00:11:22:33:44:55\"  enabled = true }
wol target srv2 { mac = \"00:11:22:33:44:66\"  enabled = false }
wol { address = \"127.0.0.1:$WOL_PORT\" }" \
NVSIM_ARGS="--time-scale 20" sd_start_stack \
	'ups-shutoff = true  ups-shutoff-delay = 20  ups-restart-delay = 1  max-client-duration = 10' \
	'event on-battery { action = shutdown  warning-period = 2s  first-warning = 0  warning-interval = 1 }'
sd_start_client alpha "shutdown-duration = 5"
# a client announcing more than max-client-duration (and than the device
# takes) is counted at max-client-duration: the shut-off still happens
sd_start_client slowpoke "shutdown-duration = 15m"
sd_wait_connected 2

nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim refused mains-fail"
nv_wait_for 15 "grep -q 'UPS shut-off sent (output off in 20 s, restart 1 min' '$T/nvagentd.log'" ||
	nv_fail "no UPS shut-off in the agent log"
grep -q 'Client slowpoke announces 900 s to shut down, more than max-client-duration 10 s' \
	"$T/nvagentd.log" || nv_fail "the too long client duration was not logged"
nv_wait_for 10 "nv_simctl writes | grep -q 'off-then-restart'" || nv_fail "nvsim got no shut-off order: $(nv_simctl writes)"
nv_wait_for 10 "'$NVCTL' -s '$T/nvagent.sock' status | grep -qi 'load-off\|output off'" ||
	nv_fail "the UPS output did not go off"
[ -s "$T/wol.log" ] && nv_fail "Wake-on-LAN sent while the power is off"
nv_simctl scenario mains-restore >/dev/null || nv_fail "nvsim refused mains-restore"
nv_wait_for 20 "[ -s '$T/wol.log' ]" || nv_fail "no Wake-on-LAN packet after power returned"
want="ffffffffffff$(for i in $(seq 16); do printf 001122334455; done)"
assert_eq "magic packet" "$want" "$(head -1 "$T/wol.log")"
grep -q 'Mains and UPS output are back: Wake-on-LAN sent' "$T/nvagentd.log" || nv_fail "no WOL in the agent log"
nv_pass
