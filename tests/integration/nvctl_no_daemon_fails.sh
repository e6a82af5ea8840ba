#!/usr/bin/env bash
# nvctl without a running daemon (or with bad arguments) fails with one
# clear line on stderr: exit 1 for errors, 2 for usage mistakes.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup

# run_nvctl WANT-RC cmd-args... — sets OUT and ERR
run_nvctl() {
	local want=$1 rc; shift
	"$NVCTL" "$@" >"$T/out" 2>"$T/err"; rc=$?
	OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
	assert_eq "nvctl $*: exit status" "$want" "$rc"
}
one_line() {
	[ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] || nv_fail "$1: not one line: $ERR"
	[ -z "$OUT" ] || nv_fail "$1: unexpected stdout: $OUT"
}

run_nvctl 1 -s "$T/none.sock" status
one_line "no daemon"
assert_eq "no daemon message" \
	"nvctl: $T/none.sock: No such file or directory (is nvagentd running?)" "$ERR"

# a socket file nobody listens on (a daemon that crashed)
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$T/dead.sock"
run_nvctl 1 -s "$T/dead.sock" status
one_line "dead socket"
assert_eq "dead socket message" \
	"nvctl: $T/dead.sock: Connection refused (is nvagentd running?)" "$ERR"

# the socket path comes from the config file with -c
printf 'control-socket = "%s/from-conf.sock"\n' "$T" > "$T/nv.conf"
run_nvctl 1 -c "$T/nv.conf" status
one_line "socket from config"
case $ERR in *"$T/from-conf.sock"*) ;; *) nv_fail "config socket not used: $ERR" ;; esac

printf 'serial { slave = 0 }\n' > "$T/bad.conf"
run_nvctl 1 -c "$T/bad.conf" status
one_line "bad config"
assert_eq "bad config message" "nvctl: $T/bad.conf:1: slave: 0 is out of range 1..247" "$ERR"

run_nvctl 2
run_nvctl 2 -s "$T/x.sock" -c "$T/nv.conf" status
run_nvctl 2 -s "$T/x.sock" --json help
run_nvctl 2 --bogus status
run_nvctl 0 -h
nv_pass
