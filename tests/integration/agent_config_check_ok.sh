#!/usr/bin/env bash
# The shipped example configuration passes `nvagentd --check-config`, and
# so does its environment section once uncommented.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup

conf="$NV_SRCDIR/conf/nvagent.conf"
out=$("$NVAGENTD" --check-config -c "$conf" 2>"$T/err") || nv_fail "exit $? on $conf: $(cat "$T/err")"
assert_eq "check-config output" "$conf: OK" "$out"
assert_eq "check-config stderr" "" "$(cat "$T/err")"
{ cat "$conf"; sed -n '/^#environment {/,/^#}/s/^#//p' "$conf"; } > "$T/env.conf"
grep -q '^environment {' "$T/env.conf" || nv_fail "conf/nvagent.conf has no environment example"
out=$("$NVAGENTD" --check-config -c "$T/env.conf" 2>&1) || nv_fail "environment example refused: $out"
nv_pass
