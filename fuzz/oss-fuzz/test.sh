#!/bin/bash
# fuzz/oss-fuzz/test.sh WORK_DIR [SECONDS]
# Runs fuzz/oss-fuzz/build.sh the way OSS-Fuzz's compile step does, with
# the environment it sets for libFuzzer and AFL++ under ASan and UBSan
# (flags as in OSS-Fuzz's base-builder), then runs every fuzzer it
# produced for SECONDS (default 3) from its seed corpus and dictionary.
# Prints one line per build and run and "N passed, N failed".
set -uo pipefail
work=$(realpath -m "$1") seconds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/tests/counts.sh"

common="-O1 -fno-omit-frame-pointer -gline-tables-only"
common="$common -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
asan="-fsanitize=address -fsanitize-address-use-after-scope"
ubsan_checks=array-bounds,bool,builtin,enum,float-divide-by-zero,function
ubsan_checks=$ubsan_checks,integer-divide-by-zero,null,object-size,return
ubsan_checks=$ubsan_checks,returns-nonnull-attribute,shift
ubsan_checks=$ubsan_checks,signed-integer-overflow,unreachable,vla-bound,vptr
# unsigned-integer-overflow is reported but not fatal, as in OSS-Fuzz.
ubsan="-fsanitize=$ubsan_checks,unsigned-integer-overflow"
ubsan="$ubsan -fno-sanitize-recover=$ubsan_checks"

# $SRC/hinit is the work tree, as the Dockerfile's COPY makes it.
src=$work/src
rm -rf "$work"
mkdir -p "$src"
ln -s "$root" "$src/hinit"

for engine in libfuzzer afl; do
	for sanitizer in address undefined; do
		name=$engine-$sanitizer
		out=$work/out/$name
		mkdir -p "$out"
		san=$asan
		[ $sanitizer = undefined ] && san=$ubsan
		if [ $engine = libfuzzer ]; then
			cc=clang
			cflags="$common $san -fsanitize=fuzzer-no-link"
			lib=-fsanitize=fuzzer
		else
			cc=afl-clang-fast
			cflags="$common $san"
			lib=/usr/lib/afl/libAFLDriver.a
		fi
		if ! env -i PATH="$PATH" HOME="$work" CC=$cc CFLAGS="$cflags" \
			LIB_FUZZING_ENGINE="$lib" OUT="$out" SRC="$src" \
			AFL_QUIET=1 bash -eu "$here/build.sh" \
			>"$out/build.log" 2>&1; then
			fail "$name: build.sh failed (log $out/build.log)"
			continue
		fi
		pass "$name: build.sh built $(ls "$out" | grep -c '^fuzz_[a-z]*$') fuzzers"
		for t in fuzz_events fuzz_args fuzz_status; do
			[ -x "$out/$t" ] || {
				fail "$name: $t missing"
				continue
			}
			seeds=$out/$t.seeds
			mkdir -p "$seeds"
			unzip -q -o "$out/${t}_seed_corpus.zip" -d "$seeds"
			if [ $engine = libfuzzer ]; then
				mkdir -p "$out/$t.work"
				timeout -k 5 $((seconds + 30)) "$out/$t" \
					-max_total_time="$seconds" \
					-artifact_prefix="$out/$t-" \
					-dict="$out/$t.dict" "$out/$t.work" "$seeds" \
					>"$out/$t.log" 2>&1
				rc=$?
			else
				AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 \
					AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
					timeout -k 5 $((seconds + 30)) afl-fuzz \
					-i "$seeds" -o "$out/$t.afl" -V "$seconds" \
					-m none -x "$out/$t.dict" -- "$out/$t" \
					>"$out/$t.log" 2>&1
				rc=$?
				[ -z "$(find "$out/$t.afl" -path '*/crashes/id*' 2>/dev/null)" ] ||
					rc=1
			fi
			if [ $rc -eq 0 ]; then
				pass "$name: $t ran ${seconds} s"
			else
				fail "$name: $t failed (log $out/$t.log)"
			fi
		done
	done
done
finish oss-fuzz:
