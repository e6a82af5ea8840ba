#!/usr/bin/env bash
# Install the Debian 12 packages nvagent builds and tests with, when missing.
# Idempotent; runs apt-get as root or through sudo.
set -euo pipefail

build_pkgs=(build-essential autoconf automake pkg-config
	libsnmp-dev libmodbus-dev libssl-dev libesmtp-dev libconfuse-dev check libgpiod-dev)
run_pkgs=(snmpd snmp snmptrapd python3)
test_pkgs=(file debhelper lintian systemd-container smitools mbpoll nut-client nut-snmp nut-modbus python3-nut python3-aiosmtpd rsyslog
	rsyslog-openssl openssl valgrind gnuplot-nox procps iproute2 python3-pymodbus nodejs
	clang libclang-rt-14-dev faketime gpiod)

case "${1:-all}" in
build) want=("${build_pkgs[@]}") ;;
demo)  want=("${build_pkgs[@]}" "${run_pkgs[@]}") ;;
*)     want=("${build_pkgs[@]}" "${run_pkgs[@]}" "${test_pkgs[@]}") ;;
esac

# The BACnet tests' client comes from the npm registry (into the build tree);
# npm is a package of its own in Debian, but part of other nodejs builds.
if [ "${1:-all}" = all ] && ! command -v npm >/dev/null; then
	want+=(npm)
fi

missing=()
for p in "${want[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "nvagent: installing Debian packages: ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "nvagent: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
	sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts the packaged daemons; nvagent's tests run their own private
# instances and never use these, but they must not hold the ports tests use.
