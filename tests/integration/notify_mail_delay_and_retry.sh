#!/bin/bash
# "Delay before sending": a mains failure that is restored within the
# delay sends no mail at all.  A mail that meets a dead SMTP server is
# retried, the failure (the manual's "001 cannot connect") is in the agent
# event log, and the mail arrives once the server is back.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
nv_need_smtpd
nv_setup

P=$(nv_free_port)
nv_start_smtpd d "$P"
nv_start_stack jbusp-three-phase "
mail {
  server = \"127.0.0.1:$P\"
  from = \"ups@example.org\"
  tls = none
  delay = 5
  retries = 6
  retry-interval = 1
  recipient ops { address = \"ops@example.org\" }
}
events { debounce = 200 }"
nv_wait_for 10 "grep -q 'agent-restarting' $T/mail-d/*.eml" || nv_fail "no start-up mail after the delay"

nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim: scenario mains-fail"
# the agent polls every second: let it see the failure, then end it
nv_wait_for 15 "nv_get $SOCOMEC.1.2.2.0 | grep -qv -- '^-1\$'" || nv_fail "agent did not see the failure"
nv_simctl scenario mains-restore >/dev/null || nv_fail "nvsim: scenario mains-restore"
nv_wait_for 10 "grep -q 'power-restored cleared within the delay' '$T/nvagentd.log'" ||
	nv_fail "the restore did not cancel the pending mails"
# past the delay: nothing about the short failure may arrive
nv_wait_for 4 false
grep -l -E 'Subject: .*(on-battery|power-restored)' "$T/mail-d"/*.eml 2>/dev/null &&
	nv_fail "a mail was sent for a failure shorter than the delay"

# the server goes away; an overload mail is tried, fails, and waits
nv_stop_pid "$SMTPD_PID"
nv_simctl scenario overload >/dev/null || nv_fail "nvsim: scenario overload"
nv_wait_for 15 "grep -q 'Mail overload to ops@example.org: attempt 1 failed: 001 cannot connect' '$T/nvagentd.log'" ||
	nv_fail "no failed attempt in the agent event log"
nv_start_smtpd d "$P"
nv_wait_for 40 "grep -q 'Subject: .*warning: overload' $T/mail-d/*.eml" ||
	nv_fail "the overload mail was not delivered once the server was back"
nv_wait_for 5 "grep -q 'Mail overload sent to ops@example.org' '$T/nvagentd.log'" ||
	nv_fail "no 'sent' line after the retry"
nv_pass
