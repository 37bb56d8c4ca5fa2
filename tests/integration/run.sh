#!/bin/bash
# Integration tests: the real static hinit as PID 1 of fresh PID namespaces
# (and as a subreaper under another PID 1), checked from outside.
#
#   tests/integration/run.sh HINIT HELPER_DIR [CASE...]
#
# HELPER_DIR holds the static helpers built from this directory: probe (the
# workload) and nsrun (PID namespace launcher that reports the exact end).
# Every case runs under `timeout` in a PID namespace of its own, so a hang
# is a failure and a failed case leaves no process behind.  Needs root.
set -u

if [ "${1:-}" = --case ]; then
	in_case=1
	shift
else
	in_case=0
fi
if [ $# -lt 2 ]; then
	echo "usage: $0 HINIT HELPER_DIR [CASE...]" >&2
	exit 2
fi
H=$(realpath "$1")
D=$(realpath "$2")
shift 2
P=$D/probe
NS=$D/nsrun
# One work directory per run: several runs may share the tree.
W=${INTEGRATION_WORK:-$D/work.$$}
export INTEGRATION_WORK=$W
# The signals a command can be sent: 1-64 but KILL, STOP and CHLD.
CATCHABLE=$(for s in $(seq 1 64); do
	case $s in 9 | 17 | 19) ;; *) echo "$s" ;; esac
done)

# ---------------------------------------------------------------- helpers
# In a case: C is its directory; the case function returns non-zero on
# failure after saying why with `bad`.
bad() {
	echo "    $*"
	return 1
}

# expect WHAT ACTUAL EXPECTED
expect() {
	[ "$2" = "$3" ] || bad "$1: got '$2', expected '$3'"
}

# expect_grep WHAT FILE PATTERN (fixed string)
expect_grep() {
	grep -qF -- "$3" "$2" || {
		bad "$1: '$3' not in $2:"
		sed 's/^/      | /' "$2" | head -20
		return 1
	}
}

now_ms() {
	local s ns
	read -r s ns < <(date +'%s %N')
	echo $((s * 1000 + 10#$ns / 1000000))
}

# wait_for FILE [TENTHS]: until FILE exists (default 10 s).
wait_for() {
	local i
	for ((i = 0; i < ${2:-100} * 10; i++)); do
		[ -e "$1" ] && return 0
		sleep 0.01
	done
	bad "timed out waiting for $1"
}

# wait_line FILE LINE [TENTHS]: until FILE holds LINE.
wait_line() {
	local i
	for ((i = 0; i < ${3:-50} * 10; i++)); do
		[ -e "$1" ] && grep -qxF -- "$2" "$1" && return 0
		sleep 0.01
	done
	bad "timed out waiting for '$2' in $1"
}

# wait_stopped PID: until the kernel shows PID stopped (State T), 2 s at most.
wait_stopped() {
	local i
	for ((i = 0; i < 200; i++)); do
		grep -q '^State:.T' "/proc/$1/status" && return 0
		sleep 0.01
	done
	return 1
}

# hinit_in_ns [-m] ARG...: hinit as PID 1 of a new PID namespace; its host
# pid goes to $C/pid, how it ended to $C/st, its stderr to $C/err.
hinit_in_ns() {
	local m=()
	if [ "$1" = -m ]; then
		m=(-m)
		shift
	fi
	"$NS" "${m[@]}" -p "$C/pid" -s "$C/st" "$H" "$@" 2>"$C/err"
}

# hinit_bg ARG...: the same in the background; BG is nsrun's pid.  A
# case that ends early kills it (and with it the whole namespace).
BGS=""
hinit_bg() {
	local m=()
	if [ "$1" = -m ]; then
		m=(-m)
		shift
	fi
	"$NS" "${m[@]}" -p "$C/pid" -s "$C/st" "$H" "$@" 2>"$C/err" &
	BG=$!
	BGS="$BGS $BG"
}

# The end of the last nsrun: "exit N" or "signal N".
ended() {
	cat "$C/st" 2>/dev/null || echo "no status"
}

# First child of a host pid (hinit's command).
first_child() {
	local c
	read -r c _ <"/proc/$1/task/$1/children"
	echo "$c"
}

hex_of() {
	local set=0 s
	for s in "$@"; do
		set=$((set | (1 << (s - 1))))
	done
	printf '%016x' "$set"
}

# ------------------------------------------------------------------ cases
# Exit status of the command passed on as is, hinit silent in a container.
case_exit_codes() {
	local code
	for code in 0 1 42 255; do
		hinit_in_ns --container -- "$P" exit $code
		expect "exit $code" "$(ended)" "exit $code" || return 1
		expect "stderr for exit $code" "$(cat "$C/err")" "" || return 1
	done
}

# Killed by signal N: 128+N, realtime signals included.
case_killed_by_signal() {
	local sig
	for sig in 1 2 3 6 9 11 15 10 12 32 33 34 50 64; do
		hinit_in_ns --container -- "$P" raise $sig
		expect "killed by $sig" "$(ended)" "exit $((128 + sig))" ||
			return 1
	done
}

# 126: exists but cannot be executed; a shebang script still runs.
case_not_executable() {
	printf '#!/bin/sh\nexit 9\n' >"$C/script"
	chmod 755 "$C/script"
	hinit_in_ns --container -- "$C/script"
	expect "shebang script" "$(ended)" "exit 9" || return 1
	printf 'exit 9\n' >"$C/noshebang"
	chmod 755 "$C/noshebang"
	: >"$C/empty"
	chmod 755 "$C/empty"
	printf '#!/bin/sh\nexit 9\n' >"$C/noexec"
	chmod 644 "$C/noexec"
	mkdir -p "$C/dir"
	local f
	for f in noshebang empty noexec dir; do
		hinit_in_ns --container -- "$C/$f" arg
		expect "$f" "$(ended)" "exit 126" || return 1
		expect_grep "$f message" "$C/err" "hinit: cannot run '$C/$f': " ||
			return 1
	done
	# The same through a PATH lookup (no shell fallback either).
	PATH=$C:/usr/bin:/bin hinit_in_ns --container -- noshebang
	expect "noshebang via PATH" "$(ended)" "exit 126"
}

# 127: not found, with and without a slash; a PATH hit runs.
case_not_found() {
	PATH=$D:/usr/bin:/bin hinit_in_ns --container -- probe exit 7
	expect "PATH lookup hit" "$(ended)" "exit 7" || return 1
	hinit_in_ns --container -- /nonexistent/command
	expect "missing path" "$(ended)" "exit 127" || return 1
	expect_grep "message" "$C/err" \
		"hinit: cannot run '/nonexistent/command': " || return 1
	PATH=$C:/usr/bin:/bin hinit_in_ns --container -- hinit-no-such-command
	expect "PATH lookup miss" "$(ended)" "exit 127" || return 1
	expect_grep "message" "$C/err" "hinit: cannot run 'hinit-no-such-command'" ||
		return 1
	# No command: /core, which this machine does not have.
	[ ! -e /core ] || bad "/core exists here: cannot check the default" ||
		return 1
	hinit_in_ns --container
	expect "no command" "$(ended)" "exit 127" || return 1
	expect_grep "message" "$C/err" "hinit: cannot run '/core'"
}

# 1 when the spawn itself fails: here a user with RLIMIT_NPROC 0 (the
# kernel refuses the clone with EAGAIN); the command never runs.
case_spawn_failure() {
	chmod 755 "$C"
	"$NS" -s "$C/st" "$(command -v setpriv)" --reuid 65534 --regid 65534 --clear-groups \
		"$(command -v prlimit)" --nproc=0 "$H" --container -- "$P" info "$C/info" \
		2>"$C/err"
	expect "spawn failure" "$(ended)" "exit 1" || return 1
	[ ! -e "$C/info" ] || bad "the command ran" || return 1
	expect_grep "message" "$C/err" \
		"hinit: cannot run '$P': Resource temporarily unavailable"
}

# 2 and a message naming the argument; as PID 1 in node mode the node end
# path instead (reboot, seen from outside as SIGHUP).
case_bad_arguments() {
	local args
	while IFS='|' read -r args what; do
		# shellcheck disable=SC2086
		hinit_in_ns --container $args -- "$P" exit 0
		expect "'$args'" "$(ended)" "exit 2" || return 1
		expect_grep "'$args' message" "$C/err" "hinit: $what" || return 1
		[ "$(wc -l <"$C/err")" = 1 ] || bad "'$args': not one line" ||
			return 1
	done <<'EOF'
--bogus|--bogus: unknown option
-x|-x: unknown option
--grace x|--grace 'x': expected whole seconds
--grace=-1|--grace=-1: expected whole seconds
--grace 31536001|--grace '31536001': expected whole seconds
--reboot-delay 1.5|--reboot-delay '1.5': expected whole seconds
--on-exit sleep|--on-exit 'sleep': expected reboot, poweroff or halt
--rewrite KILL:TERM|--rewrite 'KILL:TERM': KILL, STOP and CHLD
--rewrite TERM:65|--rewrite 'TERM:65': expected FROM:TO
--rewrite FOO:1|--rewrite 'FOO:1': expected FROM:TO
--rewrite TERM|--rewrite 'TERM': expected FROM:TO
--remap-exit 256|--remap-exit '256': expected an exit status
--container=1|--container=1: this option takes no value
--verbose=yes|--verbose=yes: this option takes no value
EOF
	# A missing value (the last argument).
	hinit_in_ns --container --grace
	expect "missing value" "$(ended)" "exit 2" || return 1
	expect_grep "missing value" "$C/err" \
		"hinit: --grace: this option needs a value" || return 1
	# Not PID 1 (node mode not possible): exits 2 too.
	"$NS" -s "$C/st" /bin/sh -c "'$H' --bogus -- '$P' exit 0" 2>"$C/err"
	expect "not PID 1" "$(ended)" "exit 2" || return 1
	# PID 1 in node mode never exits: bad arguments end in a reboot.
	hinit_in_ns --reboot-delay 0 --bogus -- "$P" exit 0
	expect "PID 1 node" "$(ended)" "signal 1" || return 1
	expect_grep "PID 1 node message" "$C/err" "hinit: --bogus: unknown"
}

case_help_version() {
	local opt
	for opt in --help -h; do
		"$NS" -s "$C/st" /bin/sh -c "'$H' $opt >'$C/out'" 2>"$C/err"
		expect "$opt" "$(ended)" "exit 0" || return 1
		expect_grep "$opt" "$C/out" "Usage: hinit [OPTIONS]" || return 1
		expect_grep "$opt" "$C/out" "--rewrite FROM:TO" || return 1
	done
	"$NS" -s "$C/st" /bin/sh -c "'$H' --version >'$C/out'" 2>"$C/err"
	expect "--version" "$(ended)" "exit 0" || return 1
	grep -qxE 'hinit [0-9]+\.[0-9]+\.[0-9]+' "$C/out" ||
		bad "--version printed '$(cat "$C/out")'" || return 1
	# As PID 1 with --container too (node mode would reboot instead).
	hinit_in_ns --container --help >"$C/out"
	expect "PID 1 --help" "$(ended)" "exit 0" || return 1
	expect_grep "PID 1 --help" "$C/out" "Usage: hinit"
}

# Hundreds of orphans re-parented to hinit while the command runs: each
# one must go to hinit and be reaped, leaving no zombie in the namespace.
case_orphans() {
	hinit_in_ns -m --container -- "$P" orphans 500 "$C/out"
	expect "status" "$(ended)" "exit 0" || {
		head "$C/out"
		return 1
	}
	expect "report" "$(cat "$C/out")" "done 500 left 0"
}

# forward_each C|CG SIG...: sends each signal to hinit and waits until the
# command (C) and the grandchild in its process group (G) recorded it as
# sent by hinit (si_pid 1).
forward_each() {
	local sig tags=$1
	shift
	for sig in "$@"; do
		kill -n "$sig" "$(cat "$C/pid")" || return 1
		wait_line "$C/rec" "C $sig 1" 20 || return 1
		if [ "$tags" = CG ]; then
			wait_line "$C/rec" "G $sig 1" 20 || return 1
		fi
	done
}

case_forward_all() {
	# shellcheck disable=SC2086
	set -- $CATCHABLE
	hinit_bg --container -- "$P" signals "$C/rec" $# g
	wait_for "$C/rec.ready" || return 1
	forward_each CG "$@" || return 1
	wait $BG
	expect "status" "$(ended)" "exit 0" || return 1
	expect "records" "$(wc -l <"$C/rec")" "$(($# * 2))"
}

# --single-child: the command gets the signal, its group does not; no
# session of its own.
case_single_child() {
	hinit_bg --container --single-child --grace 0 -- \
		"$P" signals "$C/rec" 2 g-nowait
	wait_for "$C/rec.ready" || return 1
	forward_each C 10 34 || return 1
	wait $BG
	expect "status" "$(ended)" "exit 0" || return 1
	# (The grandchild may record the end path's SIGTERM and SIGCONT.)
	expect "records" "$(grep -E '^(C|G) (10|34) ' "$C/rec" | cut -d' ' -f1,2 |
		tr '\n' ' ')" "C 10 C 34 " || return 1
	hinit_in_ns --container --single-child -- "$P" info "$C/single"
	hinit_in_ns --container -- "$P" info "$C/own"
	expect "own session" "$(grep -E '^(pid|sid|pgid) ' "$C/own" |
		cut -d' ' -f2 | tr '\n' ' ')" "2 2 2 " || return 1
	local pid sid pgid
	pid=$(sed -n 's/^pid //p' "$C/single")
	sid=$(sed -n 's/^sid //p' "$C/single")
	pgid=$(sed -n 's/^pgid //p' "$C/single")
	[ "$sid" != "$pid" ] && [ "$pgid" != "$pid" ] ||
		bad "--single-child made a session: pid $pid sid $sid pgid $pgid"
}

case_rewrite() {
	hinit_bg --container --rewrite USR1:USR2 --rewrite 12:RTMIN+3 \
		--rewrite SIGHUP:0 --rewrite rtmin:RTMAX --rewrite 33:sigint -- \
		"$P" signals "$C/rec" 5
	wait_for "$C/rec.ready" || return 1
	local pid
	pid=$(cat "$C/pid")
	kill -USR1 "$pid"
	wait_line "$C/rec" "C 12 1" || return 1
	kill -USR2 "$pid"
	wait_line "$C/rec" "C 37 1" || return 1
	kill -HUP "$pid"
	kill -n 34 "$pid"
	wait_line "$C/rec" "C 64 1" || return 1
	kill -n 33 "$pid"
	wait_line "$C/rec" "C 2 1" || return 1
	kill -TERM "$pid"
	wait $BG
	expect "status" "$(ended)" "exit 0" || return 1
	expect "records (HUP dropped)" "$(cut -d' ' -f2 "$C/rec" | tr '\n' ' ')" \
		"12 37 64 2 15 "
}

# A signal sent as soon as hinit has blocked its signals (often before the
# command exists) still reaches the command.
case_signal_at_start() {
	local i sig before=0
	for i in $(seq 1 12); do
		sig=$((i % 2 ? 15 : 10))
		rm -f "$C/pid"
		hinit_bg --container -- "$P" sleep 20000
		"$P" sendearly "$C/pid" $sig >"$C/when" || return 1
		wait $BG
		expect "run $i, signal $sig ($(cat "$C/when"))" "$(ended)" \
			"exit $((128 + sig))" || return 1
		grep -q before "$C/when" && before=$((before + 1))
	done
	echo "    $before of 12 signals arrived before the spawn"
}

# Signals pending (blocked) when hinit is exec'd reach the command, which
# starts with the same mask and takes them when it unblocks.
case_pending_at_exec() {
	local sig
	for sig in 10 15 34 64; do
		"$NS" -s "$C/st" "$P" pending $sig "$H" --container -- \
			"$P" unblock-sleep 20000 2>"$C/err"
		expect "pending $sig" "$(ended)" "exit $((128 + sig))" ||
			return 1
	done
	# Also when hinit is not PID 1.
	"$NS" -s "$C/st" /bin/sh -c "'$P' pending 15 '$H' -- \
		'$P' unblock-sleep 20000" 2>"$C/err"
	expect "pending, not PID 1" "$(ended)" "exit 143"
}

# SIGTSTP stops the command (its handler stops it, as shells and editors
# do); the SIGTERM after it must still end it (hinit adds a SIGCONT).
case_tstp_then_term() {
	hinit_bg --container -- "$P" term-handler "$C/ready"
	wait_for "$C/ready" || return 1
	local pid child
	pid=$(cat "$C/pid")
	child=$(first_child "$pid")
	kill -TSTP "$pid"
	wait_stopped "$child" || bad "command did not stop on SIGTSTP" || return 1
	grep -q '^State:.S' "/proc/$pid/status" ||
		bad "hinit itself is not sleeping: $(grep State "/proc/$pid/status")" ||
		return 1
	kill -TERM "$pid"
	wait $BG
	expect "status" "$(ended)" "exit 7"
}

# hinit stopped from outside the namespace (SIGSTOP, as the reap benchmark
# does) while it waits: a signal sent meanwhile stays pending, and after
# SIGCONT both are forwarded, in order, with no error logged (the wait
# returns EINTR or the signal; either way the loop goes on).
case_stopped_hinit() {
	hinit_bg --container -- "$P" signals "$C/rec" 2
	wait_for "$C/rec.ready" || return 1
	local pid
	pid=$(cat "$C/pid")
	kill -STOP "$pid"
	wait_stopped "$pid" || bad "hinit did not stop" || return 1
	kill -USR1 "$pid"
	sleep 0.1
	[ ! -s "$C/rec" ] || bad "forwarded while stopped: $(cat "$C/rec")" ||
		return 1
	kill -CONT "$pid"
	wait $BG
	expect "status" "$(ended)" "exit 0" || return 1
	expect "records" "$(tr '\n' ' ' <"$C/rec")" "C 10 1 C 18 1 " || return 1
	expect "stderr" "$(cat "$C/err")" ""
}

# Tens of thousands of signals while thousands of orphans come and go:
# no hang, no zombie, every orphan re-parented to hinit, the right code.
case_storm() {
	hinit_bg -m --container -- "$P" storm "${STORM_ORPHANS:-2000}" \
		"$C/out"
	wait_for "$C/out.ready" || return 1
	"$P" blast "$C/pid" "${STORM_SIGNALS:-30000}" >"$C/blast" ||
		bad "blast failed" || return 1
	kill -TERM "$(cat "$C/pid")"
	wait $BG
	echo "    $(cat "$C/blast"); probe: $(grep -v ^start "$C/out")"
	expect "status" "$(ended)" "exit 42" || return 1
	expect "one command" "$(grep -c '^start ' "$C/out")" 1 || return 1
	grep -q " left 0 " "$C/out" || bad "processes left" || return 1
	! grep -q "re-parented" "$C/out" || bad "orphans missed hinit"
}

case_argv() {
	local long
	long=$(head -c 100000 /dev/zero | tr '\0' x)
	# shellcheck disable=SC2016 # a literal $HOME
	local args=("" "a b" $'line1\nline2' $'\x01\x7f\xff\xfe' "--" "-v"
		"--help" "*" '$HOME' " " "" "$long" "last")
	hinit_in_ns --container -- "$P" argv "${args[@]}" >"$C/out"
	expect "status" "$(ended)" "exit 0" || return 1
	printf '%s\0' "${args[@]}" >"$C/want"
	cmp -s "$C/out" "$C/want" || bad "argv differs" || return 1
	# Options after the command belong to the command.
	hinit_in_ns --container "$P" argv --grace x >"$C/out"
	printf '%s\0' --grace x >"$C/want"
	expect "status without --" "$(ended)" "exit 0" || return 1
	cmp -s "$C/out" "$C/want" || bad "argv without -- differs"
}

case_env() {
	local vars=("A=1" $'NL=x\ny' $'ODD=\x01\xff' "EMPTY=" "=weird"
		"PATH=/nowhere" "SPACE= a b ")
	env -i "${vars[@]}" "$NS" -s "$C/st" "$H" --container -- \
		"$P" env >"$C/out" 2>"$C/err"
	expect "status" "$(ended)" "exit 0" || return 1
	printf '%s\0' "${vars[@]}" >"$C/want"
	cmp -s "$C/out" "$C/want" || {
		bad "environment differs:"
		tr '\0' '\n' <"$C/out" | head
		return 1
	}
}

case_stdio() {
	{
		# shellcheck disable=SC2059
		printf "$(printf '\\%03o' $(seq 0 255))"
		head -c 300000 /dev/urandom
	} >"$C/in"
	printf 'err\0\377\n' >"$C/want_err"
	"$NS" -s "$C/st" "$H" --container -- "$P" cat <"$C/in" >"$C/out" \
		2>"$C/err"
	expect "status" "$(ended)" "exit 0" || return 1
	cmp -s "$C/in" "$C/out" || bad "stdout differs" || return 1
	cmp -s "$C/want_err" "$C/err" || bad "stderr differs" || return 1
	# Through pipes as well.
	"$NS" -s "$C/st" "$H" --container -- "$P" cat <"$C/in" 2>/dev/null |
		cat >"$C/out"
	cmp -s "$C/in" "$C/out" || bad "stdout through a pipe differs"
}

# The command starts with the mask and ignored signals hinit was started
# with: the same as when run without hinit.
case_mask_dispositions() {
	local blocked=10,12,32,33,34,40,64 ignored=1,13,28,35,50
	"$NS" -s "$C/st" "$P" wrap $blocked $ignored "$H" --container -- \
		"$P" info "$C/under" 2>"$C/err"
	expect "status" "$(ended)" "exit 0" || return 1
	"$NS" -s "$C/st" "$P" wrap $blocked $ignored "$P" info "$C/direct"
	expect "SigBlk" "$(sed -n 's/^SigBlk //p' "$C/under")" \
		"$(hex_of 10 12 32 33 34 40 64)" || return 1
	expect "SigIgn" "$(sed -n 's/^SigIgn //p' "$C/under")" \
		"$(hex_of 1 13 28 35 50)" || return 1
	expect "same as direct" "$(grep ^Sig "$C/under")" \
		"$(grep ^Sig "$C/direct")" || return 1
	# And with nothing blocked or ignored, nothing is.
	"$NS" -s "$C/st" "$P" wrap - - "$H" --container -- "$P" info "$C/clean"
	expect "clean SigBlk" "$(sed -n 's/^SigBlk //p' "$C/clean")" \
		0000000000000000 || return 1
	expect "clean SigIgn" "$(sed -n 's/^SigIgn //p' "$C/clean")" \
		0000000000000000
}

# hinit started with SIGCHLD ignored (a careless parent) must still see
# its children exit (the kernel would reap them silently otherwise).
case_sigchld_ignored() {
	"$NS" -s "$C/st" "$P" wrap - 17 "$H" --container -- "$P" exit 3 \
		2>"$C/err"
	expect "status" "$(ended)" "exit 3" || return 1
	"$NS" -s "$C/st" "$P" wrap - 17 "$H" --container --grace 0 -- \
		"$P" leave plain 200 4 2>"$C/err"
	expect "with an orphan" "$(ended)" "exit 4" || return 1
	# hinit reaps with SIGCHLD at its default, but the command gets
	# the SIG_IGN back, like the other dispositions.
	"$NS" -s "$C/st" "$P" wrap - 13,17 "$H" --container -- \
		"$P" info "$C/info" 2>"$C/err"
	expect "SigIgn" "$(sed -n 's/^SigIgn //p' "$C/info")" "$(hex_of 13 17)"
}

# No fd of hinit's reaches the command, inherited ones do (hinit holds
# exactly what its parent nsrun passed on); hinit's cwd is / after the
# spawn, the command keeps the original one.
fd_list() {
	# shellcheck disable=SC2012 # fd names are numbers
	ls "/proc/$1/fd" | sort -n | tr '\n' ' '
}

case_fds_cwd() {
	mkdir -p "$C/sub"
	(
		cd "$C/sub" || exit 1
		exec 5>"$C/five" 7<"$C/five"
		"$P" info "$C/direct"
		exec "$NS" -p "$C/pid" -s "$C/st" "$H" --container -- \
			"$P" info "$C/under" 1500 2>"$C/err"
	) &
	local sub=$!
	BGS="$BGS $sub"
	wait_for "$C/under" || return 1
	local pid nsrun
	pid=$(cat "$C/pid")
	nsrun=$(sed -n 's/^PPid:.//p' "/proc/$pid/status")
	expect "hinit cwd" "$(readlink "/proc/$pid/cwd")" / || return 1
	expect "nsrun cwd" "$(readlink "/proc/$nsrun/cwd")" "$C/sub" ||
		return 1
	local inherited
	inherited=$(fd_list "$nsrun")
	case " $inherited" in
	*" 5 7 "*) ;;
	*) bad "test setup: fds 5 and 7 not inherited: $inherited" || return 1 ;;
	esac
	expect "hinit's own fds" "$(fd_list "$pid")" "$inherited" || return 1
	wait $sub
	expect "status" "$(ended)" "exit 0" || return 1
	expect "command cwd" "$(sed -n 's/^cwd //p' "$C/under")" "$C/sub" ||
		return 1
	expect "command fds" "$(sed -n 's/^fds //p' "$C/under") " \
		"$inherited" || return 1
	expect "same as direct" "$(sed -n 's/^fds //p' "$C/under")" \
		"$(sed -n 's/^fds //p' "$C/direct")"
}

# Not PID 1: hinit is a subreaper, reaps the orphans, ends its command's
# group and children, and never signals the user's other processes.
case_subreaper() {
	"$NS" -m -s "$C/st" /bin/sh -c "
		sleep 30 & sibling=\$!
		'$H' -- '$P' orphans 300 '$C/out'; echo \"rc \$?\" >'$C/rc'
		'$H' --grace 3 -- '$P' leave setsid 30000 5; echo \"rc \$?\" >>'$C/rc'
		'$H' --grace 1 -- '$P' leave ignterm 30000 6; echo \"rc \$?\" >>'$C/rc'
		kill -0 \$sibling && echo alive >>'$C/rc'
		kill \$sibling" 2>"$C/err"
	expect "statuses, sibling" "$(tr '\n' ' ' <"$C/rc")" \
		"rc 0 rc 5 rc 6 alive " || return 1
	expect "namespace" "$(ended)" "exit 0" || return 1
	expect "orphans" "$(cat "$C/out")" "done 300 left 0" || return 1
	expect_grep "message" "$C/err" "hinit: not PID 1: will exit" || return 1
	expect_grep "grace" "$C/err" "hinit: grace of 1 s is over" || return 1
	! grep -q "grace of 3 s" "$C/err" ||
		bad "setsid orphan (hinit's child) did not get SIGTERM"
}

# Node mode: reboot/poweroff/halt, seen as SIGHUP/SIGINT from outside.
case_node() {
	local how sig t
	for how in reboot:1:rebooting poweroff:2:powering halt:2:halting; do
		t=$(now_ms)
		hinit_in_ns --on-exit "${how%%:*}" -- "$P" exit 0
		t=$(($(now_ms) - t))
		sig=${how#*:}
		sig=${sig%%:*}
		expect "${how%%:*}" "$(ended)" "signal $sig" || return 1
		expect_grep "${how%%:*}" "$C/err" "hinit: synced; ${how##*:}" ||
			return 1
		((t < 2500)) || bad "status 0 waited ${t} ms" || return 1
	done
	# Default is reboot, and a status of 0 skips the 30 s delay.
	hinit_in_ns -- "$P" exit 0
	expect "default" "$(ended)" "signal 1" || return 1
	expect_grep "exit logged" "$C/err" "hinit: command exited with status 0"
}

case_reboot_delay() {
	local t
	t=$(now_ms)
	hinit_in_ns --reboot-delay 2 -- "$P" exit 1
	t=$(($(now_ms) - t))
	expect "status" "$(ended)" "signal 1" || return 1
	expect_grep "message" "$C/err" "hinit: command failed: rebooting in 2 s" ||
		return 1
	((t >= 1900 && t < 6000)) || bad "delay of 2 s took ${t} ms" || return 1
	echo "    --reboot-delay 2 took ${t} ms"
	t=$(now_ms)
	hinit_in_ns --reboot-delay 0 --on-exit halt -- "$P" raise 15
	t=$(($(now_ms) - t))
	expect "delay 0" "$(ended)" "signal 2" || return 1
	((t < 2000)) || bad "--reboot-delay 0 took ${t} ms"
}

case_node_without_cap_sys_boot() {
	"$NS" -s "$C/st" "$(command -v setpriv)" --bounding-set -sys_boot --inh-caps -sys_boot \
		"$H" -- "$P" exit 3 2>"$C/err"
	expect "status" "$(ended)" "exit 3" || return 1
	expect_grep "message" "$C/err" "hinit: no CAP_SYS_BOOT: will exit" ||
		return 1
	! grep -q "synced;" "$C/err" || bad "tried to reboot"
}

case_not_pid1() {
	local t
	t=$(now_ms)
	"$NS" -s "$C/st" /bin/sh -c "'$H' -- '$P' exit 4" 2>"$C/err"
	t=$(($(now_ms) - t))
	expect "status" "$(ended)" "exit 4" || return 1
	expect_grep "message" "$C/err" "hinit: not PID 1: will exit" || return 1
	[ "$(wc -l <"$C/err")" = 1 ] || bad "more than one line" || return 1
	((t < 2500)) || bad "took ${t} ms (reboot delay?)"
}

# Grace: a process ignoring SIGTERM is killed after --grace seconds.
case_grace() {
	local t g
	for g in 1 0; do
		t=$(now_ms)
		hinit_in_ns --container --grace $g -- "$P" leave ignterm 30000 0
		t=$(($(now_ms) - t))
		expect "grace $g" "$(ended)" "exit 0" || return 1
		echo "    --grace $g: ${t} ms"
		if ((g == 1)); then
			((t >= 1000 && t < 4000)) || bad "took ${t} ms" ||
				return 1
			expect_grep "message" "$C/err" \
				"hinit: grace of 1 s is over: sending SIGKILL" ||
				return 1
		else
			((t < 900)) || bad "took ${t} ms" || return 1
		fi
	done
	# A process that does not ignore SIGTERM ends the grace early.
	t=$(now_ms)
	hinit_in_ns --container --grace 20 -- "$P" leave plain 30000 0
	t=$(($(now_ms) - t))
	expect "plain orphan" "$(ended)" "exit 0" || return 1
	((t < 3000)) || bad "grace not cut short: ${t} ms"
}

# With nothing to do, hinit never wakes up.
case_idle() {
	hinit_bg --container -- "$P" sleep 20000 "$C/ready"
	wait_for "$C/ready" || return 1
	local pid a b
	pid=$(cat "$C/pid")
	sleep 0.3
	a=$(grep ctxt_switches "/proc/$pid/status" | tr -s '\t\n' '  ')
	sleep 2
	b=$(grep ctxt_switches "/proc/$pid/status" | tr -s '\t\n' '  ')
	kill -TERM "$pid"
	wait $BG
	expect "status" "$(ended)" "exit 143" || return 1
	expect "context switches over 2 s" "$b" "$a"
}

case_verbose() {
	hinit_bg --container -v -- "$P" signals "$C/rec" 1
	wait_for "$C/rec.ready" || return 1
	kill -USR1 "$(cat "$C/pid")"
	wait $BG
	expect "status" "$(ended)" "exit 0" || return 1
	local line
	for line in "hinit: started '$P' as pid 2" \
		"hinit: forwarded SIGUSR1 (10) to process group 2" \
		"hinit: command exited with status 0" \
		"hinit: sending SIGTERM to the remaining processes, grace 5 s" \
		"hinit: exiting with status 0"; do
		expect_grep "verbose" "$C/err" "$line" || return 1
	done
	! grep -qv '^hinit: ' "$C/err" || bad "line without prefix" || return 1
	# Reaped orphans are logged too.
	hinit_in_ns --container -v --grace 0 -- "$P" leave plain 0 0
	expect_grep "reap" "$C/err" "hinit: reaped pid 4, wait status 0"
}

case_remap_exit() {
	hinit_in_ns --container --remap-exit 3 --remap-exit=143 -- "$P" exit 3
	expect "3 remapped" "$(ended)" "exit 0" || return 1
	hinit_in_ns --container --remap-exit 3 --remap-exit=143 -- "$P" raise 15
	expect "143 remapped" "$(ended)" "exit 0" || return 1
	hinit_in_ns --container --remap-exit 3 -- "$P" exit 4
	expect "4 kept" "$(ended)" "exit 4"
}

# name:timeout (seconds), in the order they run.
CASES="exit_codes:20 killed_by_signal:20 not_executable:20 not_found:20
spawn_failure:20 bad_arguments:30 help_version:20 orphans:30 forward_all:60
single_child:20 rewrite:20 signal_at_start:60 pending_at_exec:20
tstp_then_term:20 stopped_hinit:20 storm:120 argv:20 env:20 stdio:20 mask_dispositions:20
sigchld_ignored:20 fds_cwd:20 subreaper:40 node:20 reboot_delay:20
node_without_cap_sys_boot:20 not_pid1:20 grace:30 idle:20 verbose:20
remap_exit:20"

if ((in_case)); then
	C=$W/$1
	rm -rf "$C"
	mkdir -p "$C"
	# shellcheck disable=SC2154 # p is the loop's
	trap 'for p in $BGS; do kill -KILL $p 2>/dev/null; done' EXIT
	"case_$1"
	exit $?
fi

if [ "$(id -u)" != 0 ]; then
	echo "integration: needs root (PID namespaces, reboot rights)"
	echo "0 passed, 1 failed"
	exit 1
fi
mkdir -p "$W"
passed=0
failed=0
start=$SECONDS
for entry in $CASES; do
	name=${entry%%:*}
	limit=${entry##*:}
	if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then
		continue
	fi
	t=$(now_ms)
	timeout -k 5 "$limit" "$0" --case "$H" "$D" "$name" >"$W/$name.log" 2>&1
	rc=$?
	t=$(($(now_ms) - t))
	if [ $rc = 0 ]; then
		echo "ok   $name (${t} ms)"
		passed=$((passed + 1))
	else
		if [ $rc = 124 ] || [ $rc = 137 ]; then
			echo "FAIL $name (timed out after $limit s)"
		else
			echo "FAIL $name"
		fi
		failed=$((failed + 1))
	fi
	sed 's/^/  /' "$W/$name.log"
done
echo "integration: $((SECONDS - start)) s"
if [ $failed = 0 ]; then
	rm -rf "$W"
else
	echo "integration: the failed cases' files are in $W"
fi
echo "$passed passed, $failed failed"
[ $failed = 0 ]
