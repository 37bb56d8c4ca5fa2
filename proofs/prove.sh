#!/bin/bash
# make prove: every WP proof of hinit's core, the negative test, the report.
# Exits non-zero if a goal is not proved or the negative test proves.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${PROVE_OUT:-build/proofs}
mkdir -p "$out"
proofs/why3-config.sh "$out/why3.conf" || exit 1
export WHY3CONFIG=$PWD/$out/why3.conf

# Provers by name (there is no Alt-Ergo); a goal is proved when one of
# them proves it.  Timeouts are per goal and generous: the machine may be
# shared.  -wp-rte adds every runtime-error goal (overflow, division,
# shift, memory access) to the contracts.
export PROVERS=${PROVE_PROVERS:-cvc4,z3,cvc5}
export TIMEOUT=${PROVE_TIMEOUT:-30}
# The first prover gets a short time per goal: what it proves, it proves
# in well under a second; the rest go to the others with TIMEOUT.
export FIRST_TIMEOUT=${PROVE_FIRST_TIMEOUT:-5}
JOBS=${PROVE_JOBS:-2}
# Two groups, proved by two frama-c runs side by side (one per core):
# the core files with the two loops of the syscall layer (the rest of
# src/sys_loop.c is not proved: ASSUMPTIONS.md), and the text: the
# argument and signal-name parsers and the log lines.
CORE_SOURCES="src/core.c src/exit_code.c src/sys_loop.c"
CORE_FUNCTIONS=emit,log_always,log_verbose,core_init,rewritten
CORE_FUNCTIONS+=,is_stop_signal,forward,signal_rest,kill_rest
CORE_FUNCTIONS+=,start_end_path,reboot_now,finish,command_reaped
CORE_FUNCTIONS+=,on_spawned,on_spawn_failed,on_signal,on_child_exited
CORE_FUNCTIONS+=,on_timer,core_step,core_needed_child
CORE_FUNCTIONS+=,status_to_exit_code,spawn_error_exit_code
CORE_FUNCTIONS+=,core_forward_target,core_forward_value
CORE_FUNCTIONS+=,sys_reap,sys_feed,feed_event,sys_signal
TEXT_SOURCES="src/words.c src/signals.c src/args.c src/log.c"
TEXT_FUNCTIONS=upper,skip_word,word_is
TEXT_FUNCTIONS+=,parse_decimal,realtime_from_text,signal_from_text
TEXT_FUNCTIONS+=,signal_name
TEXT_FUNCTIONS+=,config_defaults,args_error_text,option_is,find_option
TEXT_FUNCTIONS+=,on_exit_from_text,parse_rewrite,parse_value,fail
TEXT_FUNCTIONS+=,apply_flag,parse_args
TEXT_FUNCTIONS+=,log_start,log_str,log_word,log_int,log_signal,log_send
FUNCTIONS=$CORE_FUNCTIONS,$TEXT_FUNCTIONS
# Every function defined in the files proved whole must be in the lists
# above, or a new one would silently go unproved.  The two exceptions of
# log.c are in ASSUMPTIONS.md (log_msg; stderr_ready, K8).
PROVED_WHOLE="src/core.c src/exit_code.c src/words.c src/signals.c src/args.c"
missing=
for file in $PROVED_WHOLE src/log.c; do
	for fn in $(grep -hoP '^(static )?(const )?[a-z_]+( [a-z_]+)? \**\K\w+(?=\()' "$file"); do
		case ",$FUNCTIONS,log_msg,stderr_ready," in
		*",$fn,"*) ;;
		*) missing="$missing $file:$fn" ;;
		esac
	done
done
if [ -n "$missing" ]; then
	echo "prove: defined but not in prove.sh's function lists:$missing" >&2
	exit 1
fi
report=proofs/report.md
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

# prove_group NAME "SOURCES" FUNCTIONS [WP options]: one frama-c run,
# log and property table in $out/NAME.
prove_group() {
	local name=$1 sources=$2 functions=$3
	shift 3
	local wp=(-wp -wp-rte -wp-fct "$functions" -wp-par "$JOBS"
		  -wp-session proofs/wp-session -wp-cache "$CACHE" "$@")
	mkdir -p "$out/$name"
	# shellcheck disable=SC2086
	frama-c -cpp-extra-args="$CPP" $sources \
		"${wp[@]}" -wp-prover "$first" -wp-timeout "$FIRST_TIMEOUT" \
		-then "${wp[@]}" -wp-prover "$rest" -wp-timeout "$TIMEOUT" \
		-then -report-csv "$out/$name/properties.csv" \
		>"$out/$name/wp.log" 2>&1
}

fail=0
start=$(date +%s)
echo "prove: frama-c WP on $CORE_SOURCES $TEXT_SOURCES (provers $PROVERS)"
# The core's contracts use the constant tables' contents (-wp-init-const)
# and string literals; no string parser's contract does, and given to the
# provers those hundreds of facts only drown them.
prove_group core "$CORE_SOURCES" "$CORE_FUNCTIONS" \
	-wp-literals -wp-init-const &
core_pid=$!
prove_group text "$TEXT_SOURCES" "$TEXT_FUNCTIONS" -wp-no-init-const &
text_pid=$!
for group in core:$core_pid text:$text_pid; do
	wait "${group#*:}"
	rc=$?
	name=${group%%:*}
	if [ $rc -ne 0 ]; then
		echo "prove: frama-c failed ($rc), see $out/$name/wp.log"
		fail=1
	fi
	grep -q 'Proved goals:' "$out/$name/wp.log" || fail=1
done
cat "$out/core/wp.log" "$out/text/wp.log" >"$out/wp.log"
cat "$out/core/properties.csv" "$out/text/properties.csv" \
	>"$out/properties.csv"
proofs/report.sh "$out/properties.csv" "$out/wp.log" "$FUNCTIONS" \
	>"$report" || fail=1
sed -n '/^## Summary/,/^## Properties/p' "$report" | sed '$d'
grep -q '^Unproved: 0$' "$report" || {
	echo "prove: FAILED: some goals are not proved (see $report)"
	fail=1
}

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
