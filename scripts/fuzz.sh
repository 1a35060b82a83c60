#!/usr/bin/env bash
# Runs every fuzz target in the module for FUZZTIME each (default 10s).
# `go test -fuzz` takes one target at a time, hence the loop. Targets are
# found by reading the test files: asking each package with `go test -list`
# would build and run every package's tests just to print a few names.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}
targets=$(grep -rEo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*\(' cmd internal | sort -u)
if [ -z "$targets" ]; then
	echo "no fuzz targets found" >&2
	exit 1
fi
n=0
start=$SECONDS
while IFS=: read -r file fn; do
	target=${fn#func }
	target=${target%(}
	pkg=./$(dirname "$file")
	echo "fuzz $pkg $target ($fuzztime)"
	go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"
	n=$((n + 1))
done <<<"$targets"
echo "fuzzed $n targets in $((SECONDS - start))s"
