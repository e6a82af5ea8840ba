#!/usr/bin/env bash
# Build the Debian packages nvagent, nvshutdown and nvagent-sim from this
# checkout and copy the .deb files to DIR (default: the current directory).
# dpkg-buildpackage -b runs on a copy of the tree, so that the checkout
# and its build/ stay as they are.  DEB_BUILD_OPTIONS passes through
# (nocheck skips the unit tests, parallel=N).
# Usage: scripts/package.sh [-o DIR]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
out=$PWD
while getopts o: opt; do
	case $opt in
	o) out=$OPTARG ;;
	*) echo "usage: $0 [-o DIR]" >&2; exit 2 ;;
	esac
done
mkdir -p "$out"
out=$(cd "$out" && pwd)

for tool in dpkg-buildpackage dh; do
	command -v "$tool" >/dev/null || {
		echo "package.sh: $tool not found: install the Debian packages dpkg-dev and debhelper" >&2
		exit 1
	}
done

work=$(mktemp -d "${TMPDIR:-/tmp}/nvagent-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
tree="$work/nvagent-$version"
mkdir "$tree"

# The files of the source: git's list in a checkout (tracked and new, not
# ignored); everything but the build trees in a release tarball.
if [ "$(git -C "$src" rev-parse --show-toplevel 2>/dev/null)" = "$src" ]; then
	(cd "$src" && git ls-files -z --cached --others --exclude-standard |
		tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$tree"
else
	tar -C "$src" --exclude=./build --exclude='./build-*' --exclude=./_build \
		--exclude=./_inst --exclude=./autom4te.cache -cf - . | tar -xf - -C "$tree"
fi

# (a release tree may be read-only, as make distcheck leaves it)
chmod -R u+w "$tree"

# A calling make's flags (make check's TEST_LOGS ...) would override the
# package build's own.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
if ! (cd "$tree" && dpkg-buildpackage -b -us -uc) > "$work/build.log" 2>&1; then
	tail -n 80 "$work/build.log" >&2
	echo "package.sh: dpkg-buildpackage failed" >&2
	exit 1
fi
cp "$work"/*.deb "$out"/
(cd "$out" && ls -1 ./*_"$version"_*.deb)
