#!/bin/bash
# tests/usage/tty.sh - hinit on a real terminal (a tmux pane), as PID 1 of
# a fresh PID namespace: an interactive bash under hinit has job control
# (jobs, fg, Ctrl-Z, bg), Ctrl-C reaches the foreground job, hinit's own
# log lines get through under `stty tostop`, the command starts with no
# job-control signal blocked or ignored, and the exit status is passed on.
# Three ways to meet a terminal (see launch.sh): container (docker run -it),
# shell (a foreground job of a shell), console (a node's console).
source "$(dirname "$0")/lib.sh"
need_root
trap tmux_cleanup EXIT
export HINIT=$hinit OUT=$work/tty-out
gcc -O2 -Wall -o "$work/notty" "$root/tests/usage/notty.c" ||
	{ fail "build notty"; finish; exit 1; }

# The pane's command for KIND; the launcher prints hinit-status=N.
pane_command() {
	local kind=$1
	shift
	local keep=""
	[ "$kind" = shell ] && keep="-k "
	echo "exec $work/notty ${keep}sh $root/tests/usage/launch.sh $kind $*"
}

prompt='^hinit-test\$ '
# step TEXT REGEX NAME: types TEXT, waits for a line matching REGEX.
step() {
	keys "$1"
	if wait_for "$2" 5; then pass "$3"; else fail "$3 (no /$2/)"; fi
}
# wait_prompts N: until N prompts have been shown.
wait_prompts() {
	local deadline=$((SECONDS + 5))
	while [ $SECONDS -le $deadline ]; do
		[ "$(count "$prompt")" -ge "$1" ] && return 0
		sleep 0.05
	done
	return 1
}

interactive() {
	local kind=$1 sid_rule=$2
	echo "# interactive bash, terminal: $kind"
	pane_start "$(pane_command "$kind" --container -v -- bash --norc --noprofile -i)"
	if ! wait_for "$prompt" 5; then
		fail "$kind: bash prompt"
		pane_text | tail -5
		return
	fi
	if pane_text | grep -Eq 'no job control|cannot set terminal process group'; then
		fail "$kind: bash has job control"
	else
		pass "$kind: bash has job control"
	fi
	step 'echo "stat: $(cut -d" " -f1,5,6,8 /proc/$$/stat)"' '^stat: [0-9]' \
		"$kind: bash's stat shown"
	local pid pgrp sid tpgid
	read -r pid pgrp sid tpgid < <(pane_text | sed -n 's/^stat: //p' | tail -1)
	check "$kind: bash leads its own process group ($pid $pgrp)" \
		[ "$pgrp" = "$pid" ]
	check "$kind: bash's group is the terminal's foreground ($tpgid)" \
		[ "$tpgid" = "$pgrp" ]
	case $sid_rule in
	own) check "$kind: bash leads its own session ($sid)" [ "$sid" = "$pid" ] ;;
	hinit) check "$kind: bash is in hinit's session ($sid)" [ "$sid" = 1 ] ;;
	outside) check "$kind: bash is in the shell's session ($sid)" [ "$sid" = 0 ] ;;
	esac

	step 'sleep 100 &' '^\[1\] [0-9]+$' "$kind: sleep 100 & is job 1"
	step 'jobs' '^\[1\]\+ +Running +sleep 100 &$' "$kind: jobs lists it running"
	step 'fg' '^sleep 100$' "$kind: fg brings it to the foreground"
	sleep 0.3 # bash prints the job before it hands it the terminal
	key C-z
	if wait_for '^\[1\]\+ +Stopped +sleep 100$' 5; then
		pass "$kind: Ctrl-Z stops the foreground job"
	else
		fail "$kind: Ctrl-Z stops the foreground job"
	fi
	step 'jobs -s | sed "s/^/stopped: /"' '^stopped: \[1\]\+ +Stopped +sleep 100$' \
		"$kind: jobs -s lists it stopped"
	step 'bg' '^\[1\]\+ sleep 100 &$' "$kind: bg resumes it in the background"
	step 'jobs -r | sed "s/^/running: /"' '^running: \[1\]\+ +Running +sleep 100 &$' \
		"$kind: jobs -r lists it running again"
	keys 'fg'
	sleep 0.5
	key C-c
	step 'echo "fg-status=$?"' '^fg-status=130$' \
		"$kind: Ctrl-C kills the foreground job with SIGINT (130)"
	# hinit is not in the foreground group: under tostop its log line
	# (-v) is written from the background, which must not stop it.
	step 'stty tostop; kill -WINCH 1' 'hinit: forwarded SIGWINCH \(28\)' \
		"$kind: hinit logs from the background under stty tostop"
	wait_prompts 11 || fail "$kind: prompt after the log line"
	# Back to normal before hinit ends: a launcher without job control
	# (launch.sh) is left in the background when the command's group
	# goes (see BUGS in hinit(8)), and would stop on its next write.
	keys 'stty -tostop'
	keys 'sleep 200 &'
	local start=$SECONDS
	keys 'exit 7'
	if wait_for '^hinit-status=7$' 8; then
		pass "$kind: bash's exit status 7 is hinit's"
	else
		fail "$kind: bash's exit status 7 is hinit's"
		pane_text | tail -8
	fi
	check "$kind: the left-over background job ended with bash" \
		[ $((SECONDS - start)) -le 3 ]
	# Terminal signals go to the foreground job only, never through
	# hinit; and no SIGHUP/SIGCONT of a lost terminal is forwarded.
	if pane_text | grep -E '^hinit: forwarded SIG(INT|TSTP|QUIT|HUP|CONT|TTIN|TTOU)'; then
		fail "$kind: no terminal signal went through hinit"
	else
		pass "$kind: no terminal signal went through hinit"
	fi
}

# The command itself (no shell in between), as it starts: its group, the
# foreground, its session, and its signal mask and ignored signals.
first_process() {
	local kind=$1 sid_rule=$2
	shift 2
	echo "# the command as it starts, terminal: $kind $*"
	rm -f "$OUT"
	pane_start "$(pane_command "$kind" --container "$@" -- sh -c "'exec cat /proc/self/stat /proc/self/status >\$OUT'")"
	if ! wait_for '^hinit-status=0$' 5; then
		fail "$kind $*: command ran"
		pane_text | tail -5
		return
	fi
	local pid pgrp sid tpgid blk ign
	read -r pid pgrp sid tpgid < <(head -1 "$OUT" | cut -d' ' -f1,5,6,8)
	blk=$(sed -n 's/^SigBlk:\t//p' "$OUT")
	ign=$(sed -n 's/^SigIgn:\t//p' "$OUT")
	case $sid_rule in
	single)
		check "$kind $*: command stays in hinit's group ($pgrp)" [ "$pgrp" = 1 ]
		check "$kind $*: command stays in hinit's session ($sid)" [ "$sid" = 1 ]
		;;
	*)
		check "$kind: command leads its own group" [ "$pgrp" = "$pid" ]
		check "$kind: command is the foreground group" [ "$tpgid" = "$pgrp" ]
		;;
	esac
	check "$kind $*: no signal blocked in the command ($blk)" \
		[ "$blk" = 0000000000000000 ]
	# SIGTSTP, SIGTTIN, SIGTTOU: bits 19-21.
	check "$kind $*: no job-control signal ignored ($ign)" \
		[ $((0x$ign & 0x380000)) = 0 ]
}

interactive container hinit
interactive console hinit
interactive shell outside
first_process container hinit
first_process console hinit
first_process container single --single-child

# Ctrl-C straight to a command that is not a shell.
echo "# Ctrl-C to a plain command"
pane_start "$(pane_command container --container -v -- sleep 100)"
wait_for '^hinit: terminal: pid 2 is the foreground' 5
key C-c
check "Ctrl-C: sleep's SIGINT gives hinit status 130" wait_for '^hinit-status=130$' 5

# Without a terminal nothing of this happens: a session of its own and no
# controlling terminal (tty_nr 0, tpgid -1).
echo "# no terminal"
stat=$(unshare --pid --fork --kill-child --mount-proc "$hinit" --container -- \
	cut -d" " -f1,5,6,7,8 /proc/self/stat </dev/null 2>&1)
read -r pid pgrp sid ttynr tpgid <<<"$stat"
check "no terminal: own session, no controlling terminal ($stat)" \
	[ "$sid" = "$pid" -a "$pgrp" = "$pid" -a "$ttynr" = 0 -a "$tpgid" = -1 ]
finish
