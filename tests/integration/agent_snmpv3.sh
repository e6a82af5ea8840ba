#!/usr/bin/env bash
# SNMPv3 authPriv (SHA / AES) GET of the SOCOMEC tree through the master,
# and a wrong passphrase is refused.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
nv_start_stack vumap-single

v3() { snmpget -v3 -l authPriv -u nvtest -a SHA -A "$1" -x AES -X nvtest-priv-pass \
	-Oqv -t 1 -r 0 "127.0.0.1:$SNMPD_PORT" "$SOCOMEC.1.2.4.0"; }
got=$(v3 nvtest-auth-pass) || nv_fail "v3 GET failed: $got"
want=$(nv_get $SOCOMEC.1.2.4.0)
assert_eq "v3 battery charge" "$want" "$got"
v3 wrong-passphrase >/dev/null 2>&1 && nv_fail "wrong v3 passphrase accepted"
nv_pass
