#!/bin/bash
# The schedule section of the shipped example (uncommented) passes
# --check-config; a bad day, time or date, a restart too far, an overlap
# and a restart before its shut-off are refused with FILE:LINE of the
# entry, by --check-config and by a SIGHUP that keeps the running schedule.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"
base='control-socket = "/tmp/x.sock"'

# the example's schedule section, uncommented
sed -n '/^#schedule {/,/^#}/s/^#//p' "$NV_SRCDIR/conf/nvagent.conf" > "$T/example-schedule"
grep -q 'battery-test' "$T/example-schedule" || nv_fail "no schedule section in conf/nvagent.conf"
printf '%s\n' "$base" > "$T/good.conf"
cat "$T/example-schedule" >> "$T/good.conf"
out=$("$NVAGENTD" --check-config -c "$T/good.conf" 2>&1) || nv_fail "example schedule refused: $out"

check() {   # check WHAT EXPECTED-TEXT ENTRY — the entry on line 4
	local what=$1 want=$2 entry=$3
	printf '%s\nschedule {\n  weekly { off = "fri 22:00"  restart = "mon 06:00" }\n  %s\n}\n' \
		"$base" "$entry" > "$T/bad.conf"
	out=$("$NVAGENTD" --check-config -c "$T/bad.conf" 2>&1) && nv_fail "$what: accepted"
	grep -qF "$T/bad.conf:4: schedule: $want" <<<"$out" || nv_fail "$what: message '$out' lacks ':4: schedule: $want'"
	nv_log "$what: $out"
}
check "bad weekday" "weekly: off 'fry 22:00' is not" 'weekly { off = "fry 22:00" }'
check "bad time" "eco-mode: on 'mon 8:00' is not" 'eco-mode { on = "mon 8:00"  off = "mon 20:00" }'
check "bad date" "special-day: off '2027-02-29 10:00' is not" 'special-day { off = "2027-02-29 10:00" }'
check "overlap" "weekly: overlaps the entry 1" 'weekly { off = "sun 12:00"  restart = "sun 18:00" }'
check "restart too far" "special-day: restart 10080 min after the shut-off, more than the UPS can count" 'special-day { off = "2027-01-01 10:00"  restart = "2027-01-08 10:00" }'
check "restart before off" "special-day: restart is not after" 'special-day { off = "2027-01-02 10:00"  restart = "2027-01-01 10:00" }'
check "no off" "weekly: needs off" 'weekly { restart = "tue 10:00" }'

# a running agent keeps its schedule when a reload brings a bad one
nv_start_stack jbusp-three-phase 'schedule {
  eco-mode { on = "sat 08:00"  off = "sun 20:00" }
}'
nv_write_conf 'schedule {
  eco-mode { on = "sat 08:00"  off = "sat 08:00" }
}' > "$T/nvagent.conf"
kill -HUP "$NVAGENTD_PID"
nv_wait_for 10 "grep -q 'nvagent.conf:[0-9]*: schedule: eco-mode: on and off at the same time' '$T/nvagentd.log'" ||
	nv_fail "reload error not logged with FILE:LINE"
"$NVCTL" -s "$T/nvagent.sock" schedule | grep -q 'eco-mode 1: on sat 08:00, off sun 20:00' ||
	nv_fail "running schedule lost: $("$NVCTL" -s "$T/nvagent.sock" schedule)"
nv_pass
