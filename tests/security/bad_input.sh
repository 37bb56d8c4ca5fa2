#!/bin/bash
# bad_input.sh - hostile or odd input from every side gets a defined
# result and never crashes hinit (which runs with its seccomp filter on):
# argv, environment, signals (floods, sigqueue payloads, other users,
# SIGKILL/SIGSTOP to PID 1) and the command's statuses.
# Usage: tests/security/bad_input.sh HINIT
cd "$(dirname "$0")/../.." || exit 1
. tests/security/lib.sh
H=$(realpath "${1:-build/hinit}")
OUT=${SECURITY_OUT:-build/security}/bad_input
mkdir -p "$OUT"

# status WANT DESCRIPTION COMMAND...: exit status and no crash signal.
status() {
	local want=$1 what=$2
	shift 2
	{ (timeout 20 "$@" >"$OUT/last.out" 2>&1); } 2>/dev/null
	local rc=$?
	check "$what: status $rc (want $want)" test "$rc" = "$want"
}

# argv: every bad option is status 2 with one message, never a crash.
long=$(head -c 100000 /dev/zero | tr '\0' x)
for bad in --grace --grace=-1 --grace=31536001 --grace=99999999999999999999 \
	--grace=1e3 --grace=0x10 "--grace= 1" --reboot-delay=-0 --on-exit=foo \
	--on-exit= --rewrite=:: --rewrite=9:1 --rewrite=CHLD:1 --rewrite=65:1 \
	--rewrite=TERM:65 --rewrite=RTMIN+31:1 --rewrite=$long:1 --remap-exit=256 \
	--remap-exit=-1 --bogus -x --verbose=1 --container=1 "--$long" \
	$'--\xff\xfe'; do
	status 2 "argv ${bad:0:40}" "$H" --container "$bad"
done
check "argv: a bad option gets one 'hinit:' line" \
	test "$(grep -c '^hinit: ' "$OUT/last.out")" = 1
status 127 "argv: empty command name" "$H" --container -- ""
status 127 "argv: '-' is a command (not found), not an option" "$H" --container -
status 126 "argv: command is a directory" "$H" --container -- /
status 0 "argv: 100 KB argument passed on" "$H" --container -- true "$long"
status 0 "argv: 10000 arguments" "$H" --container -- true $(seq 10000)
status 0 "argv: non-UTF-8 bytes in the command's arguments" \
	"$H" --container -- true $'\xff\xfe\x01'

# environment
status 0 "env: empty environment (musl's default PATH)" \
	env -i "$H" --container -- true
status 127 "env: PATH of garbage" env PATH=$'::\xff/x:'"$long" "$H" --container -- true
status 0 "env: 200 KB of variables" \
	env B1="$long" B2="$long" "$H" --container -- env B3="$long" B4="$long" true
status 127 "env: PATH with 10000 empty entries" \
	env PATH="$(printf ':%.0s' $(seq 10000))" "$H" --container -- hinit-no-such-command

# signals: a flood of every catchable signal, with sigqueue payloads, at
# hinit; the command ignores them all and exits 9 on SIGUSR1 after.
cat >"$OUT/flood.sh" <<'SH'
for s in $(seq 1 64); do case $s in 9|17|19|10) ;; *) trap "" $s;; esac; done
trap "exit 9" USR1
for s in 1 2 3 4 5 6 7 8 11 12 13 14 15 16 18 20 21 22 23 24 25 26 27 28 29 30 31 34 40 50 64; do
	kill -s $s $PPID
	kill -q $((s * 1000003)) -s $s $PPID 2>/dev/null
	kill -q -1 -s $s $PPID 2>/dev/null
done
sleep 0.3
kill -s USR1 $PPID
while :; do sleep 0.05; done
SH
status 9 "signals: flood of 1..64 (sigqueue payloads too) ends as the command says" \
	"$H" --container --grace 1 -- sh "$OUT/flood.sh"
# 2000 signals in a burst: standard ones coalesce, real-time ones queue up
# to the limit; hinit handles what comes and stays correct.
status 9 "signals: 2000 RT signals with payloads in a burst" \
	"$H" --container --grace 1 -- sh -c 'trap "" 40; trap "exit 9" USR1
	i=0; while [ $i -lt 2000 ]; do kill -q $i -s 40 $PPID; i=$((i+1)); done
	kill -s USR1 $PPID; while :; do sleep 0.05; done'

if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
	# hinit as uid 65534; another unprivileged uid cannot signal it (the
	# kernel says EPERM) and hinit keeps running until its command ends.
	(timeout 20 setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$H" --container -- sleep 1.5 >"$OUT/user.out" 2>&1) &
	sleep 0.5
	hp=$(pgrep -n -u 65534 -f "$H --container -- sleep 1.5")
	if [ -n "$hp" ]; then
		if setpriv --reuid=65533 --regid=65533 --clear-groups kill -TERM "$hp" 2>/dev/null; then
			fail "signals: another user could signal hinit"
		else
			pass "signals: another user's SIGTERM is refused by the kernel (EPERM)"
		fi
	else
		fail "signals: hinit as uid 65534 not found"
	fi
	wait $!
	check "signals: hinit ran on and exited with the command's 0" test $? = 0
else
	skip "signals from another user: needs root and setpriv"
fi

if unshare --pid --fork --mount-proc true 2>/dev/null; then
	# PID 1 ignores SIGKILL/SIGSTOP from inside its namespace (kernel).
	# SIGSEGV is forwarded like any signal; the command ignores it.
	status 4 "signals: SIGKILL, SIGSTOP and SIGSEGV sent to PID 1 from inside" \
		unshare --pid --fork --mount-proc "$H" --container -- \
		sh -c 'trap "" SEGV; kill -KILL 1; kill -STOP 1; kill -SEGV 1; sleep 0.2; exit 4'
else
	skip "PID 1 cases: unshare --pid needs root"
fi

# statuses
status 255 "status: exit 255" "$H" --container -- sh -c 'exit 255'
status 137 "status: killed by SIGKILL" "$H" --container -- sh -c 'kill -KILL $$'
status 139 "status: SIGSEGV (core dump bit set when cores are on)" \
	"$H" --container -- sh -c 'ulimit -c unlimited 2>/dev/null; kill -SEGV $$'
status 0 "status: --remap-exit 255 maps 255 to 0" \
	"$H" --container --remap-exit 255 -- sh -c 'exit 255'
rm -f "$OUT/stopped.pid"
(sleep 0.5; p=$(cat "$OUT/stopped.pid"); kill -INT "$p"; kill -CONT "$p") &
status 130 "status: a stopped command, then SIGINT and SIGCONT" \
	"$H" --container -- sh -c "echo \$\$ >$OUT/stopped.pid; kill -STOP \$\$"
wait
finish
