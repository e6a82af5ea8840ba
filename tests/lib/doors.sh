# tests/lib/doors.sh — helpers for the doors_* tests (RFC 1628 UPS-MIB,
# STS MIB, Net Vision 5/6 branch); source after common.sh.
UPSMIB=.1.3.6.1.2.1.33.1
NV5=.1.3.6.1.4.1.4555.1.1.1.1
STSMIB=.1.3.6.1.4.1.4555.1.1.10.1

# doors_need_registration OID — fail clearly when nvagentd does not serve a door at all
doors_need_registration() {
	local what=$1 oid=$2
	nv_wait_for 10 "nv_get $oid | grep -qv 'No Such'" ||
		nv_fail "$what is not served ($oid: $(nv_get "$oid")): is its tree registered in nv_mib_register_all() (mib_register.c)?"
}

# doors_round10 N — whole units from tenths, nearest (for V from 0.1 V)
doors_round10() {
	local n=$1
	if [ "$n" -ge 0 ]; then echo $(( (n + 5) / 10 )); else echo $(( -((-n + 5) / 10) )); fi
}

# doors_same "LEFT-OID RIGHT-OID [round]" ... — each pair reads the same
# value (right side converted from tenths with "round"); prints mismatches.
doors_same() {
	local line l r how a b bad=""
	for line in "$@"; do
		read -r l r how <<<"$line"
		a=$(nv_get "$l"); b=$(nv_get "$r")
		[ "${how:-}" = round ] && b=$(doors_round10 "$b")
		[ "$a" = "$b" ] || bad="$bad $l=$a/$r=$b"
	done
	[ -z "$bad" ] || { echo "$bad"; return 1; }
}

# doors_is_nosuch OID — the agent answers noSuchObject / noSuchInstance
doors_is_nosuch() {
	nv_get "$1" 2>&1 | grep -q 'No Such'
}
