#!/bin/bash
# fuzz/run.sh libfuzzer|afl FUZZ_DIR SECONDS JOBS  - fuzz every target
# fuzz/run.sh merge FUZZ_DIR                      - minimise into the corpus
# New inputs stay in FUZZ_DIR/work (libFuzzer) and FUZZ_DIR/afl-out (AFL++);
# `merge` adds to fuzz/corpus only those that reach new coverage.  A crash
# is kept in FUZZ_DIR/artifacts (or afl-out/*/crashes) and fails the run:
# copy it to fuzz/regressions/TARGET/ once understood.
set -uo pipefail
mode=$1 dir=$2
seconds=${3:-60} jobs=${4:-1}
fuzz=$(cd "$(dirname "$0")" && pwd)
targets="fuzz_events fuzz_args fuzz_status"
failed=0

inputs() { # every checked-in input of a target, as directories
	for d in "$fuzz/corpus/$1" "$fuzz/regressions/$1"; do
		[ -d "$d" ] && echo "$d"
	done
}

dict() {
	[ -f "$fuzz/dict/$1.dict" ] && echo "-dict=$fuzz/dict/$1.dict"
}

case $mode in
libfuzzer)
	for t in $targets; do
		work=$dir/work/$t art=$dir/artifacts/$t/
		mkdir -p "$work" "$art"
		fork=()
		[ "$jobs" -gt 1 ] && fork=(-fork="$jobs" -ignore_crashes=0)
		timeout -k 10 $((seconds + 60)) "$dir/libfuzzer/$t" \
			-max_total_time="$seconds" -print_final_stats=1 \
			-artifact_prefix="$art" $(dict "$t") "${fork[@]}" \
			"$work" $(inputs "$t") >"$dir/$t.log" 2>&1
		rc=$?
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$t.log" | tail -1)
		rate=$(sed -n 's/.*exec\/s:\{0,1\} \([0-9]*\).*/\1/p' "$dir/$t.log" | tail -1)
		# -fork prints its own progress lines and no final stats.
		[ -n "$runs" ] ||
			runs=$(sed -n 's/^#\([0-9]*\): cov.*/\1/p' "$dir/$t.log" | tail -1)
		if [ $rc -ne 0 ]; then
			failed=1
			grep -m3 'fuzz:\|ERROR' "$dir/$t.log"
			echo "fuzz: $t FAILED (log $dir/$t.log, input in $art)"
		else
			echo "fuzz: $t libFuzzer ${seconds}s x$jobs: ${runs:-?} runs," \
				"${rate:-?} exec/s, corpus $(ls "$work" | wc -l) new"
		fi
	done
	;;
afl)
	# AUTORESUME: a later run continues from the queue of an earlier one.
	export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 AFL_AUTORESUME=1 \
		AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_QUIET=1
	for t in $targets; do
		seeds=$dir/afl-seeds/$t out=$dir/afl-out/$t
		rm -rf "$seeds"
		mkdir -p "$seeds" "$out"
		for d in $(inputs "$t"); do cp "$d"/* "$seeds"/ 2>/dev/null; done
		[ -n "$(ls "$seeds")" ] || printf '\0' >"$seeds/empty"
		x=()
		[ -f "$fuzz/dict/$t.dict" ] && x=(-x "$fuzz/dict/$t.dict")
		pids=()
		for i in $(seq 1 "$jobs"); do
			role=(-S "s$i")
			[ "$i" = 1 ] && role=(-M main)
			timeout -k 10 $((seconds + 60)) afl-fuzz -i "$seeds" \
				-o "$out" -V "$seconds" -m none "${role[@]}" \
				"${x[@]}" -- "$dir/afl/$t" >"$dir/$t.afl$i.log" 2>&1 &
			pids+=($!)
		done
		for p in "${pids[@]}"; do wait "$p" || failed=1; done
		crashes=$(find "$out" -path '*/crashes/id*' | wc -l)
		rate=0 execs=0
		for i in $(seq 1 "$jobs"); do
			s=$out/s$i/fuzzer_stats
			[ "$i" = 1 ] && s=$out/main/fuzzer_stats
			[ -f "$s" ] || continue
			rate=$(awk -v r="$rate" '/^execs_per_sec/ {print r + $3}' "$s")
			execs=$(awk -v e="$execs" '/^execs_done/ {print e + $3}' "$s")
		done
		echo "fuzz: $t AFL++ ${seconds}s x$jobs: $rate exec/s, $execs execs in" \
			"afl-out (resumed runs add up), $crashes crashes"
		if [ "$crashes" -gt 0 ]; then
			failed=1
			find "$out" -path '*/crashes/id*' | head -5
		fi
	done
	;;
merge)
	for t in $targets; do
		mkdir -p "$fuzz/corpus/$t"
		new=()
		[ -d "$dir/work/$t" ] && new+=("$dir/work/$t")
		for q in "$dir"/afl-out/"$t"/*/queue; do
			[ -d "$q" ] && new+=("$q")
		done
		[ ${#new[@]} -gt 0 ] || continue
		before=$(ls "$fuzz/corpus/$t" | wc -l)
		"$dir/libfuzzer/$t" -merge=1 -artifact_prefix="$dir/artifacts/$t-" \
			"$fuzz/corpus/$t" "${new[@]}" \
			>"$dir/$t.merge.log" 2>&1 || {
			failed=1
			tail -5 "$dir/$t.merge.log"
		}
		echo "fuzz: $t corpus $before -> $(ls "$fuzz/corpus/$t" | wc -l) inputs"
	done
	;;
*)
	echo "usage: fuzz/run.sh libfuzzer|afl|merge FUZZ_DIR [SECONDS JOBS]" >&2
	exit 2
	;;
esac
exit $failed
