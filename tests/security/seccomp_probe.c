/* seccomp_probe.c - installs hinit's own seccomp filter (the object file
 * of the release build, src/sys_seccomp.c) and tries system calls
 * through it: the ones hinit's loop makes must pass, everything else
 * must fail with ENOSYS and the process must live on.
 *
 * Usage: seccomp_probe          run every check, print "ok"/"FAIL" lines
 *        seccomp_probe int80    install, then an i386 getpid via int 0x80
 *                               (prints the result; dies with SIGSEGV if
 *                               the kernel has no ia32 emulation) */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "../../src/sys.h"

static int passed, failed;

/* With the filter on only write(2) is allowed (stdio would use writev),
 * so every line is formatted first and written with one write(2). */
static void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 1)
		n = (int)sizeof line - 1;
	if (n > 0 && write(2, line, (size_t)n) < 0)
		failed++;
}

static void check(int good, const char *what, long r, int err)
{
	say("%s %s (returned %ld, errno %d %s)\n", good ? "ok" : "FAIL", what,
	    r, err, r < 0 ? strerror(err) : "-");
	if (good)
		passed++;
	else
		failed++;
}

/* A call the filter must let through: any result but ENOSYS. */
static void allowed(const char *what, long r)
{
	int err = errno;
	check(!(r < 0 && err == ENOSYS), what, r, err);
}

/* A call the filter must refuse: -1 with ENOSYS. */
static void refused(const char *what, long r)
{
	int err = errno;
	check(r == -1 && err == ENOSYS, what, r, err);
}

static long int80_getpid(void)
{
	/* i386 getpid is 20; through int 0x80 the kernel reports
	 * AUDIT_ARCH_I386, which the filter refuses as a whole. */
	long r = 20;
	__asm__ volatile("int $0x80" : "+a"(r) : : "memory");
	return r;
}

int main(int argc, char **argv)
{
	pid_t self = getpid();
	/* Where the refused open must not create a file (the script
	 * checks); read before the filter, which refuses nothing here. */
	const char *created = getenv("HINIT_PROBE_FILE");
	if (!created)
		created = "/tmp/hinit-seccomp-probe.created";
	unlink(created);
	if (sys_seccomp(1) != 0) {
		say("FAIL sys_seccomp did not install the filter\n");
		say("0 passed, 1 failed\n");
		return 1;
	}
	if (argc > 1 && strcmp(argv[1], "int80") == 0) {
		long r = int80_getpid();
		say("int80 getpid returned %ld\n", r);
		return r == -ENOSYS ? 0 : 1;
	}

	/* What hinit's loop and end path do. */
	allowed("write(2)", write(2, "probe: writing to stderr\n", 25));
	allowed("kill(self, 0)", kill(self, 0));
	struct timespec t;
	allowed("clock_gettime syscall",
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &t));
	int fd = open("/proc/thread-self/children", O_RDONLY | O_CLOEXEC);
	allowed("open read-only (+ musl's fcntl F_SETFD)", fd);
	char buf[64];
	allowed("read", read(fd, buf, sizeof buf));
	allowed("fcntl(F_SETFD)", fcntl(fd, F_SETFD, FD_CLOEXEC));
	allowed("close", close(fd));
	allowed("wait4 (ECHILD)",
		syscall(SYS_wait4, -1, 0, 1 /* WNOHANG */, 0));
	sigset_t none;
	sigemptyset(&none);
	struct timespec zero = {0, 0};
	allowed("rt_sigtimedwait (EAGAIN)",
		syscall(SYS_rt_sigtimedwait, &none, 0, &zero, 8));
	allowed("poll", syscall(SYS_poll, 0, 0, 0));
	allowed("sync", syscall(SYS_sync));
	/* An invalid magic: EPERM or EINVAL from the kernel, never a reboot. */
	allowed("reboot (bad magic)",
		syscall(SYS_reboot, 0xfee1deadL, 0L, 0L, 0L));

	/* What hinit never needs after the spawn. */
	refused("getpid", syscall(SYS_getpid));
	refused("write(1)", write(1, "x", 1));
	refused("open for writing (O_WRONLY|O_CREAT)",
		open(created, O_WRONLY | O_CREAT, 0600));
	refused("open O_RDWR", open("/dev/null", O_RDWR));
	refused("openat",
		syscall(SYS_openat, AT_FDCWD, "/etc/passwd", O_RDONLY));
	refused("fcntl(F_GETFL)", fcntl(2, F_GETFL));
	refused("execve", syscall(SYS_execve, "/bin/true", argv, 0));
	refused("fork (clone)", syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0));
	refused("socket", syscall(SYS_socket, 1 /* AF_UNIX */, 1, 0));
	refused("ptrace", syscall(SYS_ptrace, 0 /* TRACEME */, 0, 0, 0));
	refused("mount", syscall(SYS_mount, "none", "/mnt", "tmpfs", 0, 0));
	refused("setuid", syscall(SYS_setuid, 0));
	refused("chdir", syscall(SYS_chdir, "/"));
	refused("mmap", syscall(SYS_mmap, 0, 4096, 3, 0x22, -1, 0));
	refused("brk", syscall(SYS_brk, 0));
	refused("rt_sigprocmask", syscall(SYS_rt_sigprocmask, 0, 0, 0, 8));
	refused("prctl (filter cannot be loosened)",
		syscall(SYS_prctl, 38 /* PR_SET_NO_NEW_PRIVS */, 1, 0, 0, 0));
	refused("seccomp", syscall(SYS_seccomp, 1, 0, 0));
	refused("x32 getpid (nr | 0x40000000)",
		syscall(SYS_getpid | 0x40000000L));
	refused("unknown syscall 1000", syscall(1000));

	/* Still alive: the refusals did not kill the process.  (The script
	 * checks that the refused open created no file.) */
	say("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
