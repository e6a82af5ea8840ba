#!/usr/bin/env bash
# The control socket's permissions: with control-group = nogroup and
# admin-group = root, a caller in nogroup (uid 65534) may read (status,
# log show) but not change (log clear, trace on): one clear ERR line and
# exit status 1, nothing cleared.  A caller in neither group cannot even
# connect, and nvctl says so in one line.  root may do everything.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
[ -x "$NVAGENTD" ] || nv_skip "nvagentd not built"
[ "$(id -u)" = 0 ] || nv_skip "needs root to run nvctl as another user"
command -v setpriv >/dev/null || nv_skip "setpriv missing"
getent group nogroup >/dev/null || nv_skip "no group nogroup"
NOGID=$(getent group nogroup | cut -d: -f3)

nv_start_stack jbusp-three-phase 'control-group = "nogroup"' 'admin-group = "root"'
SOCK="$T/nvagent.sock"
chmod 0755 "$T"          # let the unprivileged callers reach the socket
as_member() { setpriv --reuid=65534 --regid="$NOGID" --clear-groups "$NVCTL" -s "$SOCK" "$@"; }
as_stranger() { setpriv --reuid=65534 --regid=65533 --clear-groups "$NVCTL" -s "$SOCK" "$@"; }

nv_wait_for 10 "'$NVCTL' -s '$SOCK' log show agent-events | grep -q 'Agent started'" ||
	nv_fail "no agent log"
as_member status >/dev/null || nv_fail "a control-group member cannot read the status"
as_member log show agent-events | grep -q 'Agent started' ||
	nv_fail "a control-group member cannot read the agent log"

as_member log clear agent-events >/dev/null 2>"$T/err"
assert_eq "log clear by a reader: exit status" 1 "$?"
assert_eq "log clear by a reader: message" \
	"nvctl: permission denied: this command changes the agent: it needs root or the admin group 'root'" \
	"$(cat "$T/err")"
"$NVCTL" -s "$SOCK" log show agent-events | grep -q 'Agent started' ||
	nv_fail "the refused clear cleared the log anyway"
as_member trace on >/dev/null 2>"$T/err"
assert_eq "trace on by a reader: exit status" 1 "$?"
grep -q '^nvctl: permission denied' "$T/err" || nv_fail "trace on: $(cat "$T/err")"

as_stranger status >/dev/null 2>"$T/err"
assert_eq "stranger: exit status" 1 "$?"
assert_eq "stranger: one line" 1 "$(wc -l < "$T/err")"
grep -q "^nvctl: $SOCK: Permission denied" "$T/err" || nv_fail "stranger: $(cat "$T/err")"

"$NVCTL" -s "$SOCK" log clear agent-events >/dev/null || nv_fail "root cannot clear"
"$NVCTL" -s "$SOCK" log show agent-events | grep -q 'Agent event log cleared by user root' ||
	nv_fail "clear by root not logged: $("$NVCTL" -s "$SOCK" log show agent-events)"
nv_pass
