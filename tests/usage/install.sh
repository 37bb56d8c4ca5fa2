#!/bin/bash
# tests/usage/install.sh - make install/uninstall into a temporary DESTDIR:
# the files land in $(PREFIX)/sbin and $(PREFIX)/share/man/man8 with the
# right modes, the installed binary runs (as PID 1 of a PID namespace too),
# man finds the installed page, and uninstall removes exactly those files.
source "$(dirname "$0")/lib.sh"
need_root
tmp=$(mktemp -d "$work/install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mk() { make -s --no-print-directory -C "$root" "$@" >"$tmp/make.log" 2>&1; }

check "make install DESTDIR PREFIX=/usr" mk install DESTDIR="$tmp/d" PREFIX=/usr
bin=$tmp/d/usr/sbin/hinit
page=$tmp/d/usr/share/man/man8/hinit.8
check "binary in PREFIX/sbin, mode 755" test "$(stat -c %a "$bin" 2>/dev/null)" = 755
check "man page in PREFIX/share/man/man8, mode 644" \
	test "$(stat -c %a "$page" 2>/dev/null)" = 644
check "installed binary is build/hinit" cmp -s "$bin" "$hinit"
check "installed man page is doc/hinit.8" cmp -s "$page" "$root/doc/hinit.8"
version=$(sed -n 's/^VERSION := //p' "$root/Makefile")
check "installed hinit --version says $version" \
	test "$("$bin" --version)" = "hinit $version"
out=$(timeout 10 unshare --pid --fork --kill-child "$bin" --container -- \
	sh -c 'echo "pid $$"; exit 5' </dev/null 2>&1)
rc=$?
check "installed hinit runs a command as PID 1: status 5, command pid 2 [$out]" \
	test "$rc" = 5 -a "$out" = "pid 2"
check "man finds the installed page (MANPATH)" \
	test "$(MANPATH=$tmp/d/usr/share/man man -w hinit 2>/dev/null)" = "$page"
check "the installed page renders with its NAME" \
	sh -c "MANPATH='$tmp/d/usr/share/man' MANWIDTH=80 man -P cat hinit 2>/dev/null |
		grep -q 'hinit - hardened init\|hinit — hardened init'"

touch "$tmp/d/usr/sbin/other"
check "make uninstall" mk uninstall DESTDIR="$tmp/d" PREFIX=/usr
check "uninstall removed the binary and the page" test ! -e "$bin" -a ! -e "$page"
check "uninstall left other files alone" test -e "$tmp/d/usr/sbin/other"

check "make install with the default PREFIX" mk install DESTDIR="$tmp/e"
check "default PREFIX is /usr/local" \
	test -x "$tmp/e/usr/local/sbin/hinit" -a -f "$tmp/e/usr/local/share/man/man8/hinit.8"
check "make uninstall with the default PREFIX" mk uninstall DESTDIR="$tmp/e"
check "nothing left under /usr/local but directories" \
	test -z "$(find "$tmp/e" ! -type d)"
finish
