#!/usr/bin/env bash
# A MODULYS modular system (nvsim vumap-modular-system, 4 units of 6
# modules): `nvctl status` and its JSON give the topology with 4 units and
# 24 modules, the SOCOMEC upsConfigNbrUnit reads 4, and a module alarm on
# unit 3 shows as system module 15 in the JSON module list.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"

nv_start_stack vumap-modular-system
SOCK="$T/nvagent.sock"
nv_wait_for 20 "'$NVCTL' -s '$SOCK' status | grep -q '^Communication:  ok'" ||
	nv_fail "nvctl status never showed communication ok"
status=$("$NVCTL" -s "$SOCK" status) || nv_fail "nvctl status failed"
printf '%s\n' "$status" | grep -Eq '^Topology:       modular-system, 4 unit\(s\), 24 module\(s\),' ||
	nv_fail "topology line wrong: $(printf '%s\n' "$status" | grep Topology)"

json() {
	"$NVCTL" -s "$SOCK" --json status > "$T/status.json" || nv_fail "nvctl --json status failed"
	python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
t = d["topology"]
alarmed = [m["module"] for m in t.get("module_list", []) if m["general_alarm"]]
print(t["type"], t["units"], t["modules"], ",".join(map(str, alarmed)) or "none")' "$T/status.json" ||
		nv_fail "invalid JSON: $(cat "$T/status.json")"
}
assert_eq "JSON topology" "modular-system 4 24 none" "$(json)"
printf '%s\n' "$status" | grep -q '^Modules:        operating 1,2,3,.*,24; general alarm none; imminent stop none$' ||
	nv_fail "modules line wrong: $(printf '%s\n' "$status" | grep Modules)"
assert_eq "SOCOMEC upsConfigNbrUnit" 4 "$(nv_get $SOCOMEC.1.8.2.0)"

nv_simctl set 3:A098 1 >/dev/null || nv_fail "nvsim ctl failed"
nv_wait_for 10 '[ "$(json)" = "modular-system 4 24 15" ]' ||
	nv_fail "unit 3's module 3 alarm not shown as module 15: $(json)"
nv_pass
