#!/bin/bash
# A shutdown section the agent cannot honour is refused with a clear
# message: a UPS shut-off delay shorter than the slowest client or outside
# what the devices take, a client duration longer than the device can wait, an
# unknown event or action, a bad duration, the schedule's times in their
# old place (the message says where they go); nvshutdown refuses a secret
# file that others can read.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
base='control-socket = "/tmp/x.sock"'
check() {   # check WHAT EXPECTED-TEXT SECTION-LINES...
	local what=$1 want=$2; shift 2
	printf '%s\nshutdown {\n  secret-file = "%s"\n%s\n}\n' "$base" "$T/shutdown.key" \
		"$(printf '  %s\n' "$@")" > "$T/bad.conf"
	out=$("$NVAGENTD" --check-config -c "$T/bad.conf" 2>&1) && nv_fail "$what: accepted"
	echo "$out" | grep -q "$want" || nv_fail "$what: message '$out' lacks '$want'"
	nv_log "$what: $out"
}
check "shut-off delay < client duration" "shorter than max-client-duration" \
	'ups-shutoff = true' 'ups-shutoff-delay = 60' 'max-client-duration = 2m'
check "shut-off delay the device refuses" "outside 20..600s" \
	'ups-shutoff = true' 'ups-shutoff-delay = 15m'
check "client duration the device cannot wait" "longer than the longest shut-off delay" \
	'ups-shutoff = true' 'ups-shutoff-delay = 600' 'max-client-duration = 15m'
check "listen on a name" "not IPV4-ADDRESS:PORT" 'listen = "localhost:4200"'
check "unknown event" "unknown event 'on-fire'" 'event on-fire { action = shutdown }'
check "unknown action" "action 'reboot'" 'event on-battery { action = reboot }'
check "bad duration" "warning-period: '5x'" 'event on-battery { warning-period = 5x }'
check "times in the event (their old place)" \
	"bad.conf:4: .*'at' has moved to the schedule section (schedule { weekly { off = \"fri 18:30\"" \
	'event weekly-schedule { action = shutdown  at = {"fri 18:30"} }'

printf '%s\nshutdown {\n  secret-file = "%s"\n  ups-shutoff = true\n  ups-shutoff-delay = 3m\n  max-client-duration = 2m\n  event on-battery { action = shutdown  warning-period = 5  first-warning = 10  warning-interval = 60 }\n  event weekly-schedule { action = shutdown  warning-period = 10 }\n}\nschedule {\n  weekly { off = \"fri 18:30\"  restart = \"mon 06:00\" }\n}\n' \
	"$base" "$T/shutdown.key" > "$T/good.conf"
"$NVAGENTD" --check-config -c "$T/good.conf" >/dev/null 2>&1 || nv_fail "good config refused: $("$NVAGENTD" --check-config -c "$T/good.conf" 2>&1)"

printf 'server = "127.0.0.1:4200"\nsecret-file = "%s"\n' "$T/shutdown.key" > "$T/c.conf"
"$NVSHUTDOWN" -t -c "$T/c.conf" >/dev/null || nv_fail "nvshutdown refused a good config"
chmod 644 "$T/shutdown.key"
out=$("$NVSHUTDOWN" -t -c "$T/c.conf" 2>&1) && nv_fail "nvshutdown accepted a world-readable secret"
echo "$out" | grep -q "0600 or 0640" || nv_fail "unclear message: $out"
printf 'secret-file = "%s"\n' "$T/shutdown.key" > "$T/c2.conf"
out=$("$NVSHUTDOWN" -t -c "$T/c2.conf" 2>&1) && nv_fail "nvshutdown accepted no server"

# the shipped example, with only its agent address and secret file changed
chmod 600 "$T/shutdown.key"
sed -e "s|/etc/nvagent/shutdown.key|$T/shutdown.key|" -e "s|nvagent.example.org:|127.0.0.1:|" \
	"$NV_SRCDIR/conf/nvshutdown.conf" > "$T/example.conf"
grep -q "^server = \"127.0.0.1:4200\"" "$T/example.conf" || nv_fail "conf/nvshutdown.conf: no server line"
out=$("$NVSHUTDOWN" -t -c "$T/example.conf" 2>&1) || nv_fail "conf/nvshutdown.conf refused: $out"
nv_pass
