#!/usr/bin/env bash
# A bad configuration is refused with FILE:LINE: message and exit status 1,
# by --check-config and by a daemon start (foreground or background); the
# line is the real one after comments, one line per error, in a file of
# several devices too; a control socket path that names a regular file is
# refused, not deleted.
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

# the line reported is the real one, comment lines (# and //) or not
printf '# one\n# two\n// three\n/* four\n   five */\nserial {\n\t# six\n\tslave = 0\n}\n' > "$bad"
want="$bad:8: slave: 0 is out of range 1..247"
expect_refused "error after comments" "$NVAGENTD" --check-config -c "$bad"
cp "$NV_SRCDIR/conf/nvagent.conf" "$bad"
line=$(grep -n '^[[:space:]]*slave[[:space:]]*=' "$bad" | head -1 | cut -d: -f1)
[ -n "$line" ] || nv_fail "conf/nvagent.conf has no slave line"
sed -i "${line}s/slave[[:space:]]*=[[:space:]]*[0-9]*/slave = 0/" "$bad"
want="$bad:$line: slave: 0 is out of range 1..247"
expect_refused "error in the example config" "$NVAGENTD" --check-config -c "$bad"

# a string left open is reported, as one line, where it opens
printf 'system {\n\tname = "ups1\n\tcontact = "x"\n}\n' > "$bad"
want="$bad:2: string not closed on this line (missing \")"
expect_refused "unclosed string" "$NVAGENTD" --check-config -c "$bad"
printf '# a comment with a "quote\nstate-dir = "/tmp\n' > "$bad"
want="$bad:2: string not closed on this line (missing \")"
expect_refused "unclosed string at the end" "$NVAGENTD" --check-config -c "$bad"

# the example of several devices with a mistake: refused at its line
several="$NV_SRCDIR/conf/nvagent-several-devices.conf"
{ cat "$several"; printf 'data-unit = 1\n'; } > "$bad"
want="$bad:$(( $(wc -l < "$several") + 1 )): data-unit: a file with device sections has no \
top-level data-unit: move it into a device section"
expect_refused "device key at the top level" "$NVAGENTD" --check-config -c "$bad"
sed 's|"/dev/ttyUSB1"|"/dev/ttyUSB0"|' "$several" > "$bad"
line=$(grep -n '^device ups-b' "$bad" | cut -d: -f1)
[ -n "$line" ] || nv_fail "conf/nvagent-several-devices.conf has no device ups-b"
want="$bad:$line: device ups-b: serial: /dev/ttyUSB0 is device ups-a's line (each device has a line of its own)"
expect_refused "two devices on one line" "$NVAGENTD" -f -c "$bad"

# a control-socket path naming a regular file: refused, the file kept
good="$T/good.conf"
printf 'serial { device = "/dev/null" }\ncontrol-socket = "%s"\nstate-dir = "%s"\n' \
	"$T/precious" "$T/state" > "$good"
echo "do not delete" > "$T/precious"
"$NVAGENTD" -f -Lo -c "$good" >"$T/out" 2>"$T/err"
assert_eq "control socket on a file: exit status" 1 "$?"
grep -q "precious: .*not a socket" "$T/err" || nv_fail "control socket on a file: $(cat "$T/err")"
assert_eq "control socket on a file: file kept" "do not delete" "$(cat "$T/precious")"

want="$T/missing.conf: cannot open: No such file or directory"
expect_refused "missing file" "$NVAGENTD" --check-config -c "$T/missing.conf"

# command-line mistakes are usage errors (2)
"$NVAGENTD" --no-such-option >/dev/null 2>&1
assert_eq "bad option exit status" 2 "$?"
nv_pass
