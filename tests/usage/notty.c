/* notty [-k] COMMAND [ARG]... - the first process of a test terminal.
 *
 * Puts SIGTSTP, SIGTTIN and SIGTTOU back to their defaults (tmux 3.3
 * starts panes with SIGTTIN and SIGTTOU ignored, which a login on a real
 * terminal never has), then, unless -k, gives up the controlling
 * terminal, and execs COMMAND.  Run as the session leader of a terminal
 * (a tmux pane's first process), it leaves the terminal controlled by no
 * session: the situation of a node's console, where init starts without
 * a controlling terminal.  Giving the terminal up makes the kernel send
 * SIGHUP and SIGCONT to the foreground group (ours); SIGHUP is ignored
 * for that moment only, so COMMAND starts with default dispositions. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int keep = argc > 1 && strcmp(argv[1], "-k") == 0;
	if (argc < 2 + keep) {
		fprintf(stderr, "usage: notty [-k] COMMAND [ARG]...\n");
		return 2;
	}
	signal(SIGTSTP, SIG_DFL);
	signal(SIGTTIN, SIG_DFL);
	signal(SIGTTOU, SIG_DFL);
	if (!keep) {
		signal(SIGHUP, SIG_IGN);
		if (ioctl(0, TIOCNOTTY) < 0)
			perror("notty: TIOCNOTTY");
		signal(SIGHUP, SIG_DFL);
	}
	execvp(argv[1 + keep], argv + 1 + keep);
	perror("notty: exec");
	return 127;
}
