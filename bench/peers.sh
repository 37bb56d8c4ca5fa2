#!/bin/bash
# peers.sh DIR - builds tini, dumb-init and catatonit from their Debian
# source packages with musl (-static -Os -s), for a size comparison on
# equal terms with hinit.  Leaves DIR/out/{tini,dumb-init,catatonit} and
# DIR/status ("built" or why not).  Uses a private deb-src list under DIR,
# so the machine's apt configuration is not touched.
set -u
dir=$1
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" \
	"$dir/out"
cd "$dir" || exit 1
fail() {
	echo "$*" > status
	echo "peers: $*" >&2
	exit 1
}
command -v musl-gcc >/dev/null || fail "musl-gcc missing"
command -v dpkg-source >/dev/null || fail "dpkg-source (dpkg-dev) missing"
echo "deb-src http://deb.debian.org/debian bookworm main" > apt/sources.list
apt=(-o "Dir::Etc::SourceList=$PWD/apt/sources.list"
	-o Dir::Etc::SourceParts=/nonexistent
	-o "Dir::State::Lists=$PWD/apt/lists"
	-o "Dir::Cache=$PWD/apt/cache")
timeout 120 apt-get "${apt[@]}" -qq update > apt.log 2>&1 ||
	fail "apt-get update (deb-src) failed: $(tail -1 apt.log)"
# Only the upstream tarballs are needed: the Debian patches of these three
# do not touch the code (and one Debian tarball may be missing).
timeout 120 apt-get "${apt[@]}" -qq source --download-only \
	tini dumb-init catatonit >> apt.log 2>&1
for p in tini dumb-init catatonit; do
	set -- "$p"_*.orig.tar.*
	[ -f "$1" ] || fail "no source for $p: $(grep -m1 "^E:" apt.log)"
	rm -rf "$p"-src && mkdir "$p"-src &&
		tar -xf "$1" -C "$p"-src --strip-components=1 ||
		fail "cannot unpack $1"
done
# Upstream version from the tarball name: PACKAGE_VERSION.orig.tar.*
version() {
	local f
	f=$(echo "$1"_*.orig.tar.*)
	f=${f#"$1"_}
	echo "${f%.orig.tar.*}"
}
IFS=. read -r major minor patch _ <<< "$(version tini)"
cc="musl-gcc -static -Os -s"
(cd tini-src/src && sed -e "s/@tini_VERSION_MAJOR@/$major/" \
	-e "s/@tini_VERSION_MINOR@/$minor/" -e "s/@tini_VERSION_PATCH@/$patch/" \
	-e 's/@tini_VERSION_GIT@//' tiniConfig.h.in > tiniConfig.h &&
	$cc -std=gnu99 -o ../../out/tini tini.c) || fail "tini: build failed"
(cd dumb-init-src && $cc -std=gnu99 -o ../out/dumb-init dumb-init.c) ||
	fail "dumb-init: build failed"
(cd catatonit-src && sed -e 's/@PACKAGE_NAME@/catatonit/' \
	-e "s/@PACKAGE_VERSION@/$(version catatonit)/" -e 's/@PACKAGE_BUGREPORT@//' \
	-e 's/@PACKAGE_URL@//' config.h.in > config.h &&
	$cc -o ../out/catatonit catatonit.c) || fail "catatonit: build failed"
echo built > status
