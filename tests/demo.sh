#!/bin/bash
# make run: hinit as PID 1 of a fresh PID namespace, with a workload that
# leaves orphans behind, receives a forwarded signal and exits with 42.
set -u
hinit=${1:-build/hinit}
if [ "$(id -u)" != 0 ]; then
	echo "demo: needs root for a PID namespace (unshare --pid)"; exit 1
fi
workload='
echo "workload: I am pid $$ under hinit (pid 1)"
for i in 1 2 3; do (sleep 0.2 &) ; done
echo "workload: left 3 orphans for hinit to reap"
trap "echo workload: got SIGUSR1, forwarded by hinit" USR1
echo ready > "$DEMO_FIFO"
sleep 1 & wait $!
echo "workload: exiting with 42"
exit 42'
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkfifo "$dir/ready"
DEMO_FIFO=$dir/ready unshare --pid --fork --kill-child \
	"$hinit" --container --verbose -- sh -c "$workload" &
unshare_pid=$!
read -r _ < "$dir/ready"
# unshare forks hinit: signal hinit (the namespace's PID 1), not unshare.
read -r hinit_pid _ < /proc/$unshare_pid/task/$unshare_pid/children
echo "demo: sending SIGUSR1 to hinit (host pid $hinit_pid)"
kill -USR1 "$hinit_pid"
wait $unshare_pid
status=$?
echo "demo: hinit exited with $status (the workload's 42)"
[ "$status" = 42 ]
