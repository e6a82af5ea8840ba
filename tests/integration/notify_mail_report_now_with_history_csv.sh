#!/bin/bash
# `nvctl mail report` sends the daily status report now, through the same
# code as the report-time timer: each recipient of type status or both
# gets one mail with the identity and key measurements in the body and the
# last day's history as a CSV attachment (the same header as `nvctl log
# show history --csv`, at least one record); an events-only recipient gets
# nothing.  A caller outside the admin group is refused and nothing is sent.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
nv_need_smtpd
nv_setup

P=$(nv_free_port)
nv_start_smtpd plain "$P"
nv_start_stack jbusp-three-phase 'control-group = "nogroup"' 'admin-group = "root"' "
logs { history-interval = 1 }
mail {
  server = \"127.0.0.1:$P\"
  from = \"ups@example.org\"
  subject-prefix = \"[UPS-lab]\"
  tls = none
  recipient rep { address = \"rep@example.org\"  type = status }
  recipient both { address = \"both@example.org\"  type = both  filter = severity  severity = critical }
  recipient ev { address = \"ev@example.org\"  type = events  filter = severity  severity = critical }
}"
SOCK="$T/nvagent.sock"
ctl() { "$NVCTL" -s "$SOCK" "$@"; }

nv_wait_for 15 "[ \$('$NVCTL' -s '$SOCK' log show history --csv | wc -l) -ge 3 ]" ||
	nv_fail "no history records: $(ctl log show history --csv 2>&1 | head -3)"
HEADER=$(ctl log show history --csv | head -1 | tr -d '\r')

# a caller who may read but is not in the admin group is refused
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && getent group nogroup >/dev/null; then
	chmod 0755 "$T"
	setpriv --reuid=65534 --regid="$(getent group nogroup | cut -d: -f3)" --clear-groups \
		"$NVCTL" -s "$SOCK" mail report >"$T/member.out" 2>&1
	assert_eq "mail report by a non-admin: exit status" 1 "$?"
	grep -q '^nvctl: permission denied' "$T/member.out" ||
		nv_fail "mail report by a non-admin said: $(cat "$T/member.out")"
else
	nv_log "not root: the non-admin refusal is not checked"
fi

ctl mail report bogus >"$T/bad.out" 2>&1 && nv_fail "mail report bogus accepted"
grep -q "usage: mail test | mail report" "$T/bad.out" || nv_fail "bad usage said: $(cat "$T/bad.out")"

ctl mail report >"$T/ctl.out" 2>&1 || nv_fail "nvctl mail report: $(cat "$T/ctl.out")"
grep -q "daily status report queued for 2 recipient" "$T/ctl.out" ||
	nv_fail "nvctl mail report said: $(cat "$T/ctl.out")"
reports() { grep -l '^Subject: .*daily status report' "$T/mail-plain"/*.eml 2>/dev/null; }
nv_wait_for 10 "[ \$(reports | wc -l) -ge 2 ]" ||
	nv_fail "the report did not reach the 2 recipients ($(nv_mail_total plain) mails)"
nv_wait_for 10 "grep -q 'Mail daily status report sent to both@example.org' '$T/nvagentd.log' &&
	grep -q 'Mail daily status report sent to rep@example.org' '$T/nvagentd.log'" ||
	nv_fail "no 'sent' lines in the agent log"

# parse every received report as a MIME message
for f in $(reports); do
	"$NV_PY" - "$f" "$HEADER" <<'PY' || nv_fail "report $(basename "$f"): see above"
import csv, email, io, sys
from email import policy
path, header = sys.argv[1], sys.argv[2]
raw = open(path, "rb").read()
msg = email.message_from_bytes(raw, policy=policy.default)
def die(why):
    print("%s: %s" % (path, why), file=sys.stderr); sys.exit(1)
if not msg["Subject"].startswith("[UPS-lab] information: daily status report nvtest"):
    die("subject %r" % msg["Subject"])
if msg.get_content_type() != "multipart/mixed":
    die("content type %s" % msg.get_content_type())
body = msg.get_body(preferencelist=("plain",)).get_content()
for want in ("Daily status report of nvtest at 20", "Agent:     nvtest",
             "Location:  lab", "Link:      ok", "Measurements:",
             "Battery charge:", "Input voltage:", "Active conditions:"):
    if want not in body:
        die("body has no %r:\n%s" % (want, body))
atts = [p for p in msg.iter_attachments()]
if len(atts) != 1:
    die("%d attachments" % len(atts))
a = atts[0]
if a.get_content_type() not in ("text/csv", "application/octet-stream"):
    die("attachment type %s" % a.get_content_type())
if a.get_filename() != "history.csv":
    die("attachment name %r" % a.get_filename())
rows = list(csv.reader(io.StringIO(a.get_content(), newline="")))
if not rows or rows[0] != next(csv.reader([header])):
    die("CSV header %r, expected %r" % (rows[0] if rows else None, header))
data = [r for r in rows[1:] if r]
if len(data) < 1:
    die("no history row in the CSV")
if any(len(r) != len(rows[0]) for r in data):
    die("a row has not %d cells" % len(rows[0]))
PY
done

rcpts() { grep -h '^X-Rcpt-To:' $(reports) | tr -d '\r' | sort | xargs; }
# a quiet window lets a wrongly sent mail arrive
nv_wait_for 2 false
assert_eq "report recipients" "X-Rcpt-To: both@example.org X-Rcpt-To: rep@example.org" "$(rcpts)"
[ "$(nv_mail_total plain)" = 2 ] || nv_fail "$(nv_mail_total plain) mails sent, expected 2"
nv_pass
