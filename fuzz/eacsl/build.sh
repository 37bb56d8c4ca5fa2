#!/bin/bash
# fuzz/eacsl/build.sh SRC_DIR OUT_DIR
# The core with its ACSL contracts as run-time checks (Frama-C's E-ACSL),
# linked with each harness as a standalone stdin program built with
# afl-clang-fast: OUT_DIR/fuzz_events, fuzz_args, fuzz_status.
#
# Debian's frama-c-base has no e-acsl-gcc.sh, so the steps are spelled out:
#  1. frama-c -e-acsl on the core and glue.c (whatever contracts SRC_DIR
#     holds now).  The core's <signal.h> and <errno.h> come from include/
#     (numbers only, checked against the real headers below): E-ACSL 25
#     cannot translate Frama-C's libc specifications of those headers, and
#     -e-acsl-functions keeps it to the functions defined here.
#  2. The generated C compiled with afl-clang-fast; a warning that shows
#     E-ACSL generated wrong code (an mpz returned as int) is an error,
#     so a mistranslated contract never gives a false verdict.
#  3. E-ACSL's runtime (e_acsl_rtl.c, segment memory model, its dlmalloc
#     and GMP), plus the uninstrumented harness and driver.c.
set -euo pipefail
src=$(cd "$1" && pwd)
out=$2
here=$(cd "$(dirname "$0")" && pwd)
fuzz=$(dirname "$here")
share=$(frama-c -print-share-path)/e-acsl
lib=$(frama-c -print-lib-path)/e-acsl
[ -f "$lib/libeacsl-dlmalloc.a" ] || lib=/usr/lib/frama-c/e-acsl
mkdir -p "$out"
files="$src/core.c $src/exit_code.c $src/args.c $src/signals.c $src/words.c $here/glue.c"

# The stand-in headers must say what the real ones say.
{
	echo '#include <signal.h>'
	echo '#include <errno.h>'
	sed -n 's/^#define \(E[A-Z0-9]*\|SIG[A-Z0-9]*\) \([0-9]*\)$/_Static_assert(\1 == \2, "\1");/p' \
		"$here"/include/*.h
} >"$out/check_include.c"
cc -std=c11 -fsyntax-only "$out/check_include.c"

# Every function defined in these files (kernel style: the name starts a
# line with its type), and nothing from the libc specifications.
functions=$(cat $files | grep -E '^[a-z][a-z_0-9 *]*[ *][a-z_][a-z_0-9]*\(' |
	grep -v ';' | sed -E 's/^[^(]*[ *]([a-z_][a-z_0-9]*)\(.*/\1/' |
	sort -u | paste -sd, -)

frama-c -cpp-extra-args="-I$here/include -I$src" $files \
	-e-acsl -e-acsl-functions="$functions" \
	-then-last -print -ocode "$out/core.e-acsl.c" >"$out/frama-c.log" 2>&1 || {
	grep -v 'annotating undefined\|generated program may miss\|memory-related annotations' \
		"$out/frama-c.log" | tail -30
	# The first error, with its message, where a summary shows it.
	grep -m1 -A1 '^\[[a-z-]*:*[a-z-]*\].*\(Warning\|Error\|error\)' \
		"$out/frama-c.log" | grep -v 'annotating undefined' |
		sed 's/^ */eacsl: /' >&2
	echo "eacsl: frama-c failed (log: $out/frama-c.log)" >&2
	exit 1
}
# What E-ACSL could not turn into checks, said once.
awk '/^\[e-acsl\].*Warning:/ { loc = $2; text = ""; on = 1; next }
     on { sub(/^ +/, ""); text = text " " $0 }
     on && /Ignoring annotation/ {
	on = 0
	if (text ~ /not yet supported/) print "eacsl: not checked: " loc text
     }' "$out/frama-c.log" | sort -u

AFL_QUIET=1 afl-clang-fast -c -g -O1 -DE_ACSL_SEGMENT_MMODEL -I"$share" \
	-Wno-unknown-attributes -Wno-dangling-else \
	-Werror=int-conversion -Werror=return-stack-address \
	"$out/core.e-acsl.c" -o "$out/core.e-acsl.o" 2>"$out/cc.log" || {
	cat "$out/cc.log" >&2
	# Name the generated logic function around each bad line.
	for line in $(sed -n 's/^[^:]*core.e-acsl.c:\([0-9]*\):.*error.*/\1/p' \
		"$out/cc.log" | sort -un); do
		head -n "$line" "$out/core.e-acsl.c" |
			grep -E '^[a-z].*__gen_e_acsl_[a-z_0-9]*\(' | tail -1 |
			sed 's/^/eacsl: mistranslated: /' >&2
	done
	echo "eacsl: E-ACSL generated C that does not compute the contract;" \
		"reword the logic function named above (e.g. inline it)" >&2
	exit 1
}
# The runtime does not depend on the core: one copy serves every build.
rtl=${EACSL_RTL:-$out/rtl.o}
if [ ! -f "$rtl" ]; then
	mkdir -p "$(dirname "$rtl")"
	clang -c -std=c99 -m64 -g -O2 -fno-builtin -fno-merge-constants -w \
		-DE_ACSL_SEGMENT_MMODEL -I"$share" "$share/e_acsl_rtl.c" \
		-o "$rtl.$$.tmp" && mv "$rtl.$$.tmp" "$rtl"
fi
for t in fuzz_events fuzz_args fuzz_status; do
	AFL_QUIET=1 afl-clang-fast -std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra \
		-Werror -DFUZZ_EACSL -I"$src" -I"$fuzz" "$fuzz/$t.c" \
		"$here/driver.c" "$out/core.e-acsl.o" "$rtl" \
		"$lib/libeacsl-dlmalloc.a" -lgmp -lm -lpthread -o "$out/$t"
done
echo "eacsl: built $out/{fuzz_events,fuzz_args,fuzz_status}" \
	"($(grep -c '__e_acsl_assert(' "$out/core.e-acsl.c") run-time checks)"
