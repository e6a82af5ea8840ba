#!/bin/bash
# Redundant-feed keys on an agent with one device (named "ups"): an event
# naming it under "when = all" and clients declaring their feeds behave as
# before — every client warned, then asked to shut down, in one sequence.
# A client naming a device the agent does not have is said once in the
# agent log and fed by every device; nvctl clients shows the feeds.  The
# config check refuses an event naming a device the file does not have.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup

printf 'control-socket = "/tmp/x.sock"\nshutdown {\n  secret-file = "%s"\n  event on-battery {\n    action = shutdown\n    devices = {"ups", "ups-b"}\n  }\n}\n' \
	"$T/shutdown.key" > "$T/bad.conf"
out=$("$NVAGENTD" --check-config -c "$T/bad.conf" 2>&1) && nv_fail "unknown device accepted"
echo "$out" | grep -q "bad.conf:7: shutdown: event on-battery: devices: 'ups-b' is not a device of this agent" ||
	nv_fail "message '$out' lacks the unknown device"
printf 'server = "127.0.0.1:4200"\nsecret-file = "%s"\nfeeds = {}\n' "$T/shutdown.key" > "$T/c.conf"
out=$("$NVSHUTDOWN" -t -c "$T/c.conf" 2>&1) && nv_fail "nvshutdown took an empty feeds list"
echo "$out" | grep -q "feeds: the list is empty" || nv_fail "nvshutdown said '$out'"

sd_start_stack 'event on-battery { action = shutdown  warning-period = 4s  first-warning = 1  warning-interval = 2  devices = {"ups"}  when = all }'
sd_start_client alpha 'feeds = {"ups"}'
sd_start_client beta 'feeds = {"ups-x"}'
sd_start_client gamma
sd_wait_connected 3
for c in alpha beta gamma; do
	sd_clients | grep -q " $c .* connected .* ups  *nvshutdown\$" ||
		nv_fail "$c not listed fed by ups: $(sd_clients)"
done
sd_clients | head -1 | grep -q ' FEEDS  *KIND$' || nv_fail "no FEEDS column: $(sd_clients | head -1)"

nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim refused mains-fail"
for c in alpha beta gamma; do
	nv_wait_for 20 "grep -q '^shutdown' '$T/hook-$c.log'" || nv_fail "$c got no shutdown request"
done
grep -q 'Shutdown request sent to 3 clients (on-battery)' "$T/nvagentd.log" ||
	nv_fail "not one request to the three clients"
grep -q 'Clients fed by' "$T/nvagentd.log" && nv_fail "a second sequence on one device"
unknown=$(grep -c 'Shutdown client beta: feeds ups-x are not devices of this agent: ignored; fed by every device' "$T/nvagentd.log")
assert_eq "unknown feed said once" 1 "$unknown"
nv_pass
