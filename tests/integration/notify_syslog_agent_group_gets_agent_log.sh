#!/bin/bash
# Agent events (the agent event log: configuration reload, log clears...) reach
# the syslog "agent" group: after a SIGHUP, rsyslog receives "Configuration
# changed"; with groups = { ups } it does not.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
nv_need_rsyslog
nv_setup

PT=$(nv_free_port)
nv_start_rsyslog tcp "module(load=\"imtcp\")
input(type=\"imtcp\" address=\"127.0.0.1\" port=\"$PT\")"
syslog_conf() {
	printf 'syslog {\n  local = false\n  facility = local3\n  remote = "tcp://127.0.0.1:%s"\n  groups = %s\n}\n' "$PT" "$1"
}
nv_start_stack jbusp-three-phase "$(syslog_conf '{ups, agent}')"
OUT=$T/syslog-tcp.out

# <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG ; local3 info = 158
kill -HUP "$NVAGENTD_PID"
nv_wait_for 10 "grep -q 'Configuration changed (SIGHUP)' '$OUT'" ||
	nv_fail "the reload did not reach syslog: $(cat "$OUT")"
line=$(grep 'Configuration changed (SIGHUP)' "$OUT" | head -1)
echo "$line" | grep -qE '^<158>1 [^ ]+ [^ ]+ nvagentd [0-9]+ agent-log \[nvagent@4555 severity="information" agent="nvtest"\] nvtest: Configuration changed \(SIGHUP\) \(information\)$' ||
	nv_fail "not the expected RFC 5424 line: $line"

# without the agent group, agent events stay out of syslog
nv_write_conf "$(syslog_conf '{ups}')" > "$T/nvagent.conf"
kill -HUP "$NVAGENTD_PID"
nv_wait_for 10 "[ \$(grep -c 'Configuration changed' '$T/nvagentd.log') -ge 2 ]" ||
	nv_fail "second reload not logged"
# a UPS event sent after the reload: anything before it has arrived too
nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim: scenario mains-fail"
nv_wait_for 15 "grep -q ' on-battery \[' '$OUT'" || nv_fail "no on-battery message"
assert_eq "agent-log messages after groups = {ups}" 1 \
	"$(grep -c 'Configuration changed' "$OUT")"
nv_pass
