#!/usr/bin/env bash
# STARTTLS on nvagentd's NUT server with a certificate of a CA made in
# the test: a client that trusts that CA upgrades after "OK STARTTLS",
# reads, logs in and gets ALREADY-SSL-MODE for a second STARTTLS; one that
# trusts another CA refuses the server; a client that sends garbage
# instead of a handshake is dropped; NUT's upsc reads over TLS.  The files
# are checked when the config is read: both or none, a private key, a
# key that matches its certificate.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
. "$NV_SRCDIR/tests/lib/nut.sh"
nv_setup
nv_make_ca nut
nv_make_ca other
chmod 600 "$T"/tls-*/server.key
crt="$T/tls-nut/server.pem" key="$T/tls-nut/server.key"

f="$T/check.conf"
refused() {
	printf '%b' "$2" > "$f"
	"$NVAGENTD" --check-config -c "$f" >"$T/out" 2>"$T/err" && nv_fail "accepted: $2"
	case "$(cat "$T/err")" in
	"$f:1: $1"*) ;;
	*) nv_fail "for $2: $(cat "$T/err")" ;;
	esac
}
refused "nut: certificate and key go together" "nut { certificate = \"$crt\" }\n"
cp "$key" "$T/open.key"; chmod 640 "$T/open.key"
refused "nut: key $T/open.key is readable by its group or others: refused (chmod go-rwx it)" \
	"nut { certificate = \"$crt\"  key = \"$T/open.key\" }\n"
refused "nut: TLS: cannot use the key file ($crt, $T/tls-other/server.key): key values mismatch" \
	"nut { certificate = \"$crt\"  key = \"$T/tls-other/server.key\" }\n"
refused "nut: TLS: cannot use the certificate file" \
	"nut { certificate = \"$T/none.pem\"  key = \"$key\" }\n"

nut_start jbusp-three-phase "certificate = \"$crt\"" "key = \"$key\""

# tls CA-FILE LINE... — STARTTLS, then the lines over TLS; prints the answers
tls() {
	/usr/bin/python3 - "$NUT_PORT" "$@" <<'PY'
import socket, ssl, sys
port, ca, lines = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
s = socket.create_connection(("127.0.0.1", port), timeout=10)
s.sendall(b"STARTTLS\n")
print(s.recv(100).decode().strip())
ctx = ssl.create_default_context(cafile=ca)
try:
    t = ctx.wrap_socket(s, server_hostname="localhost")
except ssl.SSLError as e:
    print("handshake refused: %s" % e.reason)
    sys.exit(0)
print(t.version().startswith("TLSv1.") and "TLS" or t.version())
f = t.makefile("rb")
for l in lines:
    t.sendall((l + "\n").encode())
    print(f.readline().decode().strip())
PY
}
assert_eq "over TLS" $'OK STARTTLS\nTLS\nVAR ups device.mfr "SOCOMEC"\nOK\nOK\nOK\nERR ALREADY-SSL-MODE\nNUMLOGINS ups 1' \
	"$(tls "$T/tls-nut/ca.pem" "GET VAR ups device.mfr" "USERNAME mon" "PASSWORD mon-pw" \
		"LOGIN ups" "STARTTLS" "GET NUMLOGINS ups")"
assert_eq "another CA" $'OK STARTTLS\nhandshake refused: CERTIFICATE_VERIFY_FAILED' \
	"$(tls "$T/tls-other/ca.pem")"

# garbage where the handshake should be: dropped, nothing else disturbed
/usr/bin/python3 - "$NUT_PORT" <<'PY' || nv_fail "a bad handshake was not dropped"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(b"STARTTLS\n")
assert s.recv(100) == b"OK STARTTLS\n"
s.sendall(b"GET VAR ups device.mfr\n" * 3)
got = b""
try:
    while True:
        chunk = s.recv(1000)
        if not chunk:
            break
        got += chunk
except ConnectionResetError:    # closed with our bytes unread
    pass
sys.exit(0 if b"VAR ups" not in got else 1)
PY
# NUT's upsc (NSS) takes the offer: TLS without checking the certificate
assert_eq "upsc over TLS" "SOCOMEC" "$(upsc "$(UPS)" device.mfr 2>"$T/upsc.err")"
grep -q 'SSL handshake done successfully' "$T/upsc.err" || nv_fail "upsc did not use TLS: $(cat "$T/upsc.err")"
assert_eq "plain requests" "1.3" "$(nut_raw NETVER)"
nv_pass
