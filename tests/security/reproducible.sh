#!/bin/bash
# reproducible.sh - two builds of the same tree in two different
# directories (different path lengths) give byte-identical binaries, and
# the same bytes as the build in the work tree.
# Usage: tests/security/reproducible.sh [REFERENCE_BINARY]
cd "$(dirname "$0")/../.." || exit 1
. tests/security/lib.sh
REF=${1:-build/hinit}
TMP=$(mktemp -d /tmp/hinit-repro.XXXXXX) || exit 1
trap 'rm -rf "$TMP"' EXIT
for d in a some/much/longer/directory; do
	mkdir -p "$TMP/$d"
	# The tree as git sees it (tracked and new files), without build/.
	tar -C . --exclude=./build --exclude=./.git -cf - . | tar -C "$TMP/$d" -xf -
	if ! (cd "$TMP/$d" && timeout 300 make -s build/hinit >"$TMP/$(basename "$d").log" 2>&1); then
		fail "build in $TMP/$d: $(tail -3 "$TMP/$(basename "$d").log")"
	fi
done
A=$TMP/a/build/hinit
B=$TMP/some/much/longer/directory/build/hinit
if [ -f "$A" ] && [ -f "$B" ]; then
	check "two builds in different directories are byte-identical ($(sha256sum <"$A" | cut -c1-16)...)" \
		cmp -s "$A" "$B"
	check "and identical to $REF" cmp -s "$A" "$REF"
	check "no build directory path in the binary" \
		sh -c "! grep -q '$TMP' '$A'"
else
	fail "a build produced no binary"
fi
echo "sha256 $(sha256sum <"$REF" | cut -d' ' -f1)  $REF"
finish
