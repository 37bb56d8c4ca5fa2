/* sys.h - the syscall layer: turns what the kernel says into core events
 * and carries out the core's actions.  It decides nothing. */
#ifndef HINIT_SYS_H
#define HINIT_SYS_H

#include <signal.h>
#include <time.h>
#include "core.h"

struct sys {
	struct core core;
	sigset_t all;		/* signals 1..64: blocked, waited for */
	sigset_t original_mask; /* hinit's mask at exec: the command's */
	int sigchld_ignored;	/* SIGCHLD was SIG_IGN at exec: the command's */
	int timer_armed;
	struct timespec deadline; /* CLOCK_MONOTONIC, when timer_armed */
	int reap_requested;	  /* ACT_REAP seen, reap before sleeping */
	int forward_target;	  /* core_forward_target, after the last step */
};

/* forward_target is the core's answer for its current state: sys_feed
 * renews it after each step.  A zeroed struct sys with a core in
 * STARTING (core_init) satisfies it too. */
/*@ predicate forward_cached(struct sys *s) =
      (s->forward_target != 0 <==> forward_state_plain(&s->core)) &&
      (s->forward_target != 0 ==> s->forward_target ==
        (s->core.cfg.single_child != 0 ? s->core.command_pid :
                                          -s->core.command_pid));
*/

/* Blocks every signal 1..64, 32-34 included (which musl's sigfillset and
 * sigaddset refuse), and saves the mask hinit was started with. */
void sys_block_signals(sigset_t *all, sigset_t *original_mask,
		       int *sigchld_ignored);

/* Is the reboot syscall permitted (CAP_SYS_BOOT)?  Asks with an invalid
 * magic number: EPERM without the capability, EINVAL with it, and either
 * way nothing reboots. */
int sys_can_reboot(void);

/* As PID 1 of a real machine: Ctrl-Alt-Del sends SIGINT (forwarded)
 * instead of rebooting at once without sync. */
void sys_disable_ctrl_alt_del(int verbose);

/* Not PID 1: orphans of the command come back to hinit.  0 or errno. */
int sys_become_subreaper(void);

/* Starts the command in its own session, or in its own process group of
 * hinit's session when stdin is hinit's controlling terminal (then in the
 * foreground if hinit was), or with single_child in hinit's group; with
 * the given signal mask and execvp's PATH search.  Returns 0 and *pid, or
 * the errno of the failure.  On return the command has exec'd: its
 * session and process group exist.  See sys_spawn.c for the terminal. */
int sys_spawn(char *const argv[], const sigset_t *mask, int sigchld_ignored,
	      int single_child, int verbose, int *pid);

/* After the spawn: PR_SET_NO_NEW_PRIVS and a seccomp allowlist of the
 * system calls the loop and the end path make; any other call fails with
 * ENOSYS (and the kernel logs it).  0, or the errno of a step that failed
 * (logged; hinit then runs unconfined rather than stop). */
int sys_seccomp(int verbose);

/* How many system calls the filter allows (0: no filter for this CPU). */
int sys_seccomp_allowed_calls(void);

/* Sleeps until a signal comes or the armed timer expires, and hands it
 * on (sys_signal, or EV_TIMER to the core); if waiting failed, logs it. */
void sys_wait_event(struct sys *s);

/* core_step, then every action in order. */
void sys_feed(struct sys *s, const struct event *ev);

/* A signal hinit received: sent on at once when the core says it is
 * plainly forwarded (core_forward_target, core_forward_value), otherwise
 * fed to the core as EV_SIGNAL. */
void sys_signal(struct sys *s, int sig);

/* waitpid(-1, WNOHANG) until no child is waiting; each reaped child the
 * core needs (core_needed_child) and ECHILD are fed to it as they come,
 * the others are skipped: for them a step would do nothing. */
void sys_reap(struct sys *s);

#endif
