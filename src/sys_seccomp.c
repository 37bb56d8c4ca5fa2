/* sys_seccomp.c - after the spawn, hinit confines itself to its loop.
 *
 * Once the command runs, hinit only waits for signals and children,
 * signals processes, reads its list of children, writes log lines, syncs,
 * reboots and exits.  A seccomp filter (after PR_SET_NO_NEW_PRIVS) allows
 * exactly those system calls; the command was spawned before, so it is
 * not affected.  Anything else fails with ENOSYS instead of killing hinit:
 * PID 1 dying panics the kernel, and SECCOMP_RET_TRAP would deliver a
 * SIGSYS that hinit keeps blocked, which the kernel turns into a kill.
 * ENOSYS, not EPERM, because every call hinit makes exists on a kernel
 * with seccomp(), so "Function not implemented" in hinit's log can only
 * mean the filter said no; SECCOMP_FILTER_FLAG_LOG makes the kernel log
 * each refusal too (audit type=1326 with the syscall number).
 *
 * musl-gcc does not see the kernel's headers, so the few constants of the
 * seccomp ABI are spelled out here; tests/security checks them against
 * <linux/seccomp.h>, <linux/filter.h> and <linux/audit.h>.  The allowlist
 * is x86_64's (the only target the Makefile builds); SECURITY.md gives
 * the reason for each entry. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "log.h"
#include "sys.h"

/* linux/filter.h (classic BPF) */
struct hinit_sock_filter {
	unsigned short code;
	unsigned char jt;
	unsigned char jf;
	unsigned int k;
};
struct hinit_sock_fprog {
	unsigned short len;
	const struct hinit_sock_filter *filter;
};
#define HINIT_BPF_LD_W_ABS 0x20 /* BPF_LD | BPF_W | BPF_ABS */
#define HINIT_BPF_JEQ_K 0x15	/* BPF_JMP | BPF_JEQ | BPF_K */
#define HINIT_BPF_JSET_K 0x45	/* BPF_JMP | BPF_JSET | BPF_K */
#define HINIT_BPF_RET_K 0x06	/* BPF_RET | BPF_K */

/* linux/seccomp.h */
#define HINIT_SECCOMP_SET_MODE_FILTER 1
#define HINIT_SECCOMP_FILTER_FLAG_LOG 2
#define HINIT_SECCOMP_RET_ALLOW 0x7fff0000U
#define HINIT_SECCOMP_RET_ERRNO 0x00050000U
/* struct seccomp_data: int nr; __u32 arch; __u64 ip; __u64 args[6]; */
#define HINIT_SECCOMP_NR 0
#define HINIT_SECCOMP_ARCH 4
#define HINIT_SECCOMP_ARG_LO(n) (16 + 8 * (n)) /* little endian */
#define HINIT_SECCOMP_ARG_HI(n) (20 + 8 * (n))

/* linux/audit.h: EM_X86_64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE */
#define HINIT_AUDIT_ARCH_X86_64 0xc000003eU
/* asm/unistd.h: x32 system calls have this bit set in nr. */
#define HINIT_X32_SYSCALL_BIT 0x40000000U

/* One BPF instruction each; jt and jf count the instructions skipped. */
/* clang-format off */
#define LOAD(offset) {HINIT_BPF_LD_W_ABS, 0, 0, (offset)}
#define JEQ(value, jt, jf) {HINIT_BPF_JEQ_K, (jt), (jf), (value)}
#define JSET(bits, jt, jf) {HINIT_BPF_JSET_K, (jt), (jf), (bits)}
#define RET(value) {HINIT_BPF_RET_K, 0, 0, (value)}
/* clang-format on */
#define ALLOW RET(HINIT_SECCOMP_RET_ALLOW)
#define REFUSE RET(HINIT_SECCOMP_RET_ERRNO | ENOSYS)
/* A system call allowed whatever its arguments (nr is loaded). */
#define ALLOW_CALL(nr) JEQ((nr), 0, 1), ALLOW

#if defined(__x86_64__)

/* Open flags that would let hinit create, change or truncate a file. */
#define WRITING_OPEN_FLAGS                                                     \
	((unsigned)(O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND))

/* The allowlist.  One line per call in the form the SECURITY.md table and
 * tests/security read: ALLOW_CALL(SYS_name), then its reason. */
static const struct hinit_sock_filter filter[] = {
    /* Another ABI (i386 through int 0x80, x32) numbers calls
     * differently: refuse all of it. */
    LOAD(HINIT_SECCOMP_ARCH),
    JEQ(HINIT_AUDIT_ARCH_X86_64, 1, 0),
    REFUSE,
    LOAD(HINIT_SECCOMP_NR),
    JSET(HINIT_X32_SYSCALL_BIT, 0, 1),
    REFUSE,
    ALLOW_CALL(SYS_rt_sigtimedwait), /* the loop: wait for a signal */
    ALLOW_CALL(SYS_wait4),	     /* reap children (waitpid) */
    ALLOW_CALL(SYS_kill),	     /* forward signals, end path */
    ALLOW_CALL(SYS_clock_gettime),   /* timers, if the vDSO is absent */
    ALLOW_CALL(SYS_poll),	     /* log: wait until stderr is writable */
    ALLOW_CALL(SYS_read),	     /* read /proc/thread-self/children */
    ALLOW_CALL(SYS_close),	     /* close that file */
    ALLOW_CALL(SYS_sync),	     /* node end: flush file systems */
    ALLOW_CALL(SYS_reboot),	     /* node end: reboot, power off, halt */
    ALLOW_CALL(SYS_exit_group),	     /* container end: _exit */
    ALLOW_CALL(SYS_exit),	     /* musl's _Exit, if exit_group returned */
    ALLOW_CALL(SYS_restart_syscall), /* resume poll after a stop */
    /* write: log lines go to stderr only. */
    JEQ(SYS_write, 0, 6),
    LOAD(HINIT_SECCOMP_ARG_LO(0)),
    JEQ(2, 0, 2),
    LOAD(HINIT_SECCOMP_ARG_HI(0)),
    JEQ(0, 1, 0),
    REFUSE,
    ALLOW,
    /* open: /proc/thread-self/children, read-only. */
    JEQ(SYS_open, 0, 4),
    LOAD(HINIT_SECCOMP_ARG_LO(1)),
    JSET(WRITING_OPEN_FLAGS, 0, 1),
    REFUSE,
    ALLOW,
    /* fcntl: musl's open sets FD_CLOEXEC again with F_SETFD. */
    JEQ(SYS_fcntl, 0, 4),
    LOAD(HINIT_SECCOMP_ARG_LO(1)),
    JEQ(F_SETFD, 1, 0),
    REFUSE,
    ALLOW,
    REFUSE,
};

/* How many system calls the filter lets through (for the log and the
 * tests): the ALLOW_CALL lines plus write, open and fcntl. */
#define ALLOWED_CALLS 15

#endif

int sys_seccomp_allowed_calls(void)
{
#if defined(__x86_64__)
	return ALLOWED_CALLS;
#else
	return 0;
#endif
}

int sys_seccomp(int verbose)
{
#if defined(__x86_64__)
	struct hinit_sock_fprog prog = {
	    (unsigned short)(sizeof filter / sizeof filter[0]), filter};
	/* Without CAP_SYS_ADMIN the kernel demands no_new_privs first; with
	 * it, no_new_privs still costs nothing: hinit never execs again. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) < 0) {
		int err = errno;
		log_msg("cannot set no_new_privs, running without the "
			"seccomp filter: ",
			strerror(err), 0);
		return err;
	}
	long r = syscall(SYS_seccomp, HINIT_SECCOMP_SET_MODE_FILTER,
			 HINIT_SECCOMP_FILTER_FLAG_LOG, &prog);
	/* Kernels before 4.14 lack the flag: confine without the log. */
	if (r < 0 && errno == EINVAL)
		r = syscall(SYS_seccomp, HINIT_SECCOMP_SET_MODE_FILTER, 0L,
			    &prog);
	if (r < 0) {
		int err = errno;
		log_msg("cannot install the seccomp filter, running without "
			"it: ",
			strerror(err), 0);
		return err;
	}
	if (verbose) {
		struct line l;
		log_start(&l);
		log_str(&l, "seccomp filter installed: ");
		log_int(&l, ALLOWED_CALLS);
		log_str(&l, " system calls allowed, others fail with ENOSYS");
		log_send(&l);
	}
	return 0;
#else
	log_msg("no seccomp allowlist for this architecture, running "
		"without the filter",
		0, 0);
	(void)verbose;
	return ENOSYS;
#endif
}
