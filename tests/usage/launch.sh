#!/bin/sh
# launch.sh KIND HINIT-ARGS...: started by a tmux pane (see tty.sh), runs
# hinit as PID 1 of a fresh PID namespace on the pane's terminal, then
# prints hinit's exit status.  KIND says what the terminal is to hinit:
#   container  hinit leads a session that has the terminal as controlling
#              terminal, with its group in the foreground (what runc does
#              for `docker run -it`)
#   shell      hinit is a foreground job of a shell's session
#   console    no session controls the terminal (a node's console; the
#              pane's first process gave it up with notty)
kind=$1
shift
export PS1='hinit-test$ ' HISTFILE=/dev/null
case $kind in
container) set -- setsid -c "$HINIT" "$@" ;;
*) set -- "$HINIT" "$@" ;;
esac
unshare --pid --fork --kill-child --mount-proc "$@"
echo "hinit-status=$?"
