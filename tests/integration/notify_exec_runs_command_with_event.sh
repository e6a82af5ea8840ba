#!/bin/bash
# exec plug-in: a command runs for each matching event, without a shell,
# with the notification in NV_* variables; a failing command's exit
# status and a hung command's kill at its timeout are in the agent log;
# the command inherits no descriptor of the agent's but 0-2;
# the agent keeps answering SNMP meanwhile.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
nv_setup

cat > "$T/hook.sh" <<HOOK
#!/bin/sh
env | grep '^NV_' | sort > "$T/env.\$NV_EVENT"
# descriptors beyond 0-2 that are the agent's (sockets, pipes); listed
# into a file first: during "ls | awk" the shell itself holds that pipe
ls -l /proc/\$\$/fd > "$T/fdlist.\$NV_EVENT"
awk '\$9 > 2 && \$NF ~ /^(socket|pipe):/' "$T/fdlist.\$NV_EVENT" > "$T/fds.\$NV_EVENT"
exit 3
HOOK
cat > "$T/hang.sh" <<HOOK
#!/bin/sh
echo started > "$T/hang.\$NV_EVENT"
exec sleep 60
HOOK
chmod +x "$T/hook.sh" "$T/hang.sh"
nv_start_stack jbusp-three-phase "
exec hook { command = \"$T/hook.sh 'two words'\"  filter = events  events = { \"overload\" } }
exec hang { command = \"$T/hang.sh\"  filter = severity  severity = critical  timeout = 2 }
events { debounce = 200 }"

nv_simctl scenario overload >/dev/null || nv_fail "nvsim: scenario overload"
nv_wait_for 15 "[ -s '$T/env.overload' ]" || nv_fail "hook did not run for overload"
grep -qx 'NV_EVENT=overload' "$T/env.overload" || nv_fail "NV_EVENT: $(cat "$T/env.overload")"
grep -qx 'NV_SEVERITY=warning' "$T/env.overload" || nv_fail "NV_SEVERITY"
grep -qx 'NV_TRAP_OID=.1.3.6.1.4.1.4555.1.1.7.2.0.6' "$T/env.overload" || nv_fail "NV_TRAP_OID"
grep -q '^NV_TEXT=UPS output overloaded' "$T/env.overload" || nv_fail "NV_TEXT"
grep -qx 'NV_AGENT=nvtest' "$T/env.overload" || nv_fail "NV_AGENT"
grep -qx 'NV_DEVICE=ups' "$T/env.overload" || nv_fail "NV_DEVICE: one device is named ups"
grep -q '^NV_VB_COUNT=' "$T/env.overload" || nv_fail "NV_VB_COUNT"
[ -s "$T/fds.overload" ] && nv_fail "the command inherited the agent's descriptors: $(cat "$T/fds.overload")"
ls "$T"/env.* | grep -qv 'env.overload$' && nv_fail "event filter let another event through: $(ls "$T"/env.*)"
nv_wait_for 10 "grep -q 'exec hook (overload): exit status 3' '$T/nvagentd.log'" || nv_fail "exit status not logged"

nv_simctl scenario mains-fail >/dev/null || nv_fail "nvsim: scenario mains-fail"
nv_wait_for 15 "[ -s '$T/hang.on-battery' ]" || nv_fail "hang did not run for on-battery (critical)"
[ -e "$T/hang.on-battery-power" ] && nv_fail "severity filter let a warning through"
nv_get "$SOCOMEC.1.2.4.0" >/dev/null || nv_fail "agent stopped answering while a command runs"
nv_wait_for 10 "grep -q 'exec hang (on-battery): killed after its timeout' '$T/nvagentd.log'" ||
	nv_fail "hung command not killed at its timeout"
nv_pass
