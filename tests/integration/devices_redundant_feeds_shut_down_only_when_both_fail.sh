#!/bin/bash
# Dual-corded servers on two UPSs (devices ups-a, ups-b, each on its own
# nvsim): under "when = all" a server fed by both feeds is neither warned
# nor shut down while only the A feed is on battery; a server fed by A
# alone is.  When the B feed fails too, the dual-fed servers (and one that
# declares no feeds: fed by every device) are warned and asked to shut
# down.  A server fed by B alone stays untouched by A's outage.  The UPS
# shut-off goes to the feed that is on battery, never to a healthy one.
# Each device's upsDevicesTable (in its SNMP context) lists the clients it
# feeds; nvctl clients lists them all.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
. "$NV_SRCDIR/tests/lib/devices.sh"

nv_start_device ups-a jbusp-three-phase
nv_start_device ups-b jbusp-three-phase
mapfile -t ctxlines < <(nv_context_lines ups-a ups-b)
nv_start_snmpd "${ctxlines[@]}"
nv_devices_conf ups-a ups-b -- "shutdown {
  listen = \"127.0.0.1:$SD_PORT\"
  secret-file = \"$T/shutdown.key\"
  client-timeout = 3s
  ups-shutoff = true
  ups-shutoff-delay = 30
  max-client-duration = 20
  event on-battery { action = shutdown  warning-period = 6s  first-warning = 1  warning-interval = 2
                     devices = {\"ups-a\", \"ups-b\"}  when = all }
}" > "$T/nvagent.conf"
"$NVAGENTD" --check-config -c "$T/nvagent.conf" >/dev/null || nv_fail "config refused: $("$NVAGENTD" --check-config -c "$T/nvagent.conf" 2>&1)"
nv_start_nvagentd "$T/nvagent.conf"
nv_wait_for 30 "\"$NVCTL\" -s \"$T/nvagent.sock\" devices | awk 'NR > 1 && \$3 == \"ok\"' | grep -c . | grep -qx 2" ||
	nv_fail "both devices not ok: $("$NVCTL" -s "$T/nvagent.sock" devices)"
sd_start_client dual 'feeds = {"ups-a", "ups-b"}'
sd_start_client onlya 'feeds = {"ups-a"}'
sd_start_client onlyb 'feeds = {"ups-b"}'
sd_start_client legacy
sd_wait_connected 4
sd_clients | grep -q " dual .* ups-a,ups-b " || nv_fail "dual's feeds not listed: $(sd_clients)"
# nameOfDevice per context: B feeds dual, onlyb and legacy, not onlya
names() {
	snmpbulkwalk -v3 -l authPriv -u nvtest -a SHA -A nvtest-auth-pass -x AES -X nvtest-priv-pass \
		-n "$1" -Oqv -t 2 -r 1 "127.0.0.1:$SNMPD_PORT" $SOCOMEC.1.8.5.1.3 | tr -d '"' | sort | tr '\n' ' '
}
assert_eq "clients in context ups-b" "dual legacy onlyb " "$(names ups-b)"
assert_eq "clients in context ups-a" "dual legacy onlya " "$(names ups-a)"

# the A feed alone on battery
nv_devsim ups-a scenario mains-fail >/dev/null || nv_fail "nvsim ups-a: mains-fail"
nv_wait_for 20 "grep -q '^shutdown' '$T/hook-onlya.log'" || nv_fail "onlya (fed by A) got no shutdown request"
grep -q "Clients fed by ups-a: Shutdown request sent to 1 clients (on-battery)" "$T/nvagentd.log" ||
	nv_fail "the agent log does not say A's group was shut down"
nv_wait_for 20 "grep -q 'UPS shut-off of ups-a' '$T/nvagentd.log'" || nv_fail "no UPS shut-off of ups-a"
# past the whole warning period of the dual-fed group, nothing for it
nv_wait_for 8 false
for c in dual legacy onlyb; do
	[ ! -s "$T/hook-$c.log" ] || nv_fail "$c was warned with one feed on battery: $(cat "$T/hook-$c.log")"
	[ ! -e "$T/shut-$c" ] || nv_fail "$c was shut down with one feed on battery"
done
grep -q 'UPS shut-off of ups-b' "$T/nvagentd.log" && nv_fail "a shut-off went to the healthy B feed"

# then the B feed too
nv_devsim ups-b scenario mains-fail >/dev/null || nv_fail "nvsim ups-b: mains-fail"
for c in dual legacy; do
	nv_wait_for 20 "grep -q '^warning' '$T/hook-$c.log'" || nv_fail "$c not warned with both feeds out"
	nv_wait_for 20 "grep -q '^shutdown' '$T/hook-$c.log'" || nv_fail "$c not asked to shut down"
done
nv_wait_for 20 "grep -q '^shutdown' '$T/hook-onlyb.log'" || nv_fail "onlyb not asked to shut down when B failed"
nv_pass
