#!/bin/bash
# mkinitramfs.sh OUTPUT HINIT [CORE [EXTRA_DIR]]
#
# Writes an initramfs (uncompressed newc cpio, as the kernel reads it) with
# HINIT as /init and CORE as /core, plus empty /dev /proc /sys /tmp and
# whatever is in EXTRA_DIR (copied to /).  Without CORE there is no /core.
# `make initramfs CORE=...` and the VM test (tests/vm/run.sh) both use it.
#
# /dev/console is not needed: when the kernel is built without an
# initramfs of its own (CONFIG_INITRAMFS_SOURCE="", as Debian's), it
# unpacks a built-in one holding /dev/console before this one.
#
# Every file is owned by root, every mtime is 0 and the list is sorted, so
# the same inputs give the same bytes.
set -eu
if [ $# -lt 2 ] || [ $# -gt 4 ]; then
	echo "usage: $0 OUTPUT HINIT [CORE [EXTRA_DIR]]" >&2
	exit 2
fi
out=$1 hinit=$2 core=${3:-} extra=${4:-}
for f in "$hinit" ${core:+"$core"}; do
	[ -f "$f" ] || { echo "$0: no such file: $f" >&2; exit 2; }
done
# Static programs only: the initramfs has no dynamic loader or libc (the
# kernel would report a missing /init as "error -2" and panic).
for f in "$hinit" ${core:+"$core"}; do
	if LC_ALL=C readelf -l "$f" 2>/dev/null |
		grep -q 'Requesting program interpreter'; then
		echo "$0: $f is dynamically linked; it must be static" >&2
		exit 2
	fi
done

stage=$(mktemp -d "${TMPDIR:-/tmp}/hinit-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{dev,proc,sys,tmp}
chmod 1777 "$stage/tmp"
install -m 0755 "$hinit" "$stage/init"
[ -z "$core" ] || install -m 0755 "$core" "$stage/core"
[ -z "$extra" ] || cp -R "$extra"/. "$stage"/
find "$stage" -exec touch -h -d @0 {} +
mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0 --reproducible) >"$out.tmp"
mv "$out.tmp" "$out"
echo "initramfs: $out ($(stat -c %s "$out") bytes): /init = $hinit${core:+, /core = $core}${extra:+, plus $extra}"
