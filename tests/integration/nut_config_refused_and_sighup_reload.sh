#!/usr/bin/env bash
# The nut section: bad values and password files its group or others can
# read are refused with FILE:LINE by --check-config (and at SIGHUP, where
# the old settings stay); a good section with IPv4 and IPv6 addresses
# passes.  A SIGHUP moves the listen address, takes new users and
# passwords, and a section removed stops the server.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
. "$NV_SRCDIR/tests/lib/nut.sh"
nv_setup
f="$T/nut.conf"
printf 'pw\n' > "$T/ok.pw"; chmod 600 "$T/ok.pw"
printf 'pw\n' > "$T/group.pw"; chmod 640 "$T/group.pw"
printf 'pw\n' > "$T/other.pw"; chmod 604 "$T/other.pw"

# refused LINE MESSAGE CONFIG-TEXT
refused() {
	printf '%b' "$3" > "$f"
	"$NVAGENTD" --check-config -c "$f" >"$T/out" 2>"$T/err" && nv_fail "accepted: $3"
	assert_eq "stderr for: $3" "$f:$1: $2" "$(cat "$T/err")"
}
refused 2 "nut: listen: '127.0.0.1' is not ADDRESS:PORT" \
	'nut {\n listen = "127.0.0.1"\n}\n'
refused 1 "nut: listen: at most 4 addresses" \
	'nut { listen = { "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3", "127.0.0.1:4", "127.0.0.1:5" } }\n'
refused 1 "nut: max-connections 0 is out of range 1..512" 'nut { max-connections = 0 }\n'
refused 1 "nut: allow: 'nas.example.org': not an IPv4 or IPv6 address" \
	'nut { allow = { "nas.example.org" } }\n'
refused 1 "nut: ups-name: 'my ups' is not 1..31 letters, digits, '.', '_' or '-'" \
	'nut { ups-name = "my ups" }\n'
refused 3 "nut: user: upsmon 'boss' is not primary or secondary" \
	"nut {\n user mon {\n  upsmon = boss\n  password-file = \"$T/ok.pw\" }\n}\n"
refused 2 "nut: user: action 'DELETE' is not SET or FSD" \
	"nut { user mon {\n actions = { SET, DELETE } password-file = \"$T/ok.pw\" } }\n"
refused 1 "nut: user: instcmd 'load.off' is not ALL or a command nvagentd serves (see nvagent.conf(5))" \
	"nut { user mon { instcmds = { load.off } password-file = \"$T/ok.pw\" } }\n"
refused 2 "nut: user mon: password-file is required" \
	'nut {\n user mon { upsmon = secondary }\n}\n'
refused 2 "nut: user mon: password-file $T/none.pw: No such file or directory" \
	"nut {\n user mon { password-file = \"$T/none.pw\" }\n}\n"
refused 2 "nut: user mon: password-file $T/group.pw is readable by its group or others: refused (chmod go-rwx it)" \
	"nut {\n user mon { password-file = \"$T/group.pw\" }\n}\n"
refused 3 "nut: user b: password-file $T/other.pw is readable by its group or others: refused (chmod go-rwx it)" \
	"nut {\n user a { password-file = \"$T/ok.pw\" }\n user b { password-file = \"$T/other.pw\" }\n}\n"
printf 'nut {\n listen = { "127.0.0.1:3493", "[::1]:3493" }\n allow = { "127.0.0.0/8", "::1" }\n max-connections = 300\n idle-timeout = 2m\n ups-name = "room-1"\n description = "Room 1 UPS"\n user mon { password-file = "%s"  upsmon = secondary }\n user admin { password-file = "%s"  actions = { SET, FSD }  instcmds = { ALL } }\n}\n' "$T/ok.pw" "$T/ok.pw" > "$f"
"$NVAGENTD" --check-config -c "$f" >/dev/null 2>"$T/err" || nv_fail "a good section refused: $(cat "$T/err")"
# the commented example of conf/nvagent.conf, with its files made here
nv_make_ca nut
chmod 600 "$T/tls-nut/server.key"
sed -n '/^#nut {/,/^#}/p' "$NV_SRCDIR/conf/nvagent.conf" | sed -e 's/^#//' \
	-e "s|/etc/nvagent/nut-[a-z]*\.pw|$T/ok.pw|" -e "s|/etc/nvagent/nut.pem|$T/tls-nut/server.pem|" \
	-e "s|/etc/nvagent/nut.key|$T/tls-nut/server.key|" > "$f"
grep -q 'user monuser' "$f" || nv_fail "no nut example in conf/nvagent.conf"
"$NVAGENTD" --check-config -c "$f" >/dev/null 2>"$T/err" || nv_fail "the example refused: $(cat "$T/err")"

# the daemon: on 127.0.0.1 and ::1
A=$(nv_free_port)
nv_start_stack jbusp-three-phase "nut { listen = { \"127.0.0.1:$A\", \"[::1]:$A\" }
  user mon { password-file = \"$T/ok.pw\"  upsmon = secondary } }"
NUT_PORT=$A
nv_wait_for 20 "[ \"\$(nut_raw 'GET VAR ups device.mfr')\" = 'VAR ups device.mfr \"SOCOMEC\"' ]" ||
	nv_fail "not served on 127.0.0.1:$A"
v6=$(/usr/bin/python3 - "$A" <<'PY'
import socket, sys
s = socket.create_connection(("::1", int(sys.argv[1])), timeout=5)
s.sendall(b"GET VAR ups device.mfr\n")
print(s.recv(200).decode().strip())
PY
)
assert_eq "served on [::1]" 'VAR ups device.mfr "SOCOMEC"' "$v6"
login() { nut_raw "USERNAME $1" "PASSWORD $2" "LOGIN ups" | tail -1; }
assert_eq "mon logs in" "OK" "$(login mon pw)"

# SIGHUP: a new port, a new password, a new user
B=$(nv_free_port)
printf 'new-pw\n' > "$T/ok.pw"
printf 'boss-pw\n' > "$T/boss.pw"; chmod 600 "$T/boss.pw"
nv_write_conf "nut { listen = \"127.0.0.1:$B\"
  user mon { password-file = \"$T/ok.pw\"  upsmon = secondary }
  user boss { password-file = \"$T/boss.pw\"  upsmon = primary } }" > "$T/nvagent.conf"
kill -HUP "$NVAGENTD_PID"
NUT_PORT=$B
nv_wait_for 10 '[ "$(login boss boss-pw)" = OK ]' || nv_fail "after SIGHUP: boss on port $B: $(login boss boss-pw)"
assert_eq "the old password" "ERR ACCESS-DENIED" "$(login mon pw)"
assert_eq "the new password" "OK" "$(login mon new-pw)"
NUT_PORT=$A
nv_wait_for 10 '[ -z "$(nut_raw NETVER 2>/dev/null)" ]' || nv_fail "the old port $A still served"

# a refused file at SIGHUP: logged, the old settings stay
chmod 640 "$T/boss.pw"
kill -HUP "$NVAGENTD_PID"
nv_wait_for 10 "grep -q 'boss.pw is readable by its group or others' '$T/nvagentd.log'" ||
	nv_fail "the refused password file is not logged"
NUT_PORT=$B
assert_eq "boss after a refused reload" "OK" "$(login boss boss-pw)"

# the section removed: the server stops
nv_write_conf > "$T/nvagent.conf"
kill -HUP "$NVAGENTD_PID"
nv_wait_for 10 '[ -z "$(nut_raw NETVER 2>/dev/null)" ]' || nv_fail "served without its section"
nv_get "$SOCOMEC.1.1.1.0" >/dev/null || nv_fail "SNMP stops answering after the reloads"
nv_pass
