#!/bin/bash
# seccomp.sh - hinit's filter refuses what it must, and says so.
#   1. the ABI constants spelled out in src/sys_seccomp.c match the kernel's
#   2. seccomp_probe installs the very filter of the release objects and
#      tries allowed and forbidden calls: forbidden ones fail with ENOSYS,
#      the process lives on, a refused open creates no file
#   3. the kernel logged the refusals (audit type=1326) when dmesg is
#      readable
#   4. the allowlist table in the source matches what the filter reports
# Usage: tests/security/seccomp.sh BUILD_DIR  (objects in BUILD_DIR/obj)
cd "$(dirname "$0")/../.." || exit 1
. tests/security/lib.sh
B=${1:-build}
OUT=${SECURITY_OUT:-$B/security}
mkdir -p "$OUT"

check "seccomp ABI constants equal <linux/seccomp.h>, <linux/filter.h>, <linux/audit.h>" \
	gcc -std=c11 -D_GNU_SOURCE -fsyntax-only -Wall -Wextra -Werror \
	tests/security/constants_check.c

if ! musl-gcc -std=c11 -D_GNU_SOURCE -O1 -Wall -Wextra -static \
	tests/security/seccomp_probe.c "$B/obj/sys_seccomp.o" "$B/obj/log.o" \
	"$B/obj/signals.o" "$B/obj/words.o" -o "$OUT/seccomp_probe"; then
	fail "build seccomp_probe"
	finish
fi

created=$(realpath "$OUT")/probe.created
rm -f "$created"
export HINIT_PROBE_FILE=$created
dmesg_ok=0
if dmesg >/dev/null 2>&1; then
	dmesg_ok=1
	before=$(dmesg | grep 'type=1326' | grep -c 'comm="seccomp_probe"')
fi
timeout 10 "$OUT/seccomp_probe" >"$OUT/probe.out" 2>&1
rc=$?
sed 's/^/    /' "$OUT/probe.out"
check "probe: every allowed call passes, every forbidden call fails with ENOSYS (rc $rc)" \
	test "$rc" = 0
check "probe lived to the end (not killed by the filter)" \
	grep -q '^[0-9]* passed, 0 failed$' "$OUT/probe.out"
n=$(grep -c '^ok ' "$OUT/probe.out")
check "probe ran at least 30 checks ($n)" test "$n" -ge 30
check "a refused open(O_WRONLY|O_CREAT) created no file" test ! -e "$created"

if [ "$dmesg_ok" = 1 ]; then
	sleep 0.2
	logged=$(($(dmesg | grep 'type=1326' | grep -c 'comm="seccomp_probe"') - before))
	check "kernel logged refusals (audit type=1326 code=0x50000): $logged lines" \
		test "$logged" -ge 1
	check "the refused getpid (39) is in the kernel log" \
		sh -c "dmesg | grep 'comm=\"seccomp_probe\"' | grep -q 'syscall=39 .*code=0x50000'"
else
	skip "kernel log of refusals: dmesg not readable"
fi

# i386 calls through int 0x80: refused if the kernel has ia32 emulation,
# otherwise the CPU faults before seccomp runs (SIGSEGV): nothing to test.
{ (timeout 10 "$OUT/seccomp_probe" int80 >"$OUT/int80.out" 2>&1); } 2>/dev/null
rc=$?
if [ "$rc" = 0 ]; then
	pass "i386 ABI (int 0x80) refused with ENOSYS"
elif [ "$rc" = 139 ] || [ "$rc" = 11 ] || [ "$rc" = 135 ]; then
	skip "i386 ABI: kernel without ia32 emulation (int 0x80 faults)"
else
	fail "i386 ABI (int 0x80): rc $rc: $(cat "$OUT/int80.out")"
fi

# hinit confines itself, not the command; --no-seccomp turns it off.
H=$B/hinit
[ -x "$OUT/hinit" ] && H=$OUT/hinit
SHOW='sleep 0.3; grep -E "^(Seccomp|NoNewPrivs):" /proc/self/status /proc/$PPID/status'
timeout 10 "$H" --container -- sh -c "$SHOW" >"$OUT/status.on" 2>&1
timeout 10 "$H" --container --no-seccomp -- sh -c "$SHOW" >"$OUT/status.off" 2>&1
sed 's/^/    on:  /' "$OUT/status.on"
sed 's/^/    off: /' "$OUT/status.off"
check "hinit runs in seccomp filter mode (Seccomp: 2)" \
	grep -Eq '^/proc/[0-9]+/status:Seccomp:[[:space:]]+2$' "$OUT/status.on"
check "hinit has no_new_privs" \
	grep -Eq '^/proc/[0-9]+/status:NoNewPrivs:[[:space:]]+1$' "$OUT/status.on"
check "the command is not confined (Seccomp: 0, NoNewPrivs: 0)" \
	sh -c "grep -Eq '^/proc/self/status:Seccomp:[[:space:]]+0$' '$OUT/status.on' &&
		grep -Eq '^/proc/self/status:NoNewPrivs:[[:space:]]+0$' '$OUT/status.on'"
check "--no-seccomp: hinit is not confined (Seccomp: 0)" \
	grep -Eq '^/proc/[0-9]+/status:Seccomp:[[:space:]]+0$' "$OUT/status.off"

# The table SECURITY.md shows is read from these source lines.
listed=$(grep -cE '^    ALLOW_CALL\(SYS_[a-z0-9_]+\),[[:space:]]*/\*' src/sys_seccomp.c)
special=$(grep -c '^    JEQ(SYS_[a-z0-9_]*, 0, [0-9]),' src/sys_seccomp.c)
total=$(sed -n 's/^#define ALLOWED_CALLS \([0-9]*\)$/\1/p' src/sys_seccomp.c)
check "allowlist: $listed plain + $special argument-checked = ALLOWED_CALLS ($total)" \
	test "$((listed + special))" = "$total"
finish
