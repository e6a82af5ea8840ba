#!/usr/bin/env bash
# The shipped example configurations pass `nvagentd --check-config`: the
# one-device file, with its environment section uncommented, and the file
# of several devices, with what its device sections and its redundant-feeds
# shutdown example leave commented.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup

conf="$NV_SRCDIR/conf/nvagent.conf"
out=$("$NVAGENTD" --check-config -c "$conf" 2>"$T/err") || nv_fail "exit $? on $conf: $(cat "$T/err")"
# "FILE: OK" first; the devices may be listed after it
assert_eq "check-config output" "$conf: OK" "$(head -n 1 <<<"$out")"
assert_eq "check-config stderr" "" "$(cat "$T/err")"
{ cat "$conf"; sed -n '/^#environment {/,/^#}/s/^#//p' "$conf"; } > "$T/env.conf"
grep -q '^environment {' "$T/env.conf" || nv_fail "conf/nvagent.conf has no environment example"
out=$("$NVAGENTD" --check-config -c "$T/env.conf" 2>&1) || nv_fail "environment example refused: $out"
several="$NV_SRCDIR/conf/nvagent-several-devices.conf"
out=$("$NVAGENTD" --check-config -c "$several" 2>"$T/err") || nv_fail "exit $? on $several: $(cat "$T/err")"
assert_eq "check-config output" "$several: OK" "$(head -n 1 <<<"$out")"
grep -c '^device ' "$several" | grep -qx 3 || nv_fail "$several: not three device sections"
(umask 077; head -c 32 /dev/urandom | base64 > "$T/shutdown.key")
sed -e 's/^\t#\( *\)/\t\1/' -e '/^#shutdown {/,/^#}/s/^#//' \
	-e "s|/etc/nvagent/shutdown.key|$T/shutdown.key|" "$several" > "$T/several.conf"
grep -q '^	schedule {' "$T/several.conf" || nv_fail "$several has no schedule example in a device"
grep -q '^  event on-battery .*when = all' "$T/several.conf" ||
	nv_fail "$several has no redundant-feeds shutdown example"
out=$("$NVAGENTD" --check-config -c "$T/several.conf" 2>&1) || nv_fail "device examples refused: $out"
nv_pass
