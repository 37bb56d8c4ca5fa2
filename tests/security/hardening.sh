#!/bin/bash
# hardening.sh - reads the release ELF (readelf, objdump) and fails if a
# hardening property is missing: static, static-pie, full RELRO, no
# executable stack, stack protector, no writable+executable segment,
# stripped, no build id; then no heap allocator linked in and a bounded
# stack (from the unstripped link of the same objects and its map).
# Usage: tests/security/hardening.sh HINIT UNSTRIPPED MAP STACK_CI_DIR
cd "$(dirname "$0")/../.." || exit 1
. tests/security/lib.sh
H=${1:-build/hinit}
U=${2:-build/security/hinit.unstripped}
MAP=${3:-build/security/hinit.map}
CI=${4:-build/security/stack}
STACK_LIMIT=${STACK_LIMIT:-8192}
OUT=${SECURITY_OUT:-build/security}
mkdir -p "$OUT"
readelf -W -h -l -d -S "$H" >"$OUT/readelf.txt" 2>&1 || fail "readelf $H"
R=$OUT/readelf.txt

check "ELF64 x86-64" grep -q 'Machine:.*X86-64' "$R"
check "static: no PT_INTERP (no dynamic loader)" \
	sh -c "! grep -q '^ *INTERP ' '$R'"
check "static: no DT_NEEDED (no shared library)" \
	sh -c "! grep -q '(NEEDED)' '$R'"
check "PIE: ELF type DYN" grep -q 'Type:.*DYN' "$R"
check "PIE: DT_FLAGS_1 has PIE" grep -Eq '\(FLAGS_1\).*PIE' "$R"
check "full RELRO: PT_GNU_RELRO segment" grep -q '^ *GNU_RELRO ' "$R"
check "full RELRO: BIND_NOW (DT_FLAGS BIND_NOW or DT_FLAGS_1 NOW)" \
	grep -Eq '\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*NOW' "$R"
check "non-executable stack: PT_GNU_STACK is RW, not E" \
	grep -Eq '^ *GNU_STACK .* RW  ' "$R"
# readelf -W prints flags as separate words ("R E", "RW "): look at the
# whole line for both W and E after the addresses.
wx=$(grep -E '^ *LOAD ' "$R" | awk '{f=""; for (i = 7; i <= NF - 1; i++) f = f $i; print f}' |
	grep -c 'W.*E\|E.*W')
check "no segment both writable and executable ($wx)" test "$wx" = 0
check "stripped: no .symtab section" sh -c "! grep -q ' \.symtab ' '$R'"
check "stripped: no debug sections" sh -c "! grep -q ' \.debug_' '$R'"
check "no build id note (reproducible)" \
	sh -c "! grep -q 'gnu.build-id' '$R'"
# The stack protector in the stripped binary: functions read the canary
# from %fs:0x28 (the TLS slot musl keeps it in) and compare before return.
canary=$(objdump -d "$H" | grep -c '%fs:0x28')
check "stack protector: $canary canary loads (%fs:0x28) in the release code" \
	test "$canary" -ge 10

if [ ! -f "$U" ] || [ ! -f "$MAP" ]; then
	fail "unstripped build $U or map $MAP missing"
	finish
fi
check "unstripped link has the same code as the release (same .text size)" \
	test "$(readelf -W -S "$H" | awk '$2 == ".text" {print $6}')" = \
	"$(readelf -W -S "$U" | awk '$2 == ".text" {print $6}')"
check "stack protector: __stack_chk_fail is linked" \
	sh -c "nm '$U' | grep -q ' __stack_chk_fail$'"
prot=$(grep -l '__stack_chk_fail' build/obj/*.o 2>/dev/null | wc -l)
check "stack protector: $prot of hinit's objects check canaries" \
	test "$prot" -ge 4
# No heap: no allocator in the link (symbols or musl's malloc objects).
heap=$(nm "$U" | awk '{print $NF}' |
	grep -Ex 'malloc|free|calloc|realloc|aligned_alloc|posix_memalign|memalign|valloc|reallocarray|__libc_malloc|__libc_malloc_impl|__libc_free|__simple_malloc|__malloc_donate|brk|sbrk|__expand_heap' |
	tr '\n' ' ')
check "no heap: no allocator symbol in the link [${heap}]" test -z "$heap"
heapobj=$(grep -Eo 'libc\.a\((malloc|free|calloc|realloc|lite_malloc|donate|expand_heap|aligned_alloc|memalign|posix_memalign|brk|sbrk)[a-z_]*\.(lo|o)\)' "$MAP" | sort -u | tr '\n' ' ')
check "no heap: the link map pulls no musl malloc object [${heapobj}]" \
	test -z "$heapobj"
mmap=$(nm "$U" | awk '{print $NF}' | grep -Ex 'mmap|__mmap|mremap|__mremap' | tr '\n' ' ')
check "no heap: no mmap in the link [${mmap}]" test -z "$mmap"
# Bounded stack: every frame of hinit's code is static (no VLA, no
# alloca), no recursion, and the deepest call chain fits STACK_LIMIT.
if ls "$CI"/*.ci >/dev/null 2>&1; then
	awk -v LIMIT="$STACK_LIMIT" -f tests/security/stack_depth.awk \
		"$CI"/*.ci >"$OUT/stack.txt"
	rc=$?
	sed 's/^/    /' "$OUT/stack.txt"
	check "bounded stack: static frames, no recursion, worst case <= $STACK_LIMIT bytes" \
		test "$rc" = 0
else
	fail "no callgraph files in $CI"
fi
finish
