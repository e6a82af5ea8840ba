#!/usr/bin/env bash
# The shipped example configuration passes `nvagentd --check-config`.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup

conf="$NV_SRCDIR/conf/nvagent.conf"
out=$("$NVAGENTD" --check-config -c "$conf" 2>"$T/err") || nv_fail "exit $? on $conf: $(cat "$T/err")"
assert_eq "check-config output" "$conf: OK" "$out"
assert_eq "check-config stderr" "" "$(cat "$T/err")"
nv_pass
