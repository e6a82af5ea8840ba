#!/bin/bash
# Mail over STARTTLS with AUTH reaches a server whose certificate the
# configured CA signed; a server certificate from another CA is refused
# (the manual's "111" kind, logged) and nothing goes in clear when TLS is
# required, even to a server that offers no STARTTLS; a password file
# that others can read is refused with a clear message.
. "$NV_SRCDIR/tests/lib/common.sh"
. "$NV_SRCDIR/tests/lib/notify.sh"
nv_need_smtpd
nv_setup
NVTRAPHANDLE=$NV_BUILDDIR/nvtraphandle

nv_make_ca good
nv_make_ca other
PS=$(nv_free_port); PP=$(nv_free_port)
nv_start_smtpd tls "$PS" --cert "$T/tls-good/server.pem" --key "$T/tls-good/server.key" \
	--require-tls --auth "nvmail:s3cret-pass"
nv_start_smtpd clear "$PP"
printf 's3cret-pass\n' > "$T/pw"; chmod 600 "$T/pw"

conf() {   # conf NAME PORT CA-DIR [TLS]
	cat > "$T/$1.conf" <<CONF
mail {
  server = "localhost:$2"
  from = "ups@example.org"
  tls = ${4:-required}
  ca-file = "$T/tls-$3/ca.pem"
  user = "nvmail"
  password-file = "$T/pw"
  retries = 0
  timeout = 10
  recipient ops { address = "ops@example.org" }
}
CONF
}
trap_in() {
	printf 'ups-c\nUDP: [192.0.2.9]:161->[127.0.0.1]:162\n'
	printf '.1.3.6.1.6.3.1.1.4.1.0 .1.3.6.1.4.1.4555.1.1.7.2.0.%s\n' "$1"
}

conf good "$PS" good
trap_in 1 | "$NVTRAPHANDLE" -c "$T/good.conf" -t 20 2>"$T/good.err" || nv_fail "good TLS: $(cat "$T/good.err")"
nv_wait_for 5 "grep -q 'critical: on-battery' $T/mail-tls/*.eml" || nv_fail "no mail over STARTTLS + AUTH: $(cat "$T/good.err")"
grep -q '^X-TLS: yes' "$T/mail-tls"/*.eml || nv_fail "the mail did not come over TLS"

conf bad "$PS" other
trap_in 6 | "$NVTRAPHANDLE" -c "$T/bad.conf" -t 20 2>"$T/bad.err" && nv_fail "wrong CA: success reported"
grep -q 'not sent after 1 attempts: 111 .*not trusted\|not sent after 1 attempts: 111' "$T/bad.err" ||
	nv_fail "wrong CA: no clear refusal: $(cat "$T/bad.err")"
[ "$(nv_mail_total tls)" = 1 ] || nv_fail "wrong CA: a mail was delivered"

conf clear "$PP" good
trap_in 6 | "$NVTRAPHANDLE" -c "$T/clear.conf" -t 20 2>"$T/clear.err" && nv_fail "no STARTTLS: success reported"
grep -q 'STARTTLS' "$T/clear.err" || nv_fail "no STARTTLS: unclear: $(cat "$T/clear.err")"
[ "$(nv_mail_total clear)" = 0 ] || nv_fail "a mail went in clear although tls = required"

chmod 644 "$T/pw"
trap_in 6 | "$NVTRAPHANDLE" -c "$T/good.conf" 2>"$T/pw.err"; rc=$?
[ "$rc" = 2 ] || nv_fail "readable password file: exit $rc"
grep -q "password-file $T/pw is readable by others: refused" "$T/pw.err" || nv_fail "password file: $(cat "$T/pw.err")"
nv_pass
