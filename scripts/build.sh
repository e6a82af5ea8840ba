#!/usr/bin/env bash
# Configure and build nvagent in DIR (default: build/) from this checkout.
# Usage: scripts/build.sh [DIR] [configure options...]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$src/build}
shift || true
mkdir -p "$src/m4" "$dir"
if [ ! -x "$src/configure" ] || [ "$src/configure.ac" -nt "$src/configure" ]; then
	(cd "$src" && autoreconf -fi >/dev/null 2>&1) || (cd "$src" && autoreconf -fi)
fi
cd "$dir"
if [ ! -f Makefile ] || [ "$src/configure" -nt config.status ]; then
	"$src/configure" -q "$@"
fi
make -s -j"$(nproc)"
