#!/bin/bash
# The room's events go through the existing plug-ins: a contact in alarm
# and the room past a high set point reach a real SMTP server (a recipient
# filtered on the event emd-input-1-active gets that one only) and a real
# rsyslogd over UDP as RFC 5424 messages with the trap's level.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
nv_need_smtpd
nv_need_rsyslog
nv_setup
. "$NV_SRCDIR/tests/lib/env_sensor.sh"

P=$(nv_free_port); PU=$(nv_free_port)
nv_start_smtpd plain "$P"
nv_start_rsyslog udp "module(load=\"imudp\")
input(type=\"imudp\" address=\"127.0.0.1\" port=\"$PU\")"
NVSIM_ARGS="--env-slave 2"
nv_start_stack jbusp-three-phase "
mail {
  server = \"127.0.0.1:$P\"
  from = \"ups@example.org\"
  tls = none
  recipient all { address = \"all@example.org\"  filter = severity  severity = information }
  recipient door { address = \"door@example.org\"  filter = events  events = { \"emd-input-1-active\" } }
}
syslog { local = false  facility = local3  remote = \"udp://127.0.0.1:$PU\" }
environment {
  serial { device = \"$T/ttyUPS0\"  slave = 2 }
  poll-interval = 1
  input-1 { name = \"Door\"  mode = normally-open }
}"
ENV_CTL=$NVSIM_CTL
subjects() { grep -h "^X-Rcpt-To: $1@" -l "$T/mail-plain"/*.eml 2>/dev/null | sort |
	xargs -r grep -h '^Subject:' | tr -d '\r'; }

assert_eq "door open" OK "$(nv_envctl set input1 1)"
assert_eq "overheat" OK "$(nv_envctl set temperature 55)"
nv_wait_for 20 "subjects all | grep -q 'critical: emd-input-1-active '" ||
	nv_fail "no input mail: $(subjects all)"
nv_wait_for 20 "subjects all | grep -q 'critical: emd-temperature-high '" ||
	nv_fail "no temperature mail: $(subjects all)"
nv_wait_for 10 "subjects door | grep -q 'emd-input-1-active'" || nv_fail "door recipient: $(subjects door)"
subjects door | grep -q 'emd-temperature-high' && nv_fail "the door recipient got the temperature"
# local3 (19) * 8 + crit (2) = 154
nv_wait_for 15 "grep -q '^<154>1 .* nvagentd [0-9]* emd-temperature-high \[nvagent@4555 severity=\"critical\" trap=\"\.1\.3\.6\.1\.4\.1\.4555\.1\.1\.7\.2\.0\.30\"' '$T/syslog-udp.out'" ||
	nv_fail "no emd-temperature-high syslog message: $(cat "$T/syslog-udp.out")"
grep -q 'EMD sensor: temperature over a high set point (temperature 55.0 C' "$T/syslog-udp.out" ||
	nv_fail "the message lacks the reading: $(grep emd-temperature "$T/syslog-udp.out")"
nv_pass
