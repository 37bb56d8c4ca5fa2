#!/bin/bash
# fuzz/build.sh ENGINE SRC_DIR TARGET OUT [CFLAGS...]
# Builds one harness (fuzz/TARGET.c) over the pure core in SRC_DIR (src/,
# or a patched copy for the negative tests) for one engine:
#   libfuzzer  clang -fsanitize=fuzzer,address,undefined
#   afl        afl-clang-fast, ASan+UBSan, AFL++'s persistent driver
#   cov        clang source-based coverage, libFuzzer's main for replay
#   oracle     libFuzzer without sanitizers: quick to build, for the
#              negative tests, whose bugs only the harness checks see
# The E-ACSL build has its own script (fuzz/eacsl/build.sh).
set -euo pipefail
engine=$1 src=$2 target=$3 out=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
core="$src/core.c $src/exit_code.c $src/args.c $src/signals.c $src/words.c"
flags=(-std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer
	-Wall -Wextra -Werror -I"$src" -I"$here" "$@")
san=(-fsanitize=address,undefined -fno-sanitize-recover=all)
mkdir -p "$(dirname "$out")"
case $engine in
libfuzzer)
	clang "${flags[@]}" -fsanitize=fuzzer "${san[@]}" \
		"$here/$target.c" $core -o "$out"
	;;
afl)
	# libAFLDriver.a supplies main() with __AFL_LOOP persistent mode and
	# shared-memory test cases, and runs files given as arguments.
	AFL_QUIET=1 afl-clang-fast "${flags[@]}" "${san[@]}" \
		"$here/$target.c" $core /usr/lib/afl/libAFLDriver.a -o "$out"
	;;
oracle)
	clang "${flags[@]}" -fsanitize=fuzzer "$here/$target.c" $core -o "$out"
	;;
cov)
	clang "${flags[@]}" -fsanitize=fuzzer -fprofile-instr-generate \
		-fcoverage-mapping "$here/$target.c" $core -o "$out"
	;;
*)
	echo "fuzz/build.sh: unknown engine $engine" >&2
	exit 2
	;;
esac
