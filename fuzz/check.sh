#!/bin/bash
# fuzz/check.sh FUZZ_DIR  - the fuzzing part of `make check`.
# Needs FUZZ_DIR/libfuzzer/* and FUZZ_DIR/afl/* (built by make).  Two
# lanes run side by side (one per core):
#   lane 1: replay of every checked-in corpus and regression input through
#           the libFuzzer, AFL++ and E-ACSL builds; a fuzz smoke of each
#           libFuzzer target (FUZZ_SMOKE_SECONDS, default 10); a bounded
#           AFL++ run of the E-ACSL build of fuzz_events;
#   lane 2: the negative tests (fuzz/negative.sh) and the OSS-Fuzz build
#           test (fuzz/oss-fuzz/test.sh).
# Prints ok/FAIL lines and "N passed, N failed"; exits non-zero on failure.
# FUZZ_SRC=DIR: the E-ACSL and negative tests use that copy of src/.
set -uo pipefail
dir=$(realpath -m "$1")
smoke=${FUZZ_SMOKE_SECONDS:-10}
fuzz=$(cd "$(dirname "$0")" && pwd)
targets="fuzz_events fuzz_args fuzz_status"
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 AFL_QUIET=1 \
	AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_FAST_CAL=1
mkdir -p "$dir/check"
# The E-ACSL runtime does not depend on src/: built once, reused.
export EACSL_RTL=$dir/eacsl-rtl/rtl.o

inputs() {
	for d in "$fuzz/corpus/$1" "$fuzz/regressions/$1"; do
		[ -d "$d" ] && echo "$d"
	done
}
files() {
	find $(inputs "$1") -type f | sort
}

lane1() {
	local t n rc bad f start
	for t in $targets; do
		n=$(files "$t" | wc -l)
		if timeout 120 "$dir/libfuzzer/$t" -runs=0 \
			-artifact_prefix="$dir/check/$t-replay-" $(inputs "$t") \
			>"$dir/check/$t.replay.log" 2>&1; then
			echo "ok   replay libFuzzer $t: $n inputs"
		else
			grep -m2 'fuzz:\|ERROR' "$dir/check/$t.replay.log"
			echo "FAIL replay libFuzzer $t (log $dir/check/$t.replay.log)"
		fi
		if timeout 120 "$dir/afl/$t" $(files "$t") \
			>"$dir/check/$t.afl-replay.log" 2>&1; then
			echo "ok   replay AFL++ $t: $n inputs"
		else
			grep -m2 'fuzz:\|ERROR' "$dir/check/$t.afl-replay.log"
			echo "FAIL replay AFL++ $t (log $dir/check/$t.afl-replay.log)"
		fi
	done
	for t in $targets; do
		rm -rf "$dir/check/smoke/$t"
		mkdir -p "$dir/check/smoke/$t"
		timeout -k 5 $((smoke + 60)) "$dir/libfuzzer/$t" \
			-max_total_time="$smoke" -print_final_stats=1 \
			-dict="$fuzz/dict/$t.dict" \
			-artifact_prefix="$dir/check/smoke/$t-" \
			"$dir/check/smoke/$t" $(inputs "$t") \
			>"$dir/check/$t.smoke.log" 2>&1
		rc=$?
		local runs rate
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/check/$t.smoke.log")
		rate=$(sed -n 's/.*exec\/s: \([0-9]*\).*/\1/p' "$dir/check/$t.smoke.log" | tail -1)
		if [ $rc -eq 0 ]; then
			echo "ok   smoke libFuzzer $t: ${smoke} s, $runs runs, $rate exec/s"
		else
			grep -m2 'fuzz:\|ERROR' "$dir/check/$t.smoke.log"
			echo "FAIL smoke libFuzzer $t: crash kept in $dir/check/smoke/$t-*"
		fi
	done
	start=$SECONDS
	if ! "$fuzz/eacsl/build.sh" "${FUZZ_SRC:-$fuzz/../src}" "$dir/eacsl" \
		>"$dir/check/eacsl.build.log" 2>&1; then
		grep 'eacsl:' "$dir/check/eacsl.build.log" | grep -v 'not checked'
		echo "FAIL E-ACSL build of src/ (log $dir/check/eacsl.build.log)"
		return
	fi
	echo "ok   E-ACSL build: $(grep -c 'not checked' "$dir/check/eacsl.build.log")" \
		"annotations E-ACSL cannot check, $(sed -n 's/.*(\([0-9]*\) run-time checks).*/\1/p' \
		"$dir/check/eacsl.build.log") checks ($((SECONDS - start)) s)"
	for t in $targets; do
		bad=0 n=0
		for f in $(files "$t"); do
			n=$((n + 1))
			if ! (timeout 10 "$dir/eacsl/$t" <"$f" \
				>"$dir/check/$t.eacsl.log" 2>&1) 2>/dev/null; then
				bad=$((bad + 1))
				[ $bad -le 2 ] || continue
				echo "     $f:"
				head -8 "$dir/check/$t.eacsl.log"
			fi
		done
		if [ $bad -eq 0 ]; then
			echo "ok   replay E-ACSL $t: $n inputs, no contract violated"
		else
			echo "FAIL replay E-ACSL $t: $bad of $n inputs violate a contract"
		fi
	done
	local seeds=$dir/check/eacsl-seeds out=$dir/check/eacsl-afl
	rm -rf "$seeds" "$out"
	mkdir -p "$seeds"
	cp $(files fuzz_events) "$seeds/"
	timeout -k 5 $((smoke + 60)) afl-fuzz -i "$seeds" -o "$out" \
		-V "$smoke" -m none -t 2000 -x "$fuzz/dict/fuzz_events.dict" \
		-- "$dir/eacsl/fuzz_events" >"$dir/check/eacsl.afl.log" 2>&1
	rc=$?
	local crashes execs rate
	crashes=$(find "$out" -path '*/crashes/id*' 2>/dev/null | wc -l)
	execs=$(awk '/^execs_done/ {print $3}' "$out"/default/fuzzer_stats 2>/dev/null)
	rate=$(awk '/^execs_per_sec/ {print $3}' "$out"/default/fuzzer_stats 2>/dev/null)
	if [ $rc -eq 0 ] && [ "$crashes" -eq 0 ] && [ -n "$execs" ]; then
		echo "ok   AFL++ on E-ACSL fuzz_events: ${smoke} s, $execs execs, $rate exec/s"
	else
		echo "FAIL AFL++ on E-ACSL fuzz_events: rc $rc, $crashes crashes" \
			"(log $dir/check/eacsl.afl.log, $out)"
	fi
}

lane2() {
	"$fuzz/negative.sh" "$dir" 20 | grep -v '^negative:'
	"$fuzz/oss-fuzz/test.sh" "$dir/oss-fuzz" 2 | grep -v '^oss-fuzz:'
}

start=$SECONDS
timed() { # lane
	local t0=$SECONDS
	"$1"
	echo "     ($1: $((SECONDS - t0)) s)"
}
timed lane1 >"$dir/check/lane1.log" 2>&1 &
p1=$!
timed lane2 >"$dir/check/lane2.log" 2>&1 &
p2=$!
wait $p1 $p2
cat "$dir/check/lane1.log" "$dir/check/lane2.log"
passed=$(cat "$dir/check/lane1.log" "$dir/check/lane2.log" | grep -c '^ok ')
failed=$(cat "$dir/check/lane1.log" "$dir/check/lane2.log" | grep -c '^FAIL')
echo "fuzz-check: $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
