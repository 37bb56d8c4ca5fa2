#!/bin/bash
# mutants.sh - shows the unit tests can fail: each mutant is src/ with one
# deliberate bug; the suite must reject every one.  Run by `make
# unit-mutants` (not part of `make check`: it builds ~20 binaries).
# Usage: tests/unit/mutants.sh BUILD_DIR
set -u
out=${1:-build/unit}/mutants
mkdir -p "$out"
cflags="-std=c11 -D_GNU_SOURCE -O1 -w -Isrc -Itests/unit \
	-fsanitize=address,undefined -fno-sanitize-recover=all"
core="core.c exit_code.c args.c signals.c words.c"

# The tests themselves are built once.
mkdir -p "$out/obj"
tests=""
for t in tests/unit/*.c; do
	o=$out/obj/$(basename "$t" .c).o
	# shellcheck disable=SC2086
	gcc $cflags -c "$t" -o "$o" || exit 1
	tests="$tests $o"
done

# file@sed expression@what the bug is
mutants=(
"core.c@s/emit(out, ACT_SIGNAL, target, SIGCONT, 0);/;/@no SIGCONT after SIGTERM to a stopped command"
"core.c@s/if (c->is_pid1) {/if (0) {/@kill(-1) never used as PID 1"
"core.c@s/if (pid <= 1) {/if (pid < 1) {/@pid 1 accepted from the spawn"
"core.c@s/int delay = c->exit_code != 0 \&\& /int delay = /@reboot delay after success too"
"core.c@s/if (!c->node \&\& code >= 0/if (code >= 0/@--remap-exit applied on a node"
"core.c@s/if (sig == SIGCHLD) {/if (sig == -SIGCHLD) {/@SIGCHLD forwarded"
"core.c@s/if (c->phase == PHASE_GRACE || c->phase == PHASE_KILLING)/if (c->phase == PHASE_KILLING)/@no early end in the grace"
"core.c@s/if (c->phase == PHASE_STARTING \&\& c->node_unavailable/if (c->node_unavailable/@node-unavailable said more than once"
"core.c@s/int target = c->cfg.single_child ? c->command_pid : -c->command_pid;/int target = -c->command_pid;/@--single-child ignored"
"core.c@s/signal_rest(c, SIGCONT, out);/;/@no SIGCONT in the end path"
"core.c@s/if (c->phase == PHASE_KILLING \&\& !c->is_pid1)/if (c->phase == PHASE_KILLING)/@SIGNAL_CHILDREN as PID 1"
"core.c@s/return c->phase == PHASE_RUNNING ? c->command_pid : 0;/return 0;/@the command's reap skipped by the reap loop"
"core.c@s/if (c->cfg.verbose || (c->phase == PHASE_KILLING \&\& !c->is_pid1))/if (c->cfg.verbose)/@late orphans skipped after the SIGKILL"
"core.c@s/if (c->phase != PHASE_RUNNING || c->cfg.verbose || c->stopped)/if (c->phase != PHASE_RUNNING || c->cfg.verbose)/@signals to a stopped command sent without a step"
"core.c@s/return is_stop_signal(to) ? 0 : to;/return to;/@stop signals sent without a step"
"core.c@s/if (sig == SIGCHLD)$/if (sig == -SIGCHLD)/@SIGCHLD sent on without a step"
"core.c@s/if (sig < 1 || sig > HINIT_NSIG)/if (sig < 0 || sig > HINIT_NSIG)/@signal 0 forwardable"
"core.c@s/log_always(out, LOG_KILLING/log_verbose(c, out, LOG_KILLING/@KILLING log only with -v"
"core.c@s/int tell = c->node || c->cfg.verbose;/int tell = c->cfg.verbose;/@node does not say why it reboots"
"exit_code.c@s/if (low == 0)/if (raw_status % 256 == 0)/@core-dump bit read as a signal"
"exit_code.c@s/if (raw_status < 0 || raw_status > 0xffff)/if (raw_status < 0)/@bits above 16 accepted"
"exit_code.c@s/case ELOOP:/case EIO:/@ELOOP not 127"
"exit_code.c@s/case ETXTBSY:/case EIO:/@ETXTBSY not 126"
"args.c@s/return \*rest == 0;/return 1;/@option prefixes accepted"
"args.c@s/name\[1\] == '-' \&\& name\[2\] != 0/name[1] == '-'/@-- takes =value"
"words.c@s/char ch = fold_case ? upper(text\[i\]) : text\[i\];/char ch = text[i];/@lower-case signal names rejected"
"args.c@s/if (from == SIGKILL || from == SIGSTOP || from == SIGCHLD)/if (from == SIGKILL || from == SIGSTOP)/@CHLD rewritable"
"args.c@s/if (len + 1 >= sizeof from_text)/if (len >= sizeof from_text)/@FROM buffer overflow"
"args.c@s/out->command_index = i + 1;/out->command_index = i;/@-- kept as the command"
"args.c@s/fail(out, error, option_index, value);/fail(out, error, i, value);/@error index of the value"
"signals.c@s/parse_decimal(rest + 1, HINIT_RTMAX - HINIT_RTMIN)/parse_decimal(rest + 1, HINIT_RTMAX)/@RTMIN+40 accepted"
"words.c@s/return rest \&\& \*rest == 0;/return rest != 0;/@name prefixes accepted"
"signals.c@s/if (aliases\[sig\]\[0\] != 0 \&\&/if (1 \&\&/@empty alias rows match"
"signals.c@s/if (sig < 1 || sig > 31)/if (sig < 1 || sig > 32)/@signal_name(32) out of bounds"
"signals.c@s/if (digit > max || value/if (value/@parse_decimal accepts 5 for max 3"
)

killed=0
survived=0
i=0
for m in "${mutants[@]}"; do
	IFS='@' read -r file expr what <<<"$m"
	i=$((i + 1))
	dir=$out/$i
	rm -rf "$dir"
	mkdir -p "$dir/src"
	cp src/*.c src/*.h "$dir/src/"
	sed -i "$expr" "$dir/src/$file"
	if cmp -s "src/$file" "$dir/src/$file"; then
		echo "mutant $i ($what): sed did not apply"
		survived=$((survived + 1))
		continue
	fi
	srcs=""
	for f in $core; do srcs="$srcs $dir/src/$f"; done
	# shellcheck disable=SC2086
	if ! gcc $cflags -I"$dir/src" $srcs $tests -lcmocka \
		-o "$dir/unit-tests" 2>"$dir/build.log"; then
		echo "mutant $i ($what): does not build"
		survived=$((survived + 1))
		continue
	fi
	if timeout 120 "$dir/unit-tests" >"$dir/run.log" 2>&1; then
		echo "mutant $i ($what): SURVIVED"
		survived=$((survived + 1))
	else
		n=$(grep '^\[  FAILED  \] test' "$dir/run.log" | sort -u | wc -l)
		how="$n tests failed"
		grep -qE 'AddressSanitizer|runtime error' "$dir/run.log" &&
			how="sanitizer report"
		echo "mutant $i ($what): killed ($how)"
		killed=$((killed + 1))
	fi
done
echo "$killed passed, $survived failed"
[ "$survived" = 0 ]
