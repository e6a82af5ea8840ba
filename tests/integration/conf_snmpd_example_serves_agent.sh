#!/bin/bash
# The shipped conf/snmpd.conf, with only its addresses, socket path and
# socket owner changed for the test, makes a master agent that serves
# nvagentd: it names the device so that LibreNMS, Checkmk and NUT recognise
# it, its communities and both SNMPv3 users read the SOCOMEC tree,
# a community it does not list gets nothing, the read-only user cannot
# write.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
nv_start_nvsim jbusp-three-phase

SNMPD_PORT=$(nv_free_port)
AGENTX_SOCK="$T/agentx.sock"
sed -e "s|^agentAddress udp:161$|agentAddress udp:127.0.0.1:$SNMPD_PORT|" \
	-e "s|unix:/var/agentx/master|unix:$AGENTX_SOCK|" \
	-e "s|^\(agentXPerms 0660 0770\) root nvagent$|\1 $(id -un) $(id -gn)|" \
	-e "s|192\.0\.2\.10$|127.0.0.1|" \
	"$NV_SRCDIR/conf/snmpd.conf" > "$T/snmpd.conf"
# every substitution took: the example still has the lines they match
for want in "agentAddress udp:127.0.0.1:$SNMPD_PORT" "agentXSocket unix:$AGENTX_SOCK" \
	"agentXPerms 0660 0770 $(id -un) $(id -gn)" "rocommunity nvread 127.0.0.1" \
	"rwcommunity nvwrite 127.0.0.1"; do
	grep -qxF "$want" "$T/snmpd.conf" || nv_fail "conf/snmpd.conf changed: no line for '$want'"
done
mkdir -p "$T/snmpd-persist"
SNMP_PERSISTENT_DIR="$T/snmpd-persist" nv_bg "$T/snmpd.log" \
	snmpd -f -Lo -C -c "$T/snmpd.conf" -p "$T/snmpd.pid" \
	-I usmConf,vacm_conf,usmUser,vacm_vars,snmpEngine,system_mib,sysORTable,snmp_mib
nv_wait_for 10 "[ -S '$AGENTX_SOCK' ]" || nv_fail "snmpd did not start from the example"

nv_write_conf > "$T/nvagent.conf"
nv_start_nvagentd "$T/nvagent.conf"
oid=$SOCOMEC.1.2.4.0
v2() { snmpget -v2c -c "$1" -Oqv -t 1 -r 0 "127.0.0.1:$SNMPD_PORT" "${@:2}"; }
v3() { snmpget -v3 -l authPriv -u "$1" -a SHA -A "$2" -x AES -X "$3" \
	-Oqv -t 1 -r 0 "127.0.0.1:$SNMPD_PORT" "$4"; }
nv_wait_for 30 "v2 nvread $oid | grep -qv -- '^-1\$\\|No Such'" ||
	nv_fail "community nvread: no live data ($(v2 nvread $oid 2>&1))"
# what monitoring tools detect the device by (nvagentd(8), NMS DETECTION):
# sysObjectID equal to netvision (Checkmk's SOCOMEC checks, NUT's netvision
# subdriver), "Net Vision" in sysDescr (LibreNMS), and our own name
assert_eq "sysObjectID" ".1.3.6.1.4.1.4555.1.1.1" "$(v2 nvread -On .1.3.6.1.2.1.1.2.0 2>&1)"
descr=$(v2 nvread .1.3.6.1.2.1.1.1.0 2>&1)
[[ "$descr" == *"Net Vision"* && "$descr" == *nvagent* ]] ||
	nv_fail "sysDescr lacks 'Net Vision' (LibreNMS) or 'nvagent': $descr"
# NUT's snmp-ups, told nothing of the MIB, picks its netvision subdriver
SNMPUPS=${SNMPUPS:-/usr/lib/nut/snmp-ups}
if [ -x "$SNMPUPS" ]; then
	mkdir -m 700 "$T/nut"
	NUT_USER=(); [ "$(id -u)" = 0 ] && NUT_USER=(-u root)
	NUT_STATEPATH="$T/nut" NUT_CONFPATH="$T/nut" timeout 30 "$SNMPUPS" -s nvtest \
		-x port="127.0.0.1:$SNMPD_PORT" -x snmp_version=v2c -x community=nvread \
		"${NUT_USER[@]}" -d 1 > "$T/nut.out" 2> "$T/nut.log"
	grep -q "mib: netvision" "$T/nut.log" ||
		nv_fail "NUT snmp-ups did not choose its netvision subdriver: $(grep -i 'mib' "$T/nut.log" | head -3)"
fi
want=$(v2 nvread $oid)
assert_eq "community nvwrite" "$want" "$(v2 nvwrite $oid 2>&1)"
assert_eq "v3 user nvadmin" "$want" \
	"$(v3 nvadmin change-this-auth-pass change-this-priv-pass $oid 2>&1)"
assert_eq "v3 user nvmonitor" "$want" \
	"$(v3 nvmonitor change-this-auth-pass2 change-this-priv-pass2 $oid 2>&1)"
out=$(v2 public $oid 2>&1) && nv_fail "community public, not in the example, was answered: $out"
set3() { snmpset -v3 -l authPriv -u "$1" -a SHA -A "$2" -x AES -X "$3" -t 1 -r 0 \
	"127.0.0.1:$SNMPD_PORT" .1.3.6.1.2.1.1.6.0 s "$4"; }
out=$(set3 nvadmin change-this-auth-pass change-this-priv-pass row-1 2>&1) ||
	nv_fail "read-write user nvadmin could not set sysLocation: $out"
out=$(set3 nvmonitor change-this-auth-pass2 change-this-priv-pass2 row-2 2>&1) &&
	nv_fail "read-only user nvmonitor could write: $out"
echo "$out" | grep -q 'noAccess\|authorizationError' || nv_fail "nvmonitor's set: unexpected error: $out"
assert_eq "sysLocation" '"row-1"' "$(v2 nvread .1.3.6.1.2.1.1.6.0 2>&1)"
nv_pass
