/* bench.h - what the measurement programs share: the clock, init specs,
 * starting an init as PID 1 of a fresh PID namespace, and statistics.
 *
 * An init spec is one argument "LABEL=PREFIX", PREFIX being the words
 * (split on spaces) that run the init up to and including its "--", for
 * example "hinit=build/hinit --container --".  An empty PREFIX ("none=")
 * runs the measured command itself as PID 1: the floor with no init. */
#ifndef HINIT_BENCH_H
#define HINIT_BENCH_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_SPECS 16
#define MAX_WORDS 64

struct spec {
	char *label;
	char *argv[MAX_WORDS]; /* prefix words, then the command, then 0 */
	int nprefix;
};

static inline long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static inline void die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Splits "LABEL=w1 w2 ..." in place; the command words are added later. */
static inline void parse_spec(char *arg, struct spec *s)
{
	char *eq = strchr(arg, '=');
	if (!eq) {
		fprintf(stderr, "bench: spec '%s' lacks LABEL=\n", arg);
		exit(2);
	}
	*eq = 0;
	s->label = arg;
	s->nprefix = 0;
	for (char *w = strtok(eq + 1, " "); w; w = strtok(0, " ")) {
		if (s->nprefix >= MAX_WORDS - 8) {
			fprintf(stderr, "bench: spec %s too long\n", arg);
			exit(2);
		}
		s->argv[s->nprefix++] = w;
	}
}

/* Appends the command (a 0-terminated word list) after the prefix. */
static inline char **spec_argv(struct spec *s, char *const cmd[])
{
	int n = s->nprefix;
	for (int i = 0; cmd[i] && n < MAX_WORDS - 1; i++)
		s->argv[n++] = cmd[i];
	s->argv[n] = 0;
	return s->argv;
}

/* Starts argv as PID 1 of a new PID namespace and returns its pid as this
 * process sees it.  mount_proc: also a private mount namespace with its
 * own /proc, so the init and the command see only their namespace.
 * stdout_fd, stdin_fd >= 0 become the new process's stdout and stdin. */
static inline pid_t spawn_pidns(char *const argv[], int mount_proc,
				int stdout_fd, int stdin_fd)
{
	long flags = CLONE_NEWPID | SIGCHLD;
	if (mount_proc)
		flags |= CLONE_NEWNS;
	/* A raw clone without a new stack behaves like fork. */
	pid_t pid = (pid_t)syscall(SYS_clone, flags, 0L, 0L, 0L, 0L);
	if (pid < 0)
		die("clone(CLONE_NEWPID)");
	if (pid > 0)
		return pid;
	/* Should the driver die, the init dies and with it its namespace. */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0L, 0L, 0L);
	if (mount_proc && (mount(0, "/", 0, MS_REC | MS_PRIVATE, 0) < 0 ||
			   mount("proc", "/proc", "proc",
				 MS_NOSUID | MS_NODEV | MS_NOEXEC, 0) < 0)) {
		perror("bench: mounting /proc");
		_exit(125);
	}
	if (stdout_fd >= 0 && stdout_fd != 1) {
		dup2(stdout_fd, 1);
		close(stdout_fd);
	}
	if (stdin_fd >= 0 && stdin_fd != 0) {
		dup2(stdin_fd, 0);
		close(stdin_fd);
	}
	execvp(argv[0], argv);
	fprintf(stderr, "bench: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* Waits for pid; returns its wait status. */
/* This program's own path, to run itself as the measured command. */
static inline void self_exe(char *path, size_t size)
{
	ssize_t len = readlink("/proc/self/exe", path, size - 1);
	if (len < 0)
		die("readlink /proc/self/exe");
	path[len] = 0;
}

static inline int wait_for(pid_t pid)
{
	int status = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid");
	return status;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The q-quantile (0..1) of n values, nearest rank; sorts v. */
static inline double quantile(double *v, int n, double q)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	int i = (int)(q * n + 0.5) - 1;
	if (i < 0)
		i = 0;
	if (i >= n)
		i = n - 1;
	return v[i];
}

static inline double median(double *v, int n)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* CPU time pid has run so far, user and kernel, in ns (the scheduler's
 * own count, /proc/PID/schedstat): unlike wall time it hardly depends on
 * how busy the machine is.  pid 0: the caller. */
static inline long long cpu_ns(pid_t pid)
{
	char path[64];
	long long ns = -1;
	if (pid)
		snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
	else
		snprintf(path, sizeof path, "/proc/self/schedstat");
	FILE *f = fopen(path, "r");
	if (!f || fscanf(f, "%lld", &ns) != 1)
		die(path);
	fclose(f);
	return ns;
}

/* Puts pid (0: the caller) on one CPU, so that every init of a figure
 * runs with the same placement; nothing on a machine with one CPU. */
static inline void pin_to_cpu(pid_t pid, int cpu)
{
	cpu_set_t set;
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(pid, sizeof set, &set) < 0)
		die("sched_setaffinity");
}

/* Reads exactly len bytes (0: end of file first). */
static inline int read_full(int fd, void *buf, size_t len)
{
	char *p = buf;
	while (len > 0) {
		ssize_t n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		p += n;
		len -= (size_t)n;
	}
	return 1;
}

#endif
