#!/bin/bash
# A weekly shut-off a few seconds ahead in the schedule section ("DAY
# HH:MM:SS", local time): the sequence starts one warning period before
# it (no warning earlier), the client gets the first warning, a warning
# at the interval and the shutdown request at the shut-off time, all for
# weekly-schedule.  Then (config reloaded) a special day a few seconds
# ahead does the same for special-day.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/shutdown.sh"
sd_setup
EV='action = shutdown  warning-period = 4s  first-warning = 1  warning-interval = 1'

# at_time SECONDS FORMAT — local time SECONDS from now, lower-case, C locale
at_time() { LC_ALL=C date -d "@$(( $(date +%s) + $1 ))" "+$2" | tr 'A-Z' 'a-z'; }

# check_sequence EVENT START-MS: warnings then the request, for EVENT
check_sequence() {
	local ev=$1 start=$2 w1 w2 sd
	nv_wait_for 15 "grep -q '^shutdown $ev' '$T/hook-alpha.log'" ||
		nv_fail "$ev: no shutdown request reached the client: $(cat "$T/hook-alpha.log" 2>/dev/null)"
	w1=$(awk -v e="$ev" '$1 == "warning" && $2 == e { print $4; exit }' "$T/hook-alpha.log")
	w2=$(awk -v e="$ev" '$1 == "warning" && $2 == e && ++n == 2 { print $4; exit }' "$T/hook-alpha.log")
	sd=$(awk -v e="$ev" '$1 == "shutdown" && $2 == e { print $4; exit }' "$T/hook-alpha.log")
	[ -n "$w1" ] && [ -n "$w2" ] || nv_fail "$ev: fewer than 2 warnings: $(cat "$T/hook-alpha.log")"
	w1=$(( w1 - start )); w2=$(( w2 - start )); sd=$(( sd - start ))
	nv_log "$ev: first warning +$w1 ms, second +$w2 ms, request +$sd ms after its start time"
	# the agent looks at the clock every poll turn (1 s)
	[ "$w1" -ge 1000 ] && [ "$w1" -le 2700 ] || nv_fail "$ev: first warning at +$w1 ms, want ~1 s"
	[ "$sd" -ge 4000 ] && [ "$sd" -le 5700 ] || nv_fail "$ev: request at +$sd ms, want ~4 s"
	grep -q "Shutdown request sent to 1 clients ($ev)" "$T/nvagentd.log" ||
		nv_fail "$ev: no request in the agent log"
}

sd_start_stack "event on-battery { action = disabled }"
sd_start_client alpha
sd_wait_connected 1

# conf_with EVENT SCHEDULE-ENTRY: the shutdown section and the schedule
conf_with() {
	nv_write_conf "shutdown {
  listen = \"127.0.0.1:$SD_PORT\"
  secret-file = \"$T/shutdown.key\"
  client-timeout = 3s
  event $1 { $EV }
}
schedule {
  $2
}" > "$T/nvagent.conf"
}

# weekly-schedule: shut-off 7 s ahead, so the sequence starts 3 s ahead
start=$(( ($(date +%s) + 3) * 1000 ))
at=$(at_time 7 '%a %H:%M:%S')
conf_with weekly-schedule "weekly { off = \"$at\" }"
kill -HUP "$NVAGENTD_PID"
nv_log "weekly shut-off at \"$at\""
check_sequence weekly-schedule "$start"
first=$(awk '$1 == "warning" { print $4; exit }' "$T/hook-alpha.log")
[ "$first" -ge "$start" ] || nv_fail "a warning came $(( start - first )) ms before the start time"

# special-day: the weekly schedule is removed, a date 7 s ahead added
: > "$T/hook-alpha.log"
start=$(( ($(date +%s) + 3) * 1000 ))
at=$(at_time 7 '%Y-%m-%d %H:%M:%S')
conf_with special-day "special-day { off = \"$at\" }"
kill -HUP "$NVAGENTD_PID"
nv_log "special-day shut-off at \"$at\""
check_sequence special-day "$start"
first=$(awk '$1 == "warning" { print $4; exit }' "$T/hook-alpha.log")
[ "$first" -ge "$start" ] || nv_fail "special-day: a warning came $(( start - first )) ms before the start time"
nv_pass
