# tests/usage/lib.sh - shared by the usage tests: checks, counters, tmux.
# Each test script sources it, calls check/pass/fail (tests/counts.sh)
# and ends with `finish`.
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/tests/counts.sh"
hinit=${HINIT:-$root/build/hinit}
work=$root/build/usage
mkdir -p "$work"

need_root() {
	if [ "$(id -u)" != 0 ]; then
		fail "needs root (unshare --pid)"
		finish
	fi
}

# --- tmux: one private server per test script, one pane at a time. ---
tmux_socket=$work/tmux-$$.sock
tm() { tmux -S "$tmux_socket" -f /dev/null "$@"; }
tmux_cleanup() {
	tm kill-server 2>/dev/null
	rm -f "$tmux_socket"
}
# pane_start COMMAND: a 160x50 pane running COMMAND (with /bin/sh -c); the
# pane stays after COMMAND ends so its last lines can still be read.
pane_start() {
	tm kill-server 2>/dev/null
	tm start-server \; set -g remain-on-exit on \; \
		set -g default-shell /bin/sh \; set -g history-limit 5000 \; \
		new-session -d -s t -x 160 -y 50 "$1"
}
pane_text() { tm capture-pane -p -J -S - -t t 2>/dev/null; }
# keys TEXT: types TEXT and Enter; key NAME: one key (C-c, C-z).
keys() { tm send-keys -t t -l "$1" && tm send-keys -t t Enter; }
key() { tm send-keys -t t "$1"; }
# wait_for REGEX [SECONDS]: until the pane shows a line matching REGEX.
wait_for() {
	local deadline=$((SECONDS + ${2:-5}))
	while [ $SECONDS -le $deadline ]; do
		pane_text | grep -Eq -- "$1" && return 0
		sleep 0.05
	done
	return 1
}
# count REGEX: how many lines of the pane match.
count() { pane_text | grep -Ec -- "$1"; }
