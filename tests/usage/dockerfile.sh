#!/bin/bash
# tests/usage/dockerfile.sh - examples/Dockerfile, run as Docker would run
# it but without a Docker engine: its ENTRYPOINT + CMD (exec form), with
# the files it COPYs in place of their image paths, as PID 1 of a fresh
# PID namespace.  Checks what `docker run` and `docker stop` rely on: the
# service runs as PID 2 under hinit, orphans come to hinit and are reaped,
# SIGTERM to PID 1 stops the service cleanly with status 0 and nothing is
# left; `docker run IMAGE cmd` replaces CMD and passes its status on.
source "$(dirname "$0")/lib.sh"
need_root
dockerfile=$root/examples/Dockerfile
tmp=$(mktemp -d "$work/docker.XXXXXX")
unshare_pid=""
cleanup() {
	[ -n "$unshare_pid" ] && kill -KILL "$unshare_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# JSON array of plain strings (no escapes) -> one element per line.
json_array() {
	sed -E 's/^[[:space:]]*\[//; s/\][[:space:]]*$//' <<<"$1" |
		grep -oE '"[^"]*"' | sed -E 's/^"//; s/"$//'
}
entry_line=$(sed -n 's/^ENTRYPOINT[[:space:]]*//p' "$dockerfile")
cmd_line=$(sed -n 's/^CMD[[:space:]]*//p' "$dockerfile")
check "ENTRYPOINT is in exec form (hinit itself is PID 1, not /bin/sh)" \
	grep -Eq '^\[.*\]$' <<<"$entry_line"
check "CMD is in exec form" grep -Eq '^\[.*\]$' <<<"$cmd_line"
mapfile -t entry < <(json_array "$entry_line")
mapfile -t cmd < <(json_array "$cmd_line")
check "ENTRYPOINT runs hinit --container -- [${entry[*]}]" \
	test "${entry[1]:-}" = --container -a "${entry[-1]:-}" = --

# COPY SRC DST: the image path DST is the source file SRC.
declare -A copied
while read -r _ src dst; do
	copied[$dst]=$root/$src
done < <(grep -E '^COPY[[:space:]]' "$dockerfile")
check "the Dockerfile COPYs build/hinit to ${entry[0]}" \
	test "${copied[${entry[0]}]:-}" = "$root/build/hinit"
image_argv() {
	local a
	for a in "$@"; do
		if [ -n "${copied[$a]:-}" ]; then
			# build/hinit under test may be another build (HINIT).
			[ "${copied[$a]}" = "$root/build/hinit" ] && a=$hinit || a=${copied[$a]}
		fi
		printf '%s\n' "$a"
	done
}
mapfile -t argv < <(image_argv "${entry[@]}" "${cmd[@]}")
echo "# docker run: ${argv[*]}"

unshare --pid --fork --kill-child --mount-proc "${argv[@]}" \
	</dev/null >"$tmp/out" 2>&1 &
unshare_pid=$!
ready=0
for _ in $(seq 100); do
	grep -q 'ready' "$tmp/out" && { ready=1; break; }
	sleep 0.05
done
check "the service started [$(tr '\n' ' ' <"$tmp/out")]" test "$ready" = 1
read -r hinit_pid _ </proc/$unshare_pid/task/$unshare_pid/children
check "hinit is the PID 1 (host pid $hinit_pid)" \
	grep -q "^NSpid:.*[[:space:]]1$" /proc/$hinit_pid/status
check "the service is PID 2" grep -q 'server: pid 2,' "$tmp/out"
sleep 0.6 # the short-lived orphan has ended by now
children=$(ps -o pid=,stat=,args= --ppid "$hinit_pid")
echo "$children" | sed 's/^/    /'
check "an orphan of the service was re-parented to hinit" \
	grep -q 'sleep 1000' <<<"$children"
check "no zombie among hinit's children" \
	test -z "$(awk '$2 ~ /^Z/' <<<"$children")"
orphan=$(awk '/sleep 1000/ {print $1; exit}' <<<"$children")

# docker stop: SIGTERM to PID 1.
start=$SECONDS
kill -TERM "$hinit_pid"
status=timeout
for _ in $(seq 100); do
	if ! kill -0 "$unshare_pid" 2>/dev/null; then
		wait "$unshare_pid"
		status=$?
		break
	fi
	sleep 0.05
done
unshare_pid=""
check "docker stop: the service stopped cleanly, status 0 [$status]" \
	test "$status" = 0
check "docker stop: took under 3 s (the grace is 5 s)" test $((SECONDS - start)) -lt 3
check "the service saw the SIGTERM" grep -q 'server: stopped' "$tmp/out"
check "the orphan is gone too" test ! -e "/proc/$orphan"

# docker run IMAGE sh -c 'exit 3': the arguments replace CMD.
mapfile -t argv < <(image_argv "${entry[@]}" sh -c 'exit 3')
timeout 10 unshare --pid --fork --kill-child "${argv[@]}" </dev/null
check "docker run IMAGE cmd: the command's status 3 is the container's" \
	test $? = 3
# An option-like command is the command, not an option of hinit ("--").
mapfile -t argv < <(image_argv "${entry[@]}" --version)
out=$(timeout 10 unshare --pid --fork --kill-child "${argv[@]}" </dev/null 2>&1)
check "docker run IMAGE --version runs the command --version (127)" \
	grep -q "cannot run '--version'" <<<"$out"
finish
