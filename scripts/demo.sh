#!/usr/bin/env bash
# The live demo: set up, build, then run a private snmpd (AgentX master on
# loopback), nvsim as the UPS on a pseudo-terminal and nvagentd; show
# `nvctl status` and a live walk of the SOCOMEC tree, then keep running
# (status refreshed every few seconds) until Ctrl-C, which stops it all.
#
#   scripts/demo.sh [--profile NAME] [--port PORT] [--once]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
profile=jbusp-three-phase port=16161 once=0
while [ $# -gt 0 ]; do
	case "$1" in
	--profile) profile=$2; shift 2 ;;
	--port) port=$2; shift 2 ;;
	--once) once=1; shift ;;
	*) echo "usage: $0 [--profile NAME] [--port PORT] [--once]" >&2; exit 2 ;;
	esac
done

"$src/scripts/setup-deps.sh" demo
"$src/scripts/build.sh" "$src/build" >/dev/null
B=$src/build
export NV_BUILDDIR=$B NV_SRCDIR=$src
. "$src/tests/lib/common.sh"
nv_setup
SNMPD_PORT=$port
trap 'echo; echo "demo: stopping nvagentd, nvsim and snmpd"; nv_stop_all; exit 0' INT TERM
trap nv_cleanup EXIT

echo "demo: starting nvsim (profile $profile) on a pseudo-terminal"
nv_start_nvsim "$profile"
echo "demo: starting a private snmpd on udp:127.0.0.1:$SNMPD_PORT (AgentX master)"
nv_start_snmpd
# The shipped example configuration, with only its paths moved into the
# temp dir: what the demo runs is what conf/nvagent.conf says.
sed -e "s|\"/dev/ttyS0\"|\"$NVSIM_PTY\"|" \
	-e "s|\"unix:/var/agentx/master\"|\"unix:$AGENTX_SOCK\"|" \
	-e "s|^state-dir *= \"/var/lib/nvagent\"|state-dir = \"$T/state\"|" \
	-e "s|\"/run/nvagent/nvagent.sock\"|\"$T/nvagent.sock\"|" \
	"$src/conf/nvagent.conf" > "$T/nvagent.conf"
for path in "$NVSIM_PTY" "unix:$AGENTX_SOCK" "$T/state" "$T/nvagent.sock"; do
	grep -qF "\"$path\"" "$T/nvagent.conf" ||
		{ echo "demo: conf/nvagent.conf no longer has the path replaced by $path" >&2; exit 1; }
done
echo "demo: starting nvagentd (config $T/nvagent.conf)"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_agent_ready 30

echo
echo "================ nvctl status ================"
"$B/nvctl" -s "$T/nvagent.sock" status
echo
# Object names need the SMI base modules (SNMPv2-SMI...), which Debian
# keeps in the non-free snmp-mibs-downloader package.
mibopts=(-On)
if MIBS= snmptranslate -M "+$src/mibs" -m SOCOMECUPS-MIB -Onf \
	SOCOMECUPS-MIB::upsBatteryStatus >/dev/null 2>&1; then
	mibopts=(-M "+$src/mibs" -m +SOCOMECUPS-MIB)
	echo "================ snmpbulkwalk of the SOCOMEC tree (with names) ================"
else
	echo "================ snmpbulkwalk of the SOCOMEC tree (numeric) ================"
	echo "(object names need the SMI base MIB modules, which Debian ships in the"
	echo " non-free package snmp-mibs-downloader; with it, this walk shows names)"
fi
snmpbulkwalk -v2c -c public "${mibopts[@]}" "127.0.0.1:$SNMPD_PORT" .1.3.6.1.4.1.4555.1.1.7.1
echo
echo "demo: try it yourself, e.g.:"
echo "  snmpget -v2c -c public 127.0.0.1:$SNMPD_PORT .1.3.6.1.4.1.4555.1.1.7.1.2.4.0   # battery charge %"
echo "  $B/nvsim ctl $NVSIM_CTL scenario mains-fail                                   # cut the mains"
echo "  $B/nvctl -s $T/nvagent.sock status"
[ "$once" = 1 ] && exit 0
echo "demo: running; Ctrl-C stops everything"
while kill -0 "$NVAGENTD_PID" 2>/dev/null; do
	sleep 5
	printf '%s  battery %s%%  load %s%%  output %s (0.1 V)  source %s\n' "$(date +%T)" \
		"$(nv_get $SOCOMEC.1.2.4.0 2>/dev/null)" "$(nv_get $SOCOMEC.1.4.7.0 2>/dev/null)" \
		"$(nv_get $SOCOMEC.1.4.4.1.2.1 2>/dev/null)" "$(nv_get $SOCOMEC.1.4.1.0 2>/dev/null)"
done
echo "demo: nvagentd exited"; exit 1
