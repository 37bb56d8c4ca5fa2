#!/bin/bash
# make prove: every WP proof of hinit's core, the negative test, the report.
# Exits non-zero if a goal is not proved or the negative test proves.
set -uo pipefail
cd "$(dirname "$0")/.."
out=build/proofs
mkdir -p "$out"
proofs/why3-config.sh "$out/why3.conf" || exit 1
export WHY3CONFIG=$PWD/$out/why3.conf

# Provers by name (there is no Alt-Ergo); a goal is proved when one of
# them proves it.  Timeouts are per goal and generous: the machine may be
# shared.  -wp-rte adds every runtime-error goal (overflow, division,
# shift, memory access) to the contracts.
export PROVERS=${PROVE_PROVERS:-cvc4,z3,cvc5}
export TIMEOUT=${PROVE_TIMEOUT:-30}
JOBS=${PROVE_JOBS:-2}
# Every function of the core files, and the two loops of the syscall
# layer (the rest of src/sys_loop.c is not proved: ASSUMPTIONS.md).
# `prove.sh strings` does the string parsers (args.c, signals.c), whose
# proofs are not complete yet (README.md): they are not gated on.
if [ "${1:-}" = strings ]; then
	SOURCES="src/args.c src/signals.c"
	FUNCTIONS=upper,skip_word,parse_decimal,realtime_from_text
	FUNCTIONS+=,signal_from_text,signal_name
	FUNCTIONS+=,config_defaults,args_error_text,equal,option_is
	FUNCTIONS+=,parse_rewrite,parse_value,fail,parse_args
	out=$out/strings
	report=$out/report.md
	mkdir -p "$out"
else
	SOURCES="src/core.c src/exit_code.c src/sys_loop.c"
	FUNCTIONS=emit,log_always,log_verbose,core_init,rewritten
	FUNCTIONS+=,is_stop_signal,forward,signal_rest,kill_rest
	FUNCTIONS+=,start_end_path,reboot_now,finish,command_reaped
	FUNCTIONS+=,on_spawned,on_spawn_failed,on_signal,on_child_exited
	FUNCTIONS+=,on_timer,core_step
	FUNCTIONS+=,status_to_exit_code,spawn_error_exit_code
	FUNCTIONS+=,sys_reap,sys_feed
	report=proofs/report.md
fi
CPP="-D_GNU_SOURCE -Iproofs/include -include $PWD/proofs/kernel_model.h"
# The first prover tries every goal; the others only what it left (a
# second WP pass selects the goals not proved yet).  proofs/wp-session
# keeps each prover's verdict by goal hash, so a rerun replays unchanged
# goals at once and proves only what changed; PROVE_CACHE=none proves
# everything from scratch.
first=${PROVERS%%,*}
rest=${PROVERS#*,}
[ "$rest" != "$PROVERS" ] || rest=$first
CACHE=${PROVE_CACHE:-update}
WP=(-wp -wp-rte -wp-literals -wp-init-const -wp-fct "$FUNCTIONS"
    -wp-timeout "$TIMEOUT" -wp-par "$JOBS"
    -wp-session proofs/wp-session -wp-cache "$CACHE")

fail=0
start=$(date +%s)
echo "prove: frama-c WP on $SOURCES (provers $PROVERS)"
frama-c -cpp-extra-args="$CPP" $SOURCES "${WP[@]}" -wp-prover "$first" \
	-then "${WP[@]}" -wp-prover "$rest" \
	-then -report-csv "$out/properties.csv" \
	>"$out/wp.log" 2>&1
rc=$?
[ $rc -eq 0 ] || { echo "prove: frama-c failed ($rc), see $out/wp.log"; fail=1; }
grep -q 'Proved goals:' "$out/wp.log" || fail=1
proofs/report.sh "$out/properties.csv" "$out/wp.log" "$FUNCTIONS" \
	>"$report" || fail=1
sed -n '/^## Summary/,/^## Properties/p' "$report" | sed '$d'
grep -q '^Unproved: 0$' "$report" || {
	echo "prove: FAILED: some goals are not proved (see $report)"
	fail=1
}
[ "${1:-}" != strings ] || exit $fail

# Negative test: the same contract on a translation that is off by one
# for signalled statuses (129 + signal), and on one that reads the exit
# code one bit too low (/ 128), must not prove.  (If the contract were
# vacuous or the provers unsound, these would prove.)
mutants=('128 + low|129 + low|signal_code'
	 'raw_status / 256|raw_status / 128|exit_code')
for mutant in "${mutants[@]}"; do
	IFS='|' read -r from to goal <<<"$mutant"
	neg=$out/negative/$goal
	mkdir -p "$neg"
	cp src/core.h "$neg/"
	sed "s|$from|$to|" src/exit_code.c >"$neg/exit_code.c"
	if cmp -s src/exit_code.c "$neg/exit_code.c"; then
		echo "prove: negative test $goal: the patch did not apply"
		fail=1
		continue
	fi
	frama-c "$neg/exit_code.c" -wp -wp-rte -wp-prover "$PROVERS" \
		-wp-timeout 10 -wp-fct status_to_exit_code -wp-prop "$goal" \
		>"$neg/wp.log" 2>&1
	line=$(grep "Goal typed_status_to_exit_code_[a-z]*_ensures_${goal}" \
		"$neg/wp.log" | head -1)
	if [ -z "$line" ]; then
		echo "prove: negative test $goal: no such goal (see $neg/wp.log)"
		fail=1
	elif grep -q 'Valid' <<<"$line"; then
		echo "prove: negative test FAILED: '$to' proves $goal"
		fail=1
	else
		echo "prove: negative test passed: '$to' does not prove $goal"
	fi
done
echo "prove: $(($(date +%s) - start)) s; report: $report"
[ $fail -eq 0 ] && echo "prove: all goals proved" && exit 0
exit 1
