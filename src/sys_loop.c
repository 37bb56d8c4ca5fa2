/* sys_loop.c - events from the kernel into the core, actions back out. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>
#include "log.h"
#include "sys.h"

/* The two system calls of a forwarded signal.  On x86_64 they are made
 * directly: musl's sigwaitinfo and kill are a thread cancellation point,
 * an EINTR retry loop and errno, 56 of the 117 user-space
 * instructions a forwarded signal cost (bench/README.md).  hinit has one
 * thread and never cancels, handles EINTR in its own loop, and wants
 * -errno, which is what the kernel returns.  Elsewhere, and for Frama-C
 * (these two are not proved: proofs/ASSUMPTIONS.md), musl's wrappers. */
#if defined(__x86_64__) && !defined(__FRAMAC__)
#include <sys/syscall.h>

/* The x86_64 system call ABI: number in rax, arguments in rdi, rsi, rdx
 * and r10; the kernel returns the result or -errno in rax and overwrites
 * rcx and r11.  "memory": the kernel reads *set. */
static inline long syscall4(long nr, long a, long b, long c, long d)
{
	register long r10 __asm__("r10") = d;
	long ret;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret;
}

/* sigwaitinfo(set, 0): the signal, or -errno.  The kernel's sigset_t is
 * _NSIG / 8 bytes (64 signals), not musl's 128. */
static inline int wait_signal(const sigset_t *set)
{
	return (int)syscall4(SYS_rt_sigtimedwait, (long)set, 0, 0, _NSIG / 8);
}

/* kill(2): 0, or -errno. */
static inline int kill_errno(int target, int sig)
{
	return (int)syscall4(SYS_kill, target, sig, 0, 0);
}
#else
static inline int wait_signal(const sigset_t *set)
{
	int r = sigwaitinfo(set, 0);
	return r < 0 ? -errno : r;
}

static inline int kill_errno(int target, int sig)
{
	return kill(target, sig) < 0 ? -errno : 0;
}
#endif

static struct timespec now(void)
{
	struct timespec t;
	/* CLOCK_MONOTONIC cannot fail; the vDSO answers without a syscall. */
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t;
}

static void arm_timer(struct sys *s, int seconds)
{
	s->deadline = now();
	s->deadline.tv_sec += seconds;
	s->timer_armed = 1;
}

/* Time left before the deadline, never negative. */
static struct timespec time_left(const struct sys *s)
{
	struct timespec t = now();
	struct timespec left = {0, 0};
	if (t.tv_sec > s->deadline.tv_sec || (t.tv_sec == s->deadline.tv_sec &&
					      t.tv_nsec >= s->deadline.tv_nsec))
		return left;
	left.tv_sec = s->deadline.tv_sec - t.tv_sec;
	left.tv_nsec = s->deadline.tv_nsec - t.tv_nsec;
	if (left.tv_nsec < 0) {
		left.tv_sec--;
		left.tv_nsec += 1000000000L;
	}
	return left;
}

/* The next signal, or 0 once the deadline has passed (the timer is then
 * disarmed), or -errno.  Apart from sys_wait_event, whose common
 * case (no timer) then needs no clock, no stack protector and no frame. */
static __attribute__((noinline)) int wait_timed(struct sys *s)
{
	struct timespec left = time_left(s);
	int sig = sigtimedwait(&s->all, 0, &left);
	if (sig < 0 && errno == EAGAIN) {
		s->timer_armed = 0;
		return 0;
	}
	return sig < 0 ? -errno : sig;
}

static void feed_event(struct sys *s, int kind, int value);

/* No loop here: main's loop, which is hinit's life, waits again. */
void sys_wait_event(struct sys *s)
{
	int sig = s->timer_armed ? wait_timed(s) : wait_signal(&s->all);
	if (sig > 0) {
		sys_signal(s, sig);
		return;
	}
	if (sig == 0) {
		feed_event(s, EV_TIMER, 0);
		return;
	}
	/* EINTR: main's loop waits again.  Anything else would be a
	 * kernel bug: say so. */
	if (sig != -EINTR)
		log_msg("waiting for signals failed: ", strerror(-sig), 0);
}

/* The proofs' model of the kernel (proofs/ASSUMPTIONS.md): the number of
 * children hinit has, live or zombie; only wait4 changes it while the
 * reap loop runs. */
/*@ ghost int hinit_children; */

/* waitpid(-1, status, WNOHANG), failing with errno set.  Its contract is
 * the one assumption the reap loop's proof rests on
 * (proofs/ASSUMPTIONS.md): a reaped child is one child fewer, and WNOHANG
 * never sleeps, so it never fails with EINTR.  Spelled wait4 because
 * musl's waitpid is a thread cancellation point (an extra call and
 * checks per child) and its wait4 is the bare system call; hinit has one
 * thread and never cancels. */
/*@ requires \valid(status);
    requires 0 <= hinit_children;
    assigns *status, errno, hinit_children;
    ensures 0 <= hinit_children;
    ensures \result > 0 ==> hinit_children == \old(hinit_children) - 1;
    ensures \result <= 0 ==> hinit_children == \old(hinit_children);
    ensures \result < 0 ==> errno != EINTR;
*/
static pid_t wait_any(int *status)
{
	return wait4(-1, status, WNOHANG, 0);
}

/*@ requires \valid(s) && core_inv(&s->core) && forward_cached(s);
    requires 0 <= hinit_children;
    assigns s->core.phase, s->core.command_pid, s->core.exit_code,
      s->core.stopped, s->reap_requested, s->timer_armed, s->deadline,
      s->forward_target, hinit_children, errno;
    ensures core_inv(&s->core) && forward_cached(s);
*/
void sys_reap(struct sys *s)
{
	int wanted = core_needed_child(&s->core);
	/* The loop skips the pids above this one but wanted: all but the
	 * command, or none when the core wants every child.  A bound, so
	 * that skipping an orphan costs two comparisons. */
	int skip_above = wanted == CORE_EVERY_CHILD ? INT_MAX : 0;
	/*@ loop invariant core_inv(&s->core) && 0 <= hinit_children;
	    loop invariant forward_cached(s);
	    loop invariant wanted: \forall integer p; p > 0 ==>
	      (child_event_needed(&s->core, p) <==>
	       (wanted == CORE_EVERY_CHILD || wanted == p));
	    loop invariant skip_above ==
	      (wanted == CORE_EVERY_CHILD ? INT_MAX : 0);
	    loop assigns s->core.phase, s->core.command_pid,
	      s->core.exit_code, s->core.stopped, s->reap_requested,
	      s->timer_armed, s->deadline, s->forward_target, hinit_children,
	      wanted, skip_above, errno;
	    loop variant hinit_children;
	*/
	for (;;) {
		int status;
		pid_t pid = wait_any(&status);
		if (pid > skip_above && pid != wanted) {
			/* core_step would do nothing (its child_noop): an
			 * orphan costs no step. */
			/*@ assert skipped_noop:
			      !child_event_needed(&s->core, pid); */
			continue;
		}
		if (pid > 0) {
			struct event ev = {EV_CHILD_EXITED, pid, status};
			sys_feed(s, &ev);
			wanted = core_needed_child(&s->core);
			skip_above = wanted == CORE_EVERY_CHILD ? INT_MAX : 0;
			continue;
		}
		if (pid == 0)
			return; /* children left, none waiting */
		int err = errno;
		if (err == EINTR)
			continue;
		if (err == ECHILD) {
			struct event ev = {EV_NO_CHILDREN, 0, 0};
			sys_feed(s, &ev);
		} else {
			log_msg("waitpid failed: ", strerror(err), 0);
		}
		return;
	}
}

/* Rare paths are kept out of line (noinline, cold), so that the frame of
 * the loop that forwards a signal holds no log line or read buffer. */
#define RARE __attribute__((noinline, cold))

static RARE void cannot_send(int target, int sig, int err)
{
	struct line l;
	log_start(&l);
	log_str(&l, "cannot send ");
	log_signal(&l, sig);
	log_str(&l, " to ");
	log_int(&l, target);
	log_str(&l, ": ");
	log_str(&l, strerror(err));
	log_send(&l);
}

/* Trusted, not proved (proofs/ASSUMPTIONS.md): kill(2) and, if it
 * fails, a log line change nothing of hinit's state but errno. */
/*@ assigns errno; */
static void send_signal(int target, int sig)
{
	int r = kill_errno(target, sig);
	/* ESRCH: the group is already gone, which is fine. */
	if (r < 0 && r != -ESRCH)
		cannot_send(target, sig, -r);
}

/* The longest list the kernel can give: PID_MAX_LIMIT (2^22) pids of at
 * most 7 digits and a space each, in reads of 512 bytes.  Reading stops
 * there even if a fork storm kept the list growing: what was read is
 * signalled, and each orphan reaped after the SIGKILL brings another
 * round (core.c, on_child_exited). */
#define CHILDREN_MAX_READS (4194304 * 8 / 512)

/* Sends sig to every child of hinit, as listed by the kernel in
 * /proc/thread-self/children (hinit has one thread). */
static RARE void signal_children(int sig)
{
	int fd = open("/proc/thread-self/children", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		log_msg("cannot list children to signal: ", strerror(errno),
			" (is /proc mounted?)");
		return;
	}
	char buf[512];
	long pid = 0;
	int digits = 0;
	for (int reads = 0; reads < CHILDREN_MAX_READS; reads++) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] >= '0' && buf[i] <= '9') {
				if (pid < 100000000L)
					pid = pid * 10 + (buf[i] - '0');
				digits = 1;
				continue;
			}
			if (digits && pid > 1)
				send_signal((int)pid, sig);
			pid = 0;
			digits = 0;
		}
	}
	if (digits && pid > 1)
		send_signal((int)pid, sig);
	close(fd);
}

static const char *on_exit_word(int how)
{
	if (how == ON_EXIT_POWEROFF)
		return "powering off";
	if (how == ON_EXIT_HALT)
		return "halting";
	return "rebooting";
}

static RARE void do_reboot(int how)
{
	int cmd = RB_AUTOBOOT;
	if (how == ON_EXIT_POWEROFF)
		cmd = RB_POWER_OFF;
	else if (how == ON_EXIT_HALT)
		cmd = RB_HALT_SYSTEM;
	/* Returns only on failure; PID 1 must then stay and keep reaping,
	 * since its exit would panic the kernel. */
	reboot(cmd);
	log_msg("reboot failed: ", strerror(errno), "; staying up and reaping");
}

static void log_exit_code(struct line *l, int code, int reported)
{
	log_int(l, code);
	if (reported != code) {
		log_str(l, ", reporting ");
		log_int(l, reported);
	}
}

static RARE void log_core_message(int msg, int value, int extra)
{
	struct line l;
	log_start(&l);
	switch (msg) {
	case LOG_NODE_UNAVAILABLE:
		log_str(&l, value == NODE_NOT_PID1 ? "not PID 1"
						   : "no CAP_SYS_BOOT");
		log_str(&l, ": will exit with the command's status instead "
			    "of rebooting (--container says so)");
		break;
	case LOG_COMMAND_EXITED:
		log_str(&l, "command exited with status ");
		log_exit_code(&l, value, extra);
		break;
	case LOG_COMMAND_KILLED:
		log_str(&l, "command was killed by ");
		log_signal(&l, value);
		log_str(&l, ": status ");
		log_exit_code(&l, 128 + value, extra);
		break;
	case LOG_COMMAND_ODD_STATUS:
		log_str(&l, "command ended with unknown wait status ");
		log_int(&l, value);
		log_str(&l, ": status ");
		log_int(&l, extra);
		break;
	case LOG_SPAWN_BAD_PID:
		log_str(&l, "spawn returned impossible pid ");
		log_int(&l, value);
		break;
	case LOG_FORWARDED:
		log_str(&l, "forwarded ");
		log_signal(&l, value);
		log_str(&l, extra < 0 ? " to process group " : " to pid ");
		log_int(&l, extra < 0 ? -(long long)extra : extra);
		break;
	case LOG_SIGNAL_DROPPED:
		log_str(&l, "not forwarded: ");
		log_signal(&l, value);
		break;
	case LOG_CHILD_REAPED:
		log_str(&l, "reaped pid ");
		log_int(&l, extra);
		log_str(&l, ", wait status ");
		log_int(&l, value);
		break;
	case LOG_TERMINATING:
		log_str(&l, "sending SIGTERM to the remaining processes, "
			    "grace ");
		log_int(&l, value);
		log_str(&l, " s");
		break;
	case LOG_KILLING:
		log_str(&l, "grace of ");
		log_int(&l, value);
		log_str(&l, " s is over: sending SIGKILL to what is left");
		break;
	case LOG_REBOOT_DELAY:
		log_str(&l, "command failed: rebooting in ");
		log_int(&l, value);
		/* A spawn failure (127 for a missing /core) has no other
		 * line that says the status. */
		log_str(&l, " s (status ");
		log_int(&l, extra);
		log_str(&l, ")");
		break;
	case LOG_REBOOTING:
		log_str(&l, "synced; ");
		log_str(&l, on_exit_word(value));
		break;
	case LOG_EXITING:
		log_str(&l, "exiting with status ");
		log_int(&l, value);
		break;
	default:
		log_str(&l, "unknown message ");
		log_int(&l, msg);
		break;
	}
	log_send(&l);
}

/* The actions of the end path and the logs. */
static RARE void execute_rare(struct sys *s, const struct action *a)
{
	switch (a->kind) {
	case ACT_SIGNAL_ALL:
		if (kill(-1, a->value) < 0 && errno != ESRCH)
			log_msg("cannot signal all processes: ",
				strerror(errno), 0);
		break;
	case ACT_SIGNAL_CHILDREN:
		signal_children(a->value);
		break;
	case ACT_ARM_TIMER:
		arm_timer(s, a->value);
		break;
	case ACT_SYNC:
		sync();
		break;
	case ACT_REBOOT:
		do_reboot(a->value);
		break;
	case ACT_EXIT:
		_exit(a->value);
	case ACT_LOG:
		log_core_message(a->target, a->value, a->extra);
		break;
	default:
		break;
	}
}

/* Trusted, not proved (proofs/ASSUMPTIONS.md): carrying out one action
 * changes only these fields of hinit's state (and errno, which a failed
 * kill or read sets) and creates no child.  The
 * actions of a running command (forward, reap) are tested first: a
 * forwarded signal then costs a compare and its kill. */
/*@ requires \valid(s) && \valid_read(a) && \separated(s, a);
    assigns s->reap_requested, s->timer_armed, s->deadline, errno;
*/
static void execute(struct sys *s, const struct action *a)
{
	if (a->kind == ACT_SIGNAL)
		send_signal(a->target, a->value);
	else if (a->kind == ACT_REAP)
		s->reap_requested = 1;
	else
		execute_rare(s, a);
}

/*@ requires \valid(s) && \valid_read(ev) && \separated(s, ev);
    requires core_inv(&s->core);
    assigns s->core.phase, s->core.command_pid, s->core.exit_code,
      s->core.stopped, s->reap_requested, s->timer_armed, s->deadline,
      s->forward_target, errno;
    ensures core_inv(&s->core) && forward_cached(s);
*/
void sys_feed(struct sys *s, const struct event *ev)
{
	struct actions out;
	core_step(&s->core, ev, &out);
	/*@ loop invariant 0 <= i <= out.count <= CORE_MAX_ACTIONS;
	    loop invariant core_inv(&s->core);
	    loop assigns i, s->reap_requested, s->timer_armed, s->deadline,
	      errno;
	    loop variant out.count - i;
	*/
	for (int i = 0; i < out.count; i++)
		execute(s, &out.list[i]);
	s->forward_target = core_forward_target(&s->core);
}

/* Out of line: the event on the stack would give sys_signal's fast path
 * a stack protector. */
/*@ requires \valid(s) && core_inv(&s->core);
    assigns s->core.phase, s->core.command_pid, s->core.exit_code,
      s->core.stopped, s->reap_requested, s->timer_armed, s->deadline,
      s->forward_target, errno;
    ensures core_inv(&s->core) && forward_cached(s);
*/
static __attribute__((noinline)) void feed_event(struct sys *s, int kind,
						 int value)
{
	struct event ev = {kind, 0, value};
	sys_feed(s, &ev);
}

/*@ requires \valid(s) && core_inv(&s->core) && forward_cached(s);
    assigns s->core.phase, s->core.command_pid, s->core.exit_code,
      s->core.stopped, s->reap_requested, s->timer_armed, s->deadline,
      s->forward_target, errno;
    ensures core_inv(&s->core) && forward_cached(s);
*/
void sys_signal(struct sys *s, int sig)
{
	int target = s->forward_target;
	int to = target ? core_forward_value(&s->core, sig) : 0;
	if (to) {
		/* core_step would emit this one kill and change nothing (its
		 * signal_plain): a forwarded signal costs no step. */
		/*@ assert forwarded_plain: signal_plain(&s->core, sig) &&
		      target == (s->core.cfg.single_child != 0 ?
		        s->core.command_pid : -s->core.command_pid) &&
		      to == s->core.cfg.rewrite[sig]; */
		send_signal(target, to);
		return;
	}
	feed_event(s, EV_SIGNAL, sig);
}
