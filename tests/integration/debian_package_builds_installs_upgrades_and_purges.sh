#!/usr/bin/env bash
# The Debian packages as an operator gets them.  scripts/package.sh builds
# nvagent, nvshutdown and nvagent-sim from the source tree; then:
#  - contents: programs, MIBs, pages, examples, units, conffiles, modes,
#    maintainer scripts (sh -n), lintian (no error, no warning), the
#    nvagentd unit's systemd-analyze security exposure (SAFE or OK), the
#    shipped configuration files pass the programs' own checks;
#  - the packaged nvagentd serves the packaged nvsim through a private
#    snmpd, and the packaged nvctl reads it;
#  - install, reinstall (an upgrade to the same version), remove and purge
#    with dpkg in a throwaway root: a private mount namespace whose / is
#    an overlay of this machine's (writes go to a tmpfs that vanishes with
#    the namespace; this machine's /etc and /var are never written).  The
#    installed nvagentd runs there as systemd would run it (user nvagent,
#    groups nvagent and dialout) on a serial port of group dialout;
#  - the same kind of root booted with systemd (systemd-nspawn, private
#    network): dpkg starts the unit, which, confined, serves nvsim through
#    Debian's snmpd; reload is SIGHUP; no error in the journal.
# Needs dpkg-dev, debhelper, lintian and systemd-container
# (scripts/setup-deps.sh); the install steps need root (mount namespaces),
# else the test ends SKIP after the other checks.  Runs in the -Werror
# build only: the package is built from the sources, whatever this
# build's flags.
. "$NV_SRCDIR/tests/lib/common.sh"

EXPECTED_CONFFILES_nvagent="/etc/nvagent/nvagent.conf /etc/snmp/snmpd.conf.d/nvagent.conf"
EXPECTED_CONFFILES_nvshutdown="/etc/nvagent/nvshutdown.conf"

# owner_mode PATH USER:GROUP MODE — as stat sees it
owner_mode() {
	assert_eq "owner and mode of $1" "$2 $3" "$(stat -c '%U:%G %a' "$1" 2>&1)"
}

# conffiles PACKAGE — the conffiles dpkg records for an installed package
conffiles() {
	dpkg-query -W -f='${Conffiles}\n' "$1" | awk 'NF { print $1 }' | sort | xargs
}

# throwaway_root DIR — run in a private mount namespace (unshare): a tmpfs
# at DIR holds the upper layer of an overlay of / at DIR/root, so that
# every write there vanishes with the namespace.
throwaway_root() {
	mount -t tmpfs -o mode=0755 nvagent-deb "$1"
	mkdir "$1/upper" "$1/work" "$1/root"
	mount -t overlay nvagent-deb -o "lowerdir=/,upperdir=$1/upper,workdir=$1/work" "$1/root"
}

# state_sums — checksums of everything in the state directory
state_sums() {
	(cd /var/lib/nvagent && find . -type f -exec md5sum {} + | sort -k 2)
}

# ---------------------------------------------------------------------
# Inside the throwaway root (this script, run again by chroot).
# ---------------------------------------------------------------------
in_throwaway_root() {
	local debs=$1 pkgs wants=/etc/systemd/system/multi-user.target.wants
	nv_setup
	export DEBIAN_FRONTEND=noninteractive
	pkgs=("$debs"/nvagent_*.deb "$debs"/nvshutdown_*.deb "$debs"/nvagent-sim_*.deb)
	getent passwd nvagent >/dev/null && nv_fail "the throwaway root already has a user nvagent"

	dpkg -i "${pkgs[@]}" > "$T/dpkg-install.log" 2>&1 || nv_fail "dpkg -i failed"
	local uid home shell
	IFS=: read -r _ _ uid _ _ home shell < <(getent passwd nvagent) ||
		nv_fail "install: no user nvagent"
	[ "$uid" -lt 1000 ] || nv_fail "install: nvagent is not a system user (uid $uid)"
	assert_eq "nvagent's home and shell" "/var/lib/nvagent /usr/sbin/nologin" "$home $shell"
	id -Gn nvagent | tr ' ' '\n' | grep -qx dialout || nv_fail "install: nvagent is not in group dialout"
	owner_mode /var/lib/nvagent nvagent:nvagent 750
	owner_mode /etc/nvagent root:nvagent 750
	owner_mode /etc/nvagent/nvagent.conf root:nvagent 640
	assert_eq "conffiles of nvagent" "$EXPECTED_CONFFILES_nvagent" "$(conffiles nvagent)"
	assert_eq "conffiles of nvshutdown" "$EXPECTED_CONFFILES_nvshutdown" "$(conffiles nvshutdown)"
	[ -L "$wants/nvagentd.service" ] || nv_fail "install: nvagentd.service is not enabled"
	[ -L "$wants/nvshutdown.service" ] || nv_fail "install: nvshutdown.service is not enabled"

	# The administrator points the installed configuration at the UPS
	# (here nvsim's pty, given to group dialout as a real serial port is)
	# and nvagentd runs as its unit runs it: user nvagent, groups nvagent
	# and dialout, /run/nvagent made as RuntimeDirectory= makes it.
	NVSIM=/usr/bin/nvsim
	nv_start_nvsim jbusp-three-phase
	local tty
	tty=$(readlink -f "$NVSIM_PTY")
	chgrp dialout "$tty" && chmod 0660 "$tty" || nv_fail "cannot give $tty to group dialout"
	sed -i -e "s|\"/dev/ttyS0\"|\"$tty\"|" /etc/nvagent/nvagent.conf
	grep -q "\"$tty\"" /etc/nvagent/nvagent.conf || nv_fail "could not edit nvagent.conf"
	install -d -o nvagent -g nvagent -m 0750 /run/nvagent
	local unit=/lib/systemd/system/nvagentd.service
	unset SNMP_PERSISTENT_DIR
	export $(sed -n 's/^Environment=//p' "$unit")
	nv_bg "$T/nvagentd.log" setpriv --reuid=nvagent --regid=nvagent --init-groups \
		--inh-caps=-all /usr/sbin/nvagentd -f -Lo -c /etc/nvagent/nvagent.conf
	NVAGENTD_PID=$NV_LAST_PID
	NV_CHECKED[$NVAGENTD_PID]="$T/nvagentd.log"
	nv_wait_for 30 "nvctl status | grep -q '^Communication: *ok'" ||
		nv_fail "the installed nvagentd, as user nvagent, does not read the UPS"
	nv_wait_for 30 "[ -s /var/lib/nvagent/history.ring ]" || nv_fail "no history log in /var/lib/nvagent"
	assert_eq "owner of the history log" nvagent "$(stat -c %U /var/lib/nvagent/history.ring)"
	echo '# receivers set over SNMP' > "$T/receivers"
	install -o nvagent -g nvagent -m 0640 "$T/receivers" /var/lib/nvagent/trap-receivers.conf
	nv_term_wait "$NVAGENTD_PID" || nv_fail "nvagentd did not stop cleanly"
	! grep ': error:' "$T/nvagentd.log" || nv_fail "nvagentd, as user nvagent, logged errors"
	unset "NV_CHECKED[$NVAGENTD_PID]"
	local before edited
	before=$(state_sums)
	edited=$(md5sum < /etc/nvagent/nvagent.conf)

	# Upgrade (the same version again): the edited conffile, the logs and
	# the settings stay; no question asked (stdin is closed).
	dpkg -i "${pkgs[@]}" < /dev/null > "$T/dpkg-upgrade.log" 2>&1 || nv_fail "upgrade: dpkg -i failed"
	assert_eq "upgrade: edited nvagent.conf kept" "$edited" "$(md5sum < /etc/nvagent/nvagent.conf)"
	assert_eq "upgrade: state directory kept" "$before" "$(state_sums)"
	owner_mode /var/lib/nvagent nvagent:nvagent 750
	owner_mode /etc/nvagent/nvagent.conf root:nvagent 640

	# Remove: the programs go, the configuration and the state stay.
	dpkg -r nvagent nvshutdown nvagent-sim > "$T/dpkg-remove.log" 2>&1 || nv_fail "dpkg -r failed"
	[ ! -e /usr/sbin/nvagentd ] && [ ! -e /usr/sbin/nvshutdown ] && [ ! -e /usr/bin/nvsim ] ||
		nv_fail "remove: programs left"
	assert_eq "remove: edited nvagent.conf kept" "$edited" "$(md5sum < /etc/nvagent/nvagent.conf)"
	assert_eq "remove: state directory kept" "$before" "$(state_sums)"

	# Purge: configuration and state gone; the user stays (files copied
	# elsewhere may carry its id).
	dpkg -P nvagent nvshutdown nvagent-sim > "$T/dpkg-purge.log" 2>&1 || nv_fail "dpkg -P failed"
	local p
	for p in /etc/nvagent /var/lib/nvagent /etc/snmp/snmpd.conf.d/nvagent.conf \
		"$wants/nvagentd.service" "$wants/nvshutdown.service"; do
		[ ! -e "$p" ] && [ ! -L "$p" ] || nv_fail "purge: $p left"
	done
	local status
	status=$(dpkg-query -W -f='${db:Status-Status}' nvagent 2>/dev/null || true)
	[ -z "$status" ] || [ "$status" = not-installed ] || nv_fail "purge: nvagent is $status"
	getent passwd nvagent >/dev/null || nv_fail "purge removed the user nvagent"
	nv_log "install, upgrade, remove and purge checked in the throwaway root"
	exit 0
}

# ---------------------------------------------------------------------
# Inside the throwaway root booted with systemd (systemd-nspawn), run by
# nsenter: the maintainer scripts start the units as on a real host.
# ---------------------------------------------------------------------
in_booted_root() {
	local debs=$1
	nv_setup
	export DEBIAN_FRONTEND=noninteractive
	# A container image's policy-rc.d forbids starting services.
	rm -f /usr/sbin/policy-rc.d
	systemctl is-active -q snmpd || nv_skip "the booted root has no running snmpd (Debian package snmpd)"
	dpkg -i "$debs"/nvagent_*.deb "$debs"/nvshutdown_*.deb "$debs"/nvagent-sim_*.deb \
		> "$T/dpkg-install.log" 2>&1 || nv_fail "dpkg -i failed"
	nv_wait_for 20 "systemctl is-active -q nvagentd" || nv_fail "dpkg -i did not start nvagentd"
	systemctl is-enabled -q nvshutdown || nv_fail "nvshutdown.service is not enabled"
	assert_eq "nvshutdown.service without a key" "ConditionResult=no" \
		"$(systemctl show -p ConditionResult nvshutdown)"

	# The UPS: nvsim as a unit, its pty in group dialout as a serial port
	# is; the unit lets nvagentd open serial ports only, so a drop-in adds
	# ptys.  Then the agent, confined by its unit, serves it through
	# Debian's snmpd and its local read-only community.
	systemd-run -q --unit nvsim -p RuntimeDirectory=nvsim /usr/bin/nvsim \
		--profile jbusp-three-phase --pty /run/nvsim/tty --control /run/nvsim/ctl ||
		nv_fail "cannot start nvsim"
	nv_wait_for 10 "[ -e /run/nvsim/tty ]" || nv_fail "nvsim did not start"
	local tty
	tty=$(readlink -f /run/nvsim/tty)
	chgrp dialout "$tty" && chmod 0660 "$tty" || nv_fail "cannot give $tty to group dialout"
	sed -i "s|\"/dev/ttyS0\"|\"$tty\"|" /etc/nvagent/nvagent.conf
	mkdir -p /etc/systemd/system/nvagentd.service.d
	printf '[Service]\nDeviceAllow=char-pts rw\n' > /etc/systemd/system/nvagentd.service.d/pty.conf
	systemctl daemon-reload && systemctl restart nvagentd || nv_fail "cannot restart nvagentd"
	nv_wait_for 30 "nvctl status | grep -q '^Communication: *ok'" ||
		nv_fail "nvagentd under its unit does not read the UPS: $(journalctl -u nvagentd -q --no-pager | tail -n 5)"
	nv_wait_for 30 "snmpget -v2c -c public -Oqv -t 1 -r 0 localhost $SOCOMEC.1.2.4.0 | grep -qx 100" ||
		nv_fail "Debian's snmpd does not serve the UPS: $(snmpget -v2c -c public -t 1 -r 0 localhost $SOCOMEC.1.2.4.0 2>&1; ls -ld /var/agentx /var/agentx/master)"
	systemctl reload nvagentd || nv_fail "systemctl reload nvagentd failed"
	nv_wait_for 10 "journalctl -u nvagentd -q --no-pager | grep -q 'configuration reloaded'" ||
		nv_fail "no reload (SIGHUP) in the journal"
	assert_eq "nvagentd's errors in the journal" "" "$(journalctl -u nvagentd -p err -q --no-pager)"
	nv_log "under systemd: started by dpkg, confined, serves the UPS through snmpd, reloads"
	exit 0
}

case "${1:-}" in
--in-throwaway-root) in_throwaway_root "$2" ;;
--in-booted-root) in_booted_root "$2" ;;
esac

# ---------------------------------------------------------------------
# Build and check the packages.
# ---------------------------------------------------------------------
nv_setup
grep -q '^NV_CFLAGS = .*-fsanitize=' "$NV_BUILDDIR/Makefile" &&
	nv_skip "the package is built from the sources: checked in the -Werror build"
for tool in dpkg-buildpackage dh lintian systemd-analyze; do
	command -v "$tool" >/dev/null ||
		nv_skip "$tool not installed (scripts/setup-deps.sh installs dpkg-dev, debhelper, lintian, systemd)"
done

version=$(dpkg-parsechangelog -l "$NV_SRCDIR/debian/changelog" -S Version)
ac_version=$(sed -n 's/^AC_INIT(\[nvagent\], \[\([^]]*\)\].*/\1/p' "$NV_SRCDIR/configure.ac")
assert_eq "debian/changelog's version (configure.ac's AC_INIT)" "$ac_version" "$version"

mkdir "$T/debs"
# as dpkg-buildpackage runs by default: the unit tests too
DEB_BUILD_OPTIONS="parallel=2" "$NV_SRCDIR/scripts/package.sh" -o "$T/debs" \
	> "$T/package.log" 2>&1 || nv_fail "scripts/package.sh failed"
declare -A DEB
for p in nvagent nvshutdown nvagent-sim; do
	DEB[$p]=$(ls "$T/debs/${p}_${version}_"*.deb 2>/dev/null) && [ -f "${DEB[$p]}" ] ||
		nv_fail "no package $p"
done

# Contents: "MODE OWNER/GROUP PATH" lines of each package.
for p in "${!DEB[@]}"; do
	dpkg-deb -c "${DEB[$p]}" | awk '{ print $1, $2, substr($6, 2) }' > "$T/$p.list"
done
# expect PACKAGE MODE PATH...
expect() {
	local p=$1 mode=$2 f; shift 2
	for f in "$@"; do
		grep -qxF -- "$mode root/root $f" "$T/$p.list" ||
			nv_fail "$p: no $f with mode $mode, owner root ($(grep -F -- "$f" "$T/$p.list"))"
	done
}
# refuse PACKAGE PATTERN — no path of the package matches
refuse() {
	! grep -E -- "$2" "$T/$1.list" || nv_fail "$1 holds what it must not: $2"
}
expect nvagent -rwxr-xr-x /usr/sbin/nvagentd /usr/sbin/nvtraphandle /usr/bin/nvctl
expect nvagent -rw-r--r-- /usr/share/snmp/mibs/SOCOMECUPS-MIB.txt \
	/usr/share/snmp/mibs/SOCOMECUPS5-MIB.txt /usr/share/snmp/mibs/SOCOMECUPSSTS-MIB.txt \
	/usr/share/man/man8/nvagentd.8.gz /usr/share/man/man5/nvagent.conf.5.gz \
	/usr/share/man/man8/nvctl.8.gz /usr/share/man/man8/nvtraphandle.8.gz \
	/usr/share/doc/nvagent/examples/nvagent.conf \
	/usr/share/doc/nvagent/examples/nvagent-several-devices.conf \
	/usr/share/doc/nvagent/examples/snmpd.conf \
	/usr/share/doc/nvagent/examples/snmptrapd.conf /usr/share/doc/nvagent/examples/upsmon.conf \
	/usr/share/doc/nvagent/copyright /lib/systemd/system/nvagentd.service \
	/etc/nvagent/nvagent.conf /etc/snmp/snmpd.conf.d/nvagent.conf
refuse nvagent 'nvsim|nvshutdown|/var/'
expect nvshutdown -rwxr-xr-x /usr/sbin/nvshutdown
expect nvshutdown -rw-r--r-- /usr/share/man/man8/nvshutdown.8.gz \
	/usr/share/doc/nvshutdown/examples/nvshutdown.conf /lib/systemd/system/nvshutdown.service \
	/etc/nvagent/nvshutdown.conf
refuse nvshutdown 'nvagentd|nvctl|nvsim|snmp'
expect nvagent-sim -rwxr-xr-x /usr/bin/nvsim
expect nvagent-sim -rw-r--r-- /usr/share/man/man1/nvsim.1.gz
refuse nvagent-sim 'nvagentd|nvshutdown|/etc/'

# Control data: conffiles, maintainer scripts, dependencies.
for p in "${!DEB[@]}"; do
	mkdir "$T/$p.control"
	dpkg-deb -e "${DEB[$p]}" "$T/$p.control"
	for s in preinst postinst prerm postrm; do
		[ -f "$T/$p.control/$s" ] || continue
		sh -n "$T/$p.control/$s" || nv_fail "$p: $s is not valid sh"
	done
done
for p in nvagent nvshutdown; do
	want=EXPECTED_CONFFILES_${p}
	assert_eq "conffiles of $p" "${!want}" "$(sort "$T/$p.control/conffiles" | xargs)"
done
[ ! -f "$T/nvagent-sim.control/conffiles" ] || nv_fail "nvagent-sim has conffiles"
depends=$(dpkg-deb -f "${DEB[nvagent]}" Depends)
for lib in adduser libsnmp libmodbus libesmtp libconfuse libssl; do
	grep -q "$lib" <<<"$depends" || nv_fail "nvagent does not depend on $lib: $depends"
done

lintian --fail-on error,warning "${DEB[@]}" > "$T/lintian.log" 2>&1 ||
	nv_fail "lintian: $(grep '^[EW]:' "$T/lintian.log")"

# Unpacked, the files as installed.
root="$T/root"
for p in "${!DEB[@]}"; do dpkg-deb -x "${DEB[$p]}" "$root"; done
# (systemd-analyze marks /run/systemd: root gives it a private /run)
analyze=(systemd-analyze security --offline=true --no-pager "$root/lib/systemd/system/nvagentd.service")
if [ "$(id -u)" -eq 0 ]; then
	security=$(unshare --mount -- sh -c 'mount -t tmpfs run /run && exec "$@"' sh "${analyze[@]}" 2>&1)
else
	security=$("${analyze[@]}" 2>&1)
fi
security=$(sed -n 's/.*Overall exposure level for [^:]*: //p' <<<"$security")
nv_log "systemd-analyze security nvagentd.service: $security"
[[ "$security" =~ ^[0-9.]+\ (SAFE|OK) ]] || nv_fail "nvagentd.service exposure: '$security', want SAFE or OK"
"$root/usr/sbin/nvagentd" --check-config -c "$root/etc/nvagent/nvagent.conf" > "$T/check-config.log" 2>&1 ||
	nv_fail "the shipped nvagent.conf is refused: $(cat "$T/check-config.log")"
( umask 077; head -c 32 /dev/urandom | base64 > "$T/shutdown.key" )
# (its example agent's name is not resolved here: loopback instead)
sed -e "s|\"/etc/nvagent/shutdown.key\"|\"$T/shutdown.key\"|" \
	-e 's|"nvagent.example.org:4200"|"127.0.0.1:4200"|' \
	"$root/etc/nvagent/nvshutdown.conf" > "$T/nvshutdown.conf"
"$root/usr/sbin/nvshutdown" -t -c "$T/nvshutdown.conf" > "$T/nvshutdown-check.log" 2>&1 ||
	nv_fail "the shipped nvshutdown.conf is refused: $(cat "$T/nvshutdown-check.log")"

# The packaged programs at work: nvagentd serves nvsim through snmpd.
NVSIM="$root/usr/bin/nvsim" NVAGENTD="$root/usr/sbin/nvagentd" NVCTL="$root/usr/bin/nvctl"
nv_start_stack jbusp-three-phase
"$NVCTL" -s "$T/nvagent.sock" status > "$T/nvctl-status.log" 2>&1 ||
	nv_fail "the packaged nvctl: $(cat "$T/nvctl-status.log")"
grep -q '^Communication: *ok' "$T/nvctl-status.log" || nv_fail "nvctl status: $(cat "$T/nvctl-status.log")"
# (they are stopped, and their exit status checked, at the end)

# ---------------------------------------------------------------------
# Install, upgrade, remove, purge in a throwaway root.
# ---------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] ||
	nv_skip "packages built and checked; the install cycle needs root (a mount namespace with an overlay root)"
# a container may refuse mount namespaces or an overlay over its own root
mkdir "$T/ovl-probe"
unshare --mount --propagation private -- bash -euc "$(declare -f throwaway_root)"'
	throwaway_root "$1"' probe "$T/ovl-probe" > "$T/ovl-probe.log" 2>&1 ||
	nv_skip "packages built and checked; this machine refuses a throwaway root (mount namespace + overlay over /): $(head -n 1 "$T/ovl-probe.log")"
ovl="$T/ovl"
mkdir "$ovl"
unshare --mount --propagation private -- bash -euc "$(declare -f throwaway_root)"'
	ovl=$1; shift
	throwaway_root "$ovl"
	mount --rbind /dev "$ovl/root/dev"
	mount -t proc proc "$ovl/root/proc"
	mount -t tmpfs -o mode=0755 run "$ovl/root/run"
	exec chroot "$ovl/root" "$@"
' nvagent-deb "$ovl" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin TMPDIR=/tmp \
	NV_SRCDIR="$NV_SRCDIR" NV_BUILDDIR="$NV_BUILDDIR" \
	bash "$NV_SRCDIR/tests/integration/$(basename "$0")" --in-throwaway-root "$T/debs" \
	> "$T/throwaway-root.log" 2>&1; rc=$?
cat "$T/throwaway-root.log" >&2
[ "$rc" -eq 0 ] ||
	nv_fail "install cycle: $(grep -m1 -o 'FAIL: .*' "$T/throwaway-root.log" || echo "exit status $rc")"

# ---------------------------------------------------------------------
# The same root booted with systemd: the units as dpkg starts them.
# ---------------------------------------------------------------------
command -v systemd-nspawn >/dev/null ||
	nv_skip "packages checked and installed; booting systemd needs systemd-nspawn (Debian package systemd-container)"
ovl="$T/ovl-boot"
mkdir "$ovl"
unshare --mount --propagation private -- bash -euc "$(declare -f throwaway_root)"'
	ovl=$1 debs=$2 log=$3; shift 3
	throwaway_root "$ovl"
	# nspawn keeps its own state in /run: this namespace gets its own.
	mount -t tmpfs -o mode=0755 run /run
	# nspawn mounts a fresh /tmp in the container: the packages go to /debs.
	mkdir "$ovl/root/debs"
	cp "$debs"/*.deb "$ovl/root/debs/"
	systemd-nspawn -q -D "$ovl/root" --private-network --register=no --keep-unit \
		-b --console=passive --machine=nvagent-deb > "$log" 2>&1 &
	nspawn=$!
	init=
	for _ in $(seq 600); do
		init=$(pgrep -P "$nspawn" -x systemd) && break
		kill -0 "$nspawn" 2>/dev/null || break
		sleep 0.1
	done
	# up: "running", or "degraded" when a unit of the image fails there
	state=
	for _ in $(seq 1200); do
		[ -n "$init" ] || break
		state=$(nsenter -t "$init" -a systemctl is-system-running 2>/dev/null || true)
		case $state in running|degraded) break ;; esac
		sleep 0.1
	done
	rc=1
	case $state in
	running|degraded) nsenter -t "$init" -a "$@" /debs && rc=0 || rc=$? ;;
	*) echo "SKIP: systemd did not come up in the container here (${state:-no init}; see $log)"
	   rc=77 ;;
	esac
	kill -TERM "$nspawn" 2>/dev/null || true
	for _ in $(seq 300); do kill -0 "$nspawn" 2>/dev/null || break; sleep 0.1; done
	kill -KILL "$nspawn" 2>/dev/null || true
	exit "$rc"
' nvagent-deb "$ovl" "$T/debs" "$T/nspawn-console.log" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	TMPDIR=/tmp NV_SRCDIR="$NV_SRCDIR" NV_BUILDDIR="$NV_BUILDDIR" \
	bash "$NV_SRCDIR/tests/integration/$(basename "$0")" --in-booted-root \
	> "$T/booted-root.log" 2>&1; rc=$?
cat "$T/booted-root.log" >&2
[ "$rc" -ne 77 ] || nv_skip "$(grep -m1 -o 'SKIP: .*' "$T/booted-root.log")"
[ "$rc" -eq 0 ] ||
	nv_fail "under systemd: $(grep -m1 -o 'FAIL: .*' "$T/booted-root.log" || echo "exit status $rc")"
nv_pass
