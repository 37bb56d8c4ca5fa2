/* sys_spawn.c - start the command, and hand it the terminal.
 *
 * hinit forks; the child sets up the command's session or process group
 * and its terminal while every signal is still blocked, restores the mask
 * hinit was started with, and execs with execvp's PATH search (musl's has
 * no shell fallback for files without "#!").  A pipe closed on exec brings
 * back the errno of a failed step; hinit returns only at the pipe's end of
 * file, that is once the command has exec'd or died, so its session and
 * process group exist before hinit forwards anything.  Signal dispositions
 * pass on as hinit got them: hinit changes none but an ignored SIGCHLD,
 * which the child ignores again before its exec.
 *
 * The terminal, when stdin is one and not with --single-child:
 *  - stdin is the controlling terminal of hinit's session (docker run -it:
 *    runc makes it so; or hinit started from a shell): the command gets a
 *    process group of its own in that session and, if hinit's group was
 *    the foreground one, the foreground (tcsetpgrp, as tini does).  The
 *    child does it before its exec, so the command never touches the
 *    terminal from the background.  A background group may take the
 *    foreground without being stopped when SIGTTOU is blocked, which it is
 *    until the mask is restored.
 *  - stdin is a terminal that no session controls and hinit is PID 1 (a
 *    node's console): hinit makes it its own controlling terminal and
 *    then treats it as above.  Were the command the session leader, its
 *    exit would hang the console up and SIGHUP its children before the
 *    end path's SIGTERM and grace; hinit never exits, so never hangs up.
 *  - stdin is a terminal that no session controls, hinit not PID 1: a
 *    new session that takes it as controlling terminal (TIOCSCTTY, as
 *    dumb-init does), which makes the command the foreground.
 *  - otherwise (no terminal, or another session's): a new session without
 *    a controlling terminal.
 * hinit never gives a controlling terminal up: that would make the kernel
 * send SIGHUP and SIGCONT to the foreground group, hinit's own, which
 * hinit would then forward and kill the command with.  It never steals
 * another session's terminal either, and never takes the foreground back;
 * it does not read the terminal, and with SIGTTOU blocked its log lines
 * are written even from the background under "stty tostop". */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "log.h"
#include "sys.h"

enum terminal_plan {
	TERMINAL_NONE = 0,	 /* new session, no controlling terminal */
	TERMINAL_FOREGROUND = 1, /* own group in hinit's session, foreground */
	TERMINAL_BACKGROUND = 2, /* own group in hinit's session */
	TERMINAL_ACQUIRE = 3,	 /* new session, stdin as controlling tty */
	TERMINAL_SHARED = 4,	 /* --single-child: hinit's session and group */
	TERMINAL_ADOPT = 5,	 /* PID 1: take stdin as hinit's own terminal */
};

/* What the child sends back through the pipe before it execs or dies. */
enum spawn_step {
	STEP_EXEC = 0,	     /* fatal: execvp failed */
	STEP_SESSION = 1,    /* fatal: setsid or setpgid failed */
	STEP_FOREGROUND = 2, /* tcsetpgrp failed: the command runs anyway */
	STEP_ACQUIRE = 3,    /* TIOCSCTTY failed: the command runs anyway */
};

struct spawn_report {
	int step; /* enum spawn_step */
	int err;
};

static int terminal_plan(int single_child)
{
	if (single_child)
		return TERMINAL_SHARED;
	if (!isatty(0))
		return TERMINAL_NONE;
	/* Succeeds only for the controlling terminal of hinit's session. */
	pid_t foreground = tcgetpgrp(0);
	if (foreground < 0)
		return getpid() == 1 ? TERMINAL_ADOPT : TERMINAL_ACQUIRE;
	/* A group outside hinit's PID namespace reads as 0.  Both 0 (hinit
	 * is PID 1 of a namespace made by `unshare --fork` run from a shell)
	 * cannot be told apart and counts as hinit's: the common case. */
	return foreground == getpgrp() ? TERMINAL_FOREGROUND
				       : TERMINAL_BACKGROUND;
}

/* PID 1 takes the free terminal on stdin as its controlling terminal
 * (it is a session leader already, or becomes one); 0 never steals. */
static int adopt_terminal(void)
{
	if (getsid(0) != getpid() && setsid() < 0)
		return TERMINAL_ACQUIRE;
	if (ioctl(0, TIOCSCTTY, 0) < 0)
		return TERMINAL_ACQUIRE;
	return TERMINAL_FOREGROUND;
}

static void report(int fd, int step, int err)
{
	struct spawn_report r = {step, err};
	/* 8 bytes, less than PIPE_BUF: one atomic write or nothing. */
	while (write(fd, &r, sizeof r) < 0 && errno == EINTR)
		;
}

static _Noreturn void run_child(char *const argv[], const sigset_t *mask,
				int sigchld_ignored, int plan, int fd)
{
	if (plan == TERMINAL_NONE || plan == TERMINAL_ACQUIRE) {
		if (setsid() < 0) {
			report(fd, STEP_SESSION, errno);
			_exit(HINIT_EXIT_SPAWN_FAILED);
		}
	} else if (plan != TERMINAL_SHARED) {
		if (setpgid(0, 0) < 0) {
			report(fd, STEP_SESSION, errno);
			_exit(HINIT_EXIT_SPAWN_FAILED);
		}
	}
	if (plan == TERMINAL_FOREGROUND && tcsetpgrp(0, getpgrp()) < 0)
		report(fd, STEP_FOREGROUND, errno);
	/* 0: never steal a terminal that another session controls. */
	if (plan == TERMINAL_ACQUIRE && ioctl(0, TIOCSCTTY, 0) < 0)
		report(fd, STEP_ACQUIRE, errno);
	/* Raw, like sys_block_signals: musl's wrapper would keep the
	 * signals 32-34 as they are. */
	if (sigchld_ignored) {
		/* hinit reset it to reap (sys_block_signals); give it back. */
		struct sigaction ign;
		memset(&ign, 0, sizeof ign);
		ign.sa_handler = SIG_IGN;
		sigaction(SIGCHLD, &ign, 0);
	}
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, mask, 0, 8);
	execvp(argv[0], argv);
	report(fd, STEP_EXEC, errno);
	_exit(HINIT_EXIT_NOT_FOUND);
}

static void log_spawn(const char *what, const char *name, const char *why)
{
	struct line l;
	log_start(&l);
	log_str(&l, what);
	log_str(&l, name);
	log_str(&l, "': ");
	log_str(&l, why);
	log_send(&l);
}

static void log_terminal(int plan, int pid)
{
	struct line l;
	log_start(&l);
	log_str(&l, "terminal: pid ");
	log_int(&l, pid);
	if (plan == TERMINAL_FOREGROUND)
		log_str(&l, " is the foreground process group");
	else if (plan == TERMINAL_BACKGROUND)
		log_str(&l, " is a background process group (hinit was too)");
	else
		log_str(&l, " leads a session with the terminal as its "
			    "controlling terminal");
	log_send(&l);
}

int sys_spawn(char *const argv[], const sigset_t *mask, int sigchld_ignored,
	      int single_child, int verbose, int *pid)
{
	int plan = terminal_plan(single_child);
	if (plan == TERMINAL_ADOPT)
		plan = adopt_terminal();
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0) {
		int err = errno;
		log_spawn("cannot run '", argv[0], strerror(err));
		return err;
	}
	pid_t child = fork();
	if (child < 0) {
		int err = errno;
		close(fds[0]);
		close(fds[1]);
		log_spawn("cannot run '", argv[0], strerror(err));
		return err;
	}
	if (child == 0) {
		close(fds[0]);
		run_child(argv, mask, sigchld_ignored, plan, fds[1]);
	}
	close(fds[1]);
	int err = 0;
	int terminal_err = 0;
	int terminal_step = 0;
	struct spawn_report r;
	for (;;) {
		ssize_t n = read(fds[0], &r, sizeof r);
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof r)
			break; /* end of file: the exec happened */
		if (r.step == STEP_EXEC || r.step == STEP_SESSION) {
			err = r.err ? r.err : EIO;
		} else {
			terminal_step = r.step;
			terminal_err = r.err;
		}
	}
	close(fds[0]);
	if (err) {
		/* Reaped here, as posix_spawn does: the core never knew it. */
		while (waitpid(child, 0, 0) < 0 && errno == EINTR)
			;
		log_spawn("cannot run '", argv[0], strerror(err));
		return err;
	}
	*pid = child;
	if (verbose) {
		struct line l;
		log_start(&l);
		log_str(&l, "started '");
		log_str(&l, argv[0]);
		log_str(&l, "' as pid ");
		log_int(&l, child);
		log_send(&l);
	}
	/* Another session's terminal is an expected refusal: the command
	 * runs without job control, as it would have without hinit. */
	if (terminal_step == STEP_FOREGROUND ||
	    (terminal_step == STEP_ACQUIRE && verbose))
		log_spawn(terminal_step == STEP_FOREGROUND
			      ? "terminal: cannot hand the foreground to '"
			      : "terminal: no job control for '",
			  argv[0], strerror(terminal_err));
	else if (verbose && plan != TERMINAL_NONE && plan != TERMINAL_SHARED)
		log_terminal(plan, child);
	return 0;
}
