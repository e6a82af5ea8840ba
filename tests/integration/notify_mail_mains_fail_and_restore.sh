#!/bin/bash
# Mains failure and restore reach a real SMTP server as mails with the
# level and event in the subject and the device, date and measurements in
# the body; each recipient gets only what its filter lets through; `nvctl
# mail test` mails everyone.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
nv_need_smtpd
nv_setup

P=$(nv_free_port)
nv_start_smtpd plain "$P"
nv_start_stack jbusp-three-phase "
mail {
  server = \"127.0.0.1:$P\"
  from = \"ups@example.org\"
  subject-prefix = \"[UPS-lab]\"
  tls = none
  recipient all { address = \"all@example.org\"  filter = severity  severity = information }
  recipient crit { address = \"crit@example.org\"  filter = severity  severity = critical }
  recipient ovl { address = \"ovl@example.org\"  filter = events  events = { \"overload\" } }
}
events { debounce = 200 }"

# per recipient, subjects in arrival order
subjects() { grep -h "^X-Rcpt-To: $1@" -l "$T/mail-plain"/*.eml 2>/dev/null | sort |
	xargs -r grep -h '^Subject:' | tr -d '\r'; }

nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim: scenario mains-fail"
nv_wait_for 15 "subjects all | grep -q 'critical: on-battery '" ||
	nv_fail "no on-battery mail: $(subjects all)"
nv_wait_for 5 "subjects all | grep -q 'warning: on-battery-power '" ||
	nv_fail "no on-battery-power mail: $(subjects all)"
f=$(grep -l "^X-Rcpt-To: all@" "$T/mail-plain"/*.eml | xargs grep -l 'critical: on-battery ' | head -1)
grep -q "^Subject: \[UPS-lab\] critical: on-battery - UPS on battery" "$f" || nv_fail "subject: $(grep Subject "$f")"
grep -q "^From: ups@example.org" "$f" || nv_fail "From header"
grep -q "^Level: *critical" "$f" || nv_fail "body: no level"
grep -q "^Agent: *nvtest" "$f" || nv_fail "body: no agent name"
grep -q "^Location: *lab" "$f" || nv_fail "body: no location"
grep -q "^Date: *20[0-9-]* [0-9:]*" "$f" || nv_fail "body: no date"
grep -q "^  Battery charge: *[0-9]* %" "$f" || nv_fail "body: no battery charge"
grep -q "^  Input voltage: " "$f" || nv_fail "body: no input voltage"
grep -q "^Active conditions:.*on-battery" "$f" || nv_fail "body: conditions: $(grep Active "$f")"

nv_simctl scenario mains-restore >/dev/null || nv_fail "nvsim: scenario mains-restore"
nv_wait_for 15 "subjects all | grep -q 'information: power-restored '" ||
	nv_fail "no power-restored mail: $(subjects all)"

nv_simctl scenario overload >/dev/null || nv_fail "nvsim: scenario overload"
nv_wait_for 15 "subjects ovl | grep -q 'warning: overload '" || nv_fail "event recipient: no overload mail"

"$NVCTL" -s "$T/nvagent.sock" mail test > "$T/ctl.out" 2>&1 || nv_fail "nvctl mail test: $(cat "$T/ctl.out")"
grep -q "queued for 3 recipient" "$T/ctl.out" || nv_fail "nvctl mail test said: $(cat "$T/ctl.out")"
nv_wait_for 10 "[ \$(grep -l 'Subject: .*test mail' $T/mail-plain/*.eml | wc -l) -eq 3 ]" ||
	nv_fail "test mail did not reach the 3 recipients"

# a quiet window lets any wrongly sent mail arrive, then check the filters
nv_wait_for 2 false
for s in $(subjects crit | sed 's/^Subject: \[UPS-lab\] //; s/ .*//'); do
	[ "$s" = "critical:" ] || [ "$s" = "information:" ] || nv_fail "critical recipient got a $s mail: $(subjects crit)"
done
subjects crit | grep -q "critical: on-battery " || nv_fail "critical recipient missed on-battery"
[ "$(subjects ovl | grep -vc 'test mail')" = 1 ] || nv_fail "event recipient got: $(subjects ovl)"
grep -q "Mail on-battery sent to all@example.org" "$T/nvagentd.log" || nv_fail "no 'sent' line in the agent log"
nv_pass
