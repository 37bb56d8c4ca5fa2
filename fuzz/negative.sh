#!/bin/bash
# fuzz/negative.sh FUZZ_DIR [SECONDS]
# Negative tests of the oracles: each mutant is a copy of src/ with one
# deliberate bug, patched into FUZZ_DIR/negative/NAME/src (src/ itself is
# never touched), and each oracle listed for it must catch it within
# SECONDS (default 20) starting from the checked-in corpus:
#   invariants  fuzz_events without the reference model
#   model       fuzz_events without the invariant checks
#   status      fuzz_status (libc's W* macros)
#   args        fuzz_args (reference parser, round trip, libc names)
#   eacsl       the E-ACSL build: a contract in src/ fails at run time
#               (only for bugs that break a contract E-ACSL can check:
#               E-ACSL 25 skips predicates that read memory, like out_ok)
# A mutant whose text no longer appears in src/ fails too: update it.
# Prints one line per (mutant, oracle) and "N passed, N failed".
set -uo pipefail
dir=$1 seconds=${2:-20}
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
# FUZZ_SRC: mutate another copy of the sources (default src/).
srcdir=${FUZZ_SRC:-$root/src}
neg=$dir/negative
. "$root/tests/counts.sh"
mkdir -p "$neg"

# name|file|text|replacement|oracles
mutants=(
"exit-code-without-128|exit_code.c|return 128 + low;|return low;|status model eacsl"
"forward-to-pid-0|core.c|int target = c->cfg.single_child ? c->command_pid : -c->command_pid;|int target = 0;|invariants model"
"exit-in-node-mode|core.c|	if (!c->node) {|	if (1) {|invariants model eacsl"
"kill-all-without-pid1|core.c|	if (c->is_pid1) {|	if (1) {|invariants model"
"end-path-twice|core.c|if (c->phase == PHASE_RUNNING && pid == c->command_pid)|if (pid == c->command_pid)|invariants model"
"reboot-without-cap|core.c|else if (cfg->mode == MODE_NODE && !can_reboot)|else if (cfg->mode == MODE_NODE && !can_reboot && 0)|invariants model"
"stopped-term-without-cont|core.c|int resume = to == SIGTERM && c->stopped;|int resume = 0;|model"
"remap-in-node-mode|core.c|if (!c->node && code >= 0|if (code >= 0|model"
"container-sets-verbose|args.c|out->cfg.mode = MODE_CONTAINER;|out->cfg.verbose = MODE_CONTAINER;|args"
"rtmin-is-35|signals.h|#define HINIT_RTMIN 34|#define HINIT_RTMIN 35|args"
)

inputs() {
	for d in "$fuzz/corpus/$1" "$fuzz/regressions/$1"; do
		[ -d "$d" ] && echo "$d"
	done
}

# The libFuzzer oracles: caught = the harness reported a failed check.
run_libfuzzer() { # name oracle target binary
	local work=$neg/$1/$2 start=$SECONDS
	rm -rf "$work"
	mkdir -p "$work/corpus"
	timeout -k 5 $((seconds + 30)) "$4" -max_total_time="$seconds" \
		-artifact_prefix="$work/" "$work/corpus" $(inputs "$3") \
		>"$work/log" 2>&1
	local rc=$?
	if [ $rc -ne 0 ] && grep -q 'fuzz: .*check failed' "$work/log"; then
		pass "$1: $2 caught it in $((SECONDS - start)) s"
	else
		fail "$1: $2 did not catch it in ${seconds} s (log $work/log)"
	fi
}

# The E-ACSL oracle: replay every input; if none trips a contract, AFL++
# gets the rest of the time.
run_eacsl() { # name src target
	local work=$neg/$1/eacsl start=$SECONDS
	rm -rf "$work"
	mkdir -p "$work"
	if ! "$fuzz/eacsl/build.sh" "$2" "$work/bin" >"$work/build.log" 2>&1; then
		fail "$1: eacsl build failed (log $work/build.log)"
		return
	fi
	local f
	for f in $(find $(inputs "$3") -type f); do
		# (A subshell: bash would report each abort on stderr.)
		if ! (timeout 10 "$work/bin/$3" <"$f" >"$work/log" 2>&1) 2>/dev/null &&
			grep -q 'Error: .*\(condition\|Assertion\) failed' "$work/log"; then
			pass "$1: eacsl caught it in $((SECONDS - start)) s (replay)"
			return
		fi
	done
	mkdir -p "$work/seeds"
	cp $(find $(inputs "$3") -type f) "$work/seeds/"
	AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 AFL_QUIET=1 \
		AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
		timeout -k 5 $((seconds + 30)) afl-fuzz -i "$work/seeds" \
		-o "$work/afl" -V "$seconds" -m none -- "$work/bin/$3" \
		>"$work/afl.log" 2>&1
	# A crash counts only if E-ACSL reported it, not the harness's checks.
	for f in $(find "$work/afl" -path '*/crashes/id*' 2>/dev/null); do
		# (A subshell: bash would report each abort on stderr.)
		if ! (timeout 10 "$work/bin/$3" <"$f" >"$work/log" 2>&1) 2>/dev/null &&
			grep -q 'Error: .*\(condition\|Assertion\) failed' "$work/log"; then
			pass "$1: eacsl caught it in $((SECONDS - start)) s (AFL++)"
			return
		fi
	done
	fail "$1: eacsl did not catch it: no contract E-ACSL checks failed" \
		"(log $work/log)"
}

for m in "${mutants[@]}"; do
	IFS='|' read -r name file from to oracles <<<"$m"
	msrc=$neg/$name/src
	rm -rf "$neg/$name"
	mkdir -p "$msrc"
	cp "$srcdir"/*.c "$srcdir"/*.h "$msrc/"
	if ! python3 - "$msrc/$file" "$from" "$to" <<'EOF'; then
import sys
path, old, new = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
if text.count(old) != 1:
    sys.exit("%s: %r found %d times" % (path, old, text.count(old)))
open(path, "w").write(text.replace(old, new))
EOF
		fail "$name: mutant does not apply to src/$file any more"
		continue
	fi
	for oracle in $oracles; do
		case $oracle in
		invariants | model)
			flag=-DFUZZ_NO_MODEL
			[ "$oracle" = model ] && flag=-DFUZZ_NO_INVARIANTS
			bin=$neg/$name/fuzz_events.$oracle
			if "$fuzz/build.sh" oracle "$msrc" fuzz_events "$bin" \
				"$flag" >"$neg/$name/build.$oracle.log" 2>&1; then
				run_libfuzzer "$name" "$oracle" fuzz_events "$bin"
			else
				fail "$name: build of $oracle failed"
			fi
			;;
		status | args)
			bin=$neg/$name/fuzz_$oracle
			if "$fuzz/build.sh" oracle "$msrc" "fuzz_$oracle" "$bin" \
				>"$neg/$name/build.$oracle.log" 2>&1; then
				run_libfuzzer "$name" "$oracle" "fuzz_$oracle" "$bin"
			else
				fail "$name: build of $oracle failed"
			fi
			;;
		eacsl)
			target=fuzz_events
			[ "$file" = exit_code.c ] && target=fuzz_status
			run_eacsl "$name" "$msrc" "$target"
			;;
		esac
	done
done
finish negative:
