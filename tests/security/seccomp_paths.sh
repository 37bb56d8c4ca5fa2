#!/bin/bash
# seccomp_paths.sh - hinit runs every path under its filter and the
# filter refuses nothing it does.
#
# Each case runs twice: under strace -f (hinit's own trace must show the
# filter installed and no call after it failing with ENOSYS, the filter's
# answer; every call hinit makes exists) and plainly (the exit status is
# checked, and the kernel log must not gain an audit type=1326 record
# for hinit).  Paths: forwarded signals (plain, real-time, sigqueue'd),
# orphans reaped, grace running out (SIGKILL), container end, not PID 1,
# --single-child, PID 1 of a PID namespace in container mode (kill -1)
# and in node mode (sync, reboot delay, reboot -> SIGHUP; poweroff ->
# SIGINT; bad arguments -> node end), stderr closed.
# Usage: tests/security/seccomp_paths.sh HINIT
cd "$(dirname "$0")/../.." || exit 1
. tests/security/lib.sh
H=$(realpath "${1:-build/hinit}")
OUT=${SECURITY_OUT:-build/security}/paths
rm -rf "$OUT"
mkdir -p "$OUT"
if ! command -v strace >/dev/null; then
	fail "strace is not installed (make deps-test installs it)"
	finish
fi
ns_ok=1
unshare --pid --fork --mount-proc true 2>/dev/null || ns_ok=0

# The command: ignores TERM and USR1 in two helpers (one orphaned, so
# hinit reaps a child it did not start), tells hinit it is ready, exits
# 7 when hinit forwards USR1 to its process group.
WORK='trap "exit 7" USR1
(trap "" TERM USR1; exec sleep 20) &
(trap "" TERM USR1; sleep 20 &)
sleep 0.2
kill -USR1 $PPID
while :; do sleep 0.05; done'
# Sends hinit (pid $PPID) a real-time signal (34+3: RTMIN as glibc
# counts) and a sigqueue payload, both ignored when forwarded back, then
# HUP, on which it exits 3.
QUEUE='trap "" 37 USR2
kill -s RTMIN+3 $PPID; sleep 0.1
kill -q 12345 -s USR2 $PPID 2>/dev/null || kill -s USR2 $PPID
sleep 0.1; trap "exit 3" HUP; kill -HUP $PPID; while :; do sleep 0.05; done'

# case NAME EXPECTED_RC LOG_REGEX COMMAND...
run_case() {
	local name=$1 want=$2 logre=$3
	shift 3
	local dir=$OUT/$name
	mkdir -p "$dir"
	{ (timeout 60 strace -f -ff -qq -o "$dir/trace" -- "$@" \
		>"$dir/strace.out" 2>&1); } 2>/dev/null
	local files
	files=$(grep -l "^execve(\"$H\"" "$dir"/trace.* 2>/dev/null)
	if [ "$(echo "$files" | grep -c .)" != 1 ]; then
		fail "$name: expected one hinit trace, found: $files"
		return
	fi
	if ! grep -q '^seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG.* = 0$' "$files"; then
		fail "$name: filter not installed (see $files)"
		return
	fi
	sed '1,/^seccomp(/d' "$files" >"$dir/after-filter"
	local refused
	refused=$(grep -c 'ENOSYS' "$dir/after-filter")
	local calls
	calls=$(sed -n 's/^\([a-z0-9_]*\)(.*/\1/p' "$dir/after-filter" |
		sort -u | tr '\n' ' ')
	echo "$calls" >"$dir/calls"
	check "$name (strace): nothing refused after the filter ($refused ENOSYS); calls: $calls" \
		test "$refused" = 0
	# Plain run: the exit status and the log.
	{ (timeout 60 "$@" >"$dir/out" 2>&1); } 2>/dev/null
	rc=$?
	check "$name: exit status $rc (want $want)" test "$rc" = "$want"
	if [ -n "$logre" ]; then
		check "$name: log says /$logre/" grep -Eq "$logre" "$dir/out"
	fi
}

if dmesg >/dev/null 2>&1; then
	before=$(dmesg | grep 'type=1326' | grep -c 'comm="hinit"')
fi

run_case container-grace 7 'grace of 1 s is over' \
	"$H" --container -v --grace 1 -- sh -c "$WORK"
run_case signals-sigqueue 3 'forwarded SIGUSR2.*' \
	"$H" --container -v --grace 1 -- sh -c "$QUEUE"
run_case not-pid1-node 3 'not PID 1' \
	"$H" -v --grace 0 -- sh -c 'sleep 20 & exit 3'
run_case single-child 143 'forwarded SIGTERM \(15\) to pid' \
	"$H" --container --single-child -v -- sh -c 'kill -TERM $PPID; sleep 5'
run_case stderr-closed 0 '' \
	sh -c "exec 2>&-; exec '$H' --container -v -- true"
run_case spawn-failed 127 'cannot run' \
	"$H" --container -v -- /nonexistent/command
if [ "$ns_ok" = 1 ]; then
	run_case pidns-container 5 'command exited with status 5' \
		unshare --pid --fork --mount-proc \
		"$H" --container -v --grace 1 -- \
		sh -c '(trap "" TERM; exec sleep 20) & (sleep 20 &); exit 5'
	run_case pidns-node-reboot 129 'synced; rebooting' \
		unshare --pid --fork --mount-proc \
		"$H" -v --grace 1 --reboot-delay 1 -- sh -c "$WORK"
	run_case pidns-node-poweroff 130 'synced; powering off' \
		unshare --pid --fork --mount-proc \
		"$H" -v --grace 0 --on-exit poweroff -- true
	run_case pidns-node-badargs 129 'unknown option' \
		unshare --pid --fork --mount-proc \
		"$H" --reboot-delay 0 --bogus
	# The reboot ends hinit: the kernel kills PID 1 with SIGHUP.
	check "pidns-node-reboot: the kernel ended hinit with SIGHUP" \
		grep -q '^+++ killed by SIGHUP' \
		$(grep -l "^execve(\"$H\"" "$OUT"/pidns-node-reboot/trace.*)
else
	fail "PID namespace cases: unshare --pid --fork --mount-proc failed (need root)"
fi

if [ -n "$before" ]; then
	after=$(dmesg | grep 'type=1326' | grep -c 'comm="hinit"')
	check "kernel log: no refusal logged for hinit ($((after - before)) new)" \
		test "$after" = "$before"
else
	skip "kernel log of refusals: dmesg not readable"
fi
finish
