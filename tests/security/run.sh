#!/bin/bash
# run.sh - every security test; a summary line per suite in
# build/security/summary.txt and "N passed, N failed" last.
# Usage: tests/security/run.sh HINIT BUILD_DIR [OUT_DIR]
# OUT_DIR (default BUILD_DIR/security) takes the logs and scratch files,
# so `make evidence` does not share them with a `make check` running at
# the same time; the unstripped link, map and call graphs are read from
# BUILD_DIR/security, where make puts them.
cd "$(dirname "$0")/../.." || exit 1
H=${1:-build/hinit}
B=${2:-build}
S=${3:-$B/security}
mkdir -p "$S"
export SECURITY_OUT=$S
# A snapshot: other makes may relink build/hinit while the tests run.
if ! cp "$H" "$S/hinit.tmp" || ! mv -f "$S/hinit.tmp" "$S/hinit"; then
	echo "cannot copy $H"
	echo "0 passed, 1 failed"
	exit 1
fi
H=$S/hinit
: >"$S/summary.txt"
total_p=0
total_f=0
suite() {
	local name=$1
	shift
	local start=$SECONDS
	echo "== $name"
	timeout 300 "$@" 2>&1 | tee "$S/$name.log"
	local rc=${PIPESTATUS[0]}
	local last
	last=$(tail -1 "$S/$name.log")
	local p f
	p=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ]; then
		p=0
		f=1
		echo "FAIL $name: no summary line (rc $rc; timeout?)"
	elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
	fi
	local skipped
	skipped=$(grep -c '^skip ' "$S/$name.log")
	echo "$name $p $f $skipped $((SECONDS - start))" >>"$S/summary.txt"
	total_p=$((total_p + p))
	total_f=$((total_f + f))
}
suite hardening tests/security/hardening.sh "$H" "$B/security/hinit.unstripped" \
	"$B/security/hinit.map" "$B/security/stack"
suite reproducible tests/security/reproducible.sh "$H"
suite seccomp tests/security/seccomp.sh "$B"
suite seccomp_paths tests/security/seccomp_paths.sh "$H"
suite bad_input tests/security/bad_input.sh "$H"
echo "security: $total_p passed, $total_f failed"
[ "$total_f" = 0 ]
