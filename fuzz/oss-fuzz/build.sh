#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script for hinit's fuzz targets.
# Uses only what OSS-Fuzz sets: $CC $CFLAGS $LIB_FUZZING_ENGINE $OUT $SRC
# (libFuzzer, AFL++ or honggfuzz; ASan, UBSan or MSan).  Each target
# links the pure core only (no syscall layer), with its seed corpus and
# dictionary next to it as OSS-Fuzz expects.
cd "$SRC/hinit"
core="src/core.c src/exit_code.c src/args.c src/signals.c src/words.c"
for target in fuzz_events fuzz_args fuzz_status; do
	# shellcheck disable=SC2086  # CFLAGS and the engine are word lists
	$CC $CFLAGS -std=c11 -D_GNU_SOURCE -Isrc -Ifuzz "fuzz/$target.c" \
		$core $LIB_FUZZING_ENGINE -o "$OUT/$target"
	if [ -f "fuzz/dict/$target.dict" ]; then
		cp "fuzz/dict/$target.dict" "$OUT/$target.dict"
	fi
	rm -f "$OUT/${target}_seed_corpus.zip"
	(cd "fuzz/corpus/$target" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
done
