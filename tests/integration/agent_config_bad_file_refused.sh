#!/usr/bin/env bash
# A bad configuration is refused with FILE:LINE: message and exit status 1,
# by --check-config and by a daemon start (foreground or background).
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup

bad="$T/bad.conf"
cat > "$bad" <<CONF
serial {
	device = "/dev/ttyS0"
	slave = 300
}
control-socket = "$T/nv.sock"
CONF
want="$bad:3: slave: 300 is out of range 1..247"

# expect_refused WHAT cmd... — exit 1, exactly the one line on stderr
expect_refused() {
	local what=$1 rc; shift
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	assert_eq "$what: exit status" 1 "$rc"
	assert_eq "$what: stderr" "$want" "$(cat "$T/err")"
	assert_eq "$what: stdout" "" "$(cat "$T/out")"
}

expect_refused "check-config" "$NVAGENTD" --check-config -c "$bad"
expect_refused "foreground start" "$NVAGENTD" -f -c "$bad"
expect_refused "background start" "$NVAGENTD" -c "$bad" -p "$T/nv.pid"
[ -e "$T/nv.pid" ] && nv_fail "a pid file was left behind"
[ -e "$T/nv.sock" ] && nv_fail "a control socket was left behind"

# a section never closed: libconfuse alone would accept it
printf 'system { name = "x" }\n\npoll {\n\tinterval = 2\n' > "$bad"
want="$bad:3: section 'poll' is not closed (missing '}')"
expect_refused "unclosed section" "$NVAGENTD" --check-config -c "$bad"

# a section that does not exist is not ignored
printf '# a misspelt section\nmial {\n\tserver = "smtp"\n}\n' > "$bad"
want="$bad:2: unknown section 'mial'"
expect_refused "unknown section" "$NVAGENTD" --check-config -c "$bad"

want="$T/missing.conf: cannot open: No such file or directory"
expect_refused "missing file" "$NVAGENTD" --check-config -c "$T/missing.conf"

# command-line mistakes are usage errors (2)
"$NVAGENTD" --no-such-option >/dev/null 2>&1
assert_eq "bad option exit status" 2 "$?"
nv_pass
