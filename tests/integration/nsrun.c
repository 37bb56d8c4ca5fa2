/* nsrun.c - runs a program as PID 1 of a fresh PID namespace and reports
 * exactly how it ended (run.sh cannot tell "killed by SIGHUP" from
 * "exited 129" through unshare(1)).
 *
 *   nsrun [-m] [-p PIDFILE] [-s STATUSFILE] PROG ARG...
 *
 * -m: also a mount namespace with its own /proc (ps and /proc show only
 * the new PID namespace).  PIDFILE receives PROG's pid as seen from here;
 * STATUSFILE "exit N" or "signal N".  The exit status is N or 128+N.
 * PROG gets SIGKILL if nsrun dies, so a timed-out test leaves nothing. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void write_text(const char *path, const char *text)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, text, strlen(text)) < 0 || close(fd) < 0 ||
	    rename(tmp, path) < 0) {
		perror(path);
		exit(96);
	}
}

int main(int argc, char **argv)
{
	int mount_proc = 0, i = 1;
	const char *pidfile = 0, *statusfile = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-m"))
			mount_proc = 1;
		else if (!strcmp(argv[i], "-p") && i + 1 < argc)
			pidfile = argv[++i];
		else if (!strcmp(argv[i], "-s") && i + 1 < argc)
			statusfile = argv[++i];
		else
			break;
	}
	if (i >= argc) {
		fprintf(stderr,
			"usage: nsrun [-m] [-p PIDFILE] [-s STATUSFILE] "
			"PROG ARG...\n");
		return 96;
	}
	if (unshare(CLONE_NEWPID | (mount_proc ? CLONE_NEWNS : 0)) < 0) {
		perror("nsrun: unshare");
		return 96;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("nsrun: fork");
		return 96;
	}
	if (pid == 0) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
			_exit(96);
		if (mount_proc &&
		    (mount("none", "/", 0, MS_REC | MS_PRIVATE, 0) < 0 ||
		     mount("proc", "/proc", "proc",
			   MS_NOSUID | MS_NODEV | MS_NOEXEC, 0) < 0)) {
			perror("nsrun: mount /proc");
			_exit(96);
		}
		execv(argv[i], &argv[i]);
		perror(argv[i]);
		_exit(96);
	}
	char text[64];
	if (pidfile) {
		snprintf(text, sizeof text, "%d\n", (int)pid);
		write_text(pidfile, text);
	}
	/* Our own SIGINT/SIGTERM (a timeout) must not leave PROG behind:
	 * the default action kills us and PDEATHSIG kills PROG. */
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("nsrun: waitpid");
			return 96;
		}
	int code;
	if (WIFEXITED(status)) {
		snprintf(text, sizeof text, "exit %d\n", WEXITSTATUS(status));
		code = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		snprintf(text, sizeof text, "signal %d\n", WTERMSIG(status));
		code = 128 + WTERMSIG(status);
	} else {
		snprintf(text, sizeof text, "raw %d\n", status);
		code = 96;
	}
	if (statusfile)
		write_text(statusfile, text);
	return code;
}
