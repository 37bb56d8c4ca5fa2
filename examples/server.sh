#!/bin/sh
# A stand-in for a real service, for examples/Dockerfile: it runs workers,
# leaves an orphan behind (as daemons and badly written scripts do), and
# stops cleanly on SIGTERM (docker stop), which hinit forwards to it.
workers=1
[ "${1:-}" = --workers ] && workers=$2
pids=""
stop() {
	echo "server: SIGTERM, stopping $workers workers"
	kill $pids 2>/dev/null
	wait
	echo "server: stopped"
	exit 0
}
trap stop TERM
i=0
while [ $i -lt "$workers" ]; do
	sleep 1000 &
	pids="$pids $!"
	i=$((i + 1))
done
# The orphan: its parent exits at once, so it becomes hinit's child; hinit
# reaps it, or ends it when the service stops.
sh -c 'sleep 1000 & exit 0'
# A short-lived orphan that dies while the service runs: a zombie to reap.
sh -c '(sleep 0.2; exit 3) & exit 0'
echo "server: pid $$, $workers workers, ready"
while :; do
	sleep 1 &
	wait $!
done
