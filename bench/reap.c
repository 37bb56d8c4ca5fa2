/* reap.c - how fast an init reaps a burst of orphans.
 *
 *   reap ORPHANS REPS SPEC...     driver: prints one line per spec
 *   reap --child ORPHANS          the command run under each init
 *
 * The command double-forks ORPHANS processes: intermediates clone them and
 * exit, so the orphans are re-parented to PID 1.  Once every orphan is
 * blocked on one pipe, the command says "ready"; the driver stops PID 1
 * (SIGSTOP from outside the namespace) and answers; the command closes the
 * pipe, all orphans exit at once, and it waits (one pidfd each) until all
 * are zombies.  Then the clock starts: the command continues PID 1
 * (SIGCONT) and polls each orphan's pid with kill(pid, 0), which a zombie
 * still answers, until none is left.  So the time is the init's reaping
 * alone, not the orphans' exits.  PID 1 runs on the first CPU and the
 * polling command on the second, after a pause of 200 ms that lets the
 * kernel finish the exits' deferred work.  With spec "none=" the
 * command is PID 1 and reaps them itself with a blocking wait() loop: the
 * kernel's limit, no init in between.  PID 1's CPU time over the same
 * span (schedstat) is the cost of a reap with the machine's load left
 * out.  The driver prints "LABEL reaps_per_s=R median_us=M min_us=A
 * max_us=B cpu_ns_per_reap=C reps=N orphans=O" (medians over the
 * repetitions). */
#include "bench.h"
#include <poll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>

/* Orphans made per intermediate process: fewer forks to set up. */
#define PER_INTERMEDIATE 100
#define ORPHAN_STACK 16384
#define MAX_ORPHANS 100000

struct pipes {
	int release_r, release_w, ready_w;
};

/* An orphan: sends its pid, then blocks until the release pipe closes.
 * Raw system calls only: it shares its memory (not its files) with the
 * intermediate process, which also makes its exit cheap. */
static int orphan(void *arg)
{
	const struct pipes *p = arg;
	int pid = (int)syscall(SYS_getpid);
	char c;
	syscall(SYS_close, p->release_w);
	/* 4 bytes, below PIPE_BUF: written whole. */
	if (syscall(SYS_write, p->ready_w, &pid, sizeof pid) != sizeof pid)
		return 1;
	while (syscall(SYS_read, p->release_r, &c, 1L) < 0)
		;
	return 0;
}

static void make_orphans(int n, struct pipes *p)
{
	while (n > 0) {
		int batch = n < PER_INTERMEDIATE ? n : PER_INTERMEDIATE;
		pid_t mid = fork();
		if (mid < 0)
			die("fork");
		if (mid == 0) {
			char *stacks = mmap(0, (size_t)batch * ORPHAN_STACK,
					    PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (stacks == MAP_FAILED)
				die("mmap");
			for (int i = 0; i < batch; i++)
				if (clone(orphan,
					  stacks + (i + 1) * ORPHAN_STACK,
					  CLONE_VM | SIGCHLD, p) < 0)
					die("clone orphan");
			/* The orphans keep the shared memory alive. */
			_exit(0);
		}
		if ((wait_for(mid) & 0xffff) != 0)
			exit(1);
		n -= batch;
	}
}

static int child(int orphans)
{
	if (orphans < 0 || orphans > MAX_ORPHANS)
		return 2;
	/* A pidfd per orphan. */
	struct rlimit nofile = {orphans + 64, orphans + 64};
	if (setrlimit(RLIMIT_NOFILE, &nofile) < 0)
		die("setrlimit(RLIMIT_NOFILE)");
	int release[2], ready[2];
	if (pipe(release) < 0 || pipe(ready) < 0)
		die("pipe");
	pid_t self = getpid();
	struct pipes p = {release[0], release[1], ready[1]};
	make_orphans(orphans, &p);
	close(ready[1]);
	close(release[0]);
	int *pid = calloc((size_t)orphans + 1, sizeof *pid);
	int *pidfd = calloc((size_t)orphans + 1, sizeof *pidfd);
	if (!pid || !pidfd)
		die("calloc");
	for (int i = 0; i < orphans; i++) {
		if (!read_full(ready[0], &pid[i], sizeof pid[i]))
			die("orphans not ready");
		pidfd[i] = (int)syscall(SYS_pidfd_open, pid[i], 0);
		if (pidfd[i] < 0)
			die("pidfd_open");
	}
	/* The driver stops PID 1 (unless it is this process) and answers. */
	char go[8];
	printf("ready\n");
	fflush(stdout);
	if (!fgets(go, sizeof go, stdin))
		die("no answer from the driver");
	close(release[1]);
	for (int i = 0; i < orphans; i++) {
		struct pollfd pfd = {pidfd[i], POLLIN, 0};
		while (poll(&pfd, 1, -1) < 0)
			if (errno != EINTR)
				die("poll pidfd");
	}
	/* Every orphan is a zombie now.  Short sleeps should be short. */
	prctl(PR_SET_TIMERSLACK, 1L, 0L, 0L, 0L);
	/* The reaper (PID 1) on the first CPU, this poller on the second,
	 * then a pause, so that the deferred work of 5,000 exits (RCU
	 * callbacks, kworkers) is done before the clock starts.  Without
	 * both, runs of one init were up to 2x apart (bench/README.md). */
	pin_to_cpu(1, 0);
	if (self != 1)
		pin_to_cpu(0, 1);
	struct timespec settle = {0, 200000000L};
	nanosleep(&settle, 0);
	int reaped = 0;
	long long c0 = cpu_ns(1);
	long long t0 = now_ns();
	if (self == 1) {
		while (wait(0) > 0)
			reaped++;
		if (errno != ECHILD)
			die("wait");
	} else {
		struct timespec pause = {0, 20000};
		if (kill(1, SIGCONT) < 0)
			die("kill(1, SIGCONT)");
		/* A zombie still takes signal 0; a reaped pid is gone.  (Not
		 * /proc/1/task/1/children: reading it takes the tasklist lock
		 * once per child, which would slow down the reaping timed.) */
		for (int i = 0; i < orphans; i++)
			while (kill(pid[i], 0) == 0)
				nanosleep(&pause, 0);
		reaped = orphans;
	}
	long long t1 = now_ns();
	long long c1 = cpu_ns(1);
	printf("%d %.1f %.1f\n", reaped, (t1 - t0) / 1000.0,
	       (c1 - c0) / 1000.0);
	return reaped == orphans ? 0 : 1;
}

/* Stops pid and waits until the kernel says it is stopped. */
static void stop(pid_t pid)
{
	char path[64], stat[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if (kill(pid, SIGSTOP) < 0)
		die("kill(SIGSTOP)");
	for (;;) {
		FILE *f = fopen(path, "r");
		if (!f)
			die(path);
		char *ok = fgets(stat, sizeof stat, f);
		fclose(f);
		char *end = ok ? strrchr(stat, ')') : 0;
		if (end && end[1] == ' ' && end[2] == 'T')
			return;
		struct timespec ms = {0, 1000000L};
		nanosleep(&ms, 0);
	}
}

/* One run through one init; returns the reaping time in us, or -1, and
 * PID 1's CPU time meanwhile in *cpu_us. */
static double run(struct spec *s, double *cpu_us)
{
	int out[2], in[2];
	if (pipe(out) < 0 || pipe(in) < 0)
		die("pipe");
	pid_t pid = spawn_pidns(s->argv, 1, out[1], in[0]);
	close(out[1]);
	close(in[0]);
	char line[128] = {0};
	FILE *f = fdopen(out[0], "r");
	if (!f)
		die("fdopen");
	int ok = fgets(line, sizeof line, f) && strcmp(line, "ready\n") == 0;
	if (ok && s->nprefix > 0)
		stop(pid);
	ok = ok && write(in[1], "go\n", 3) == 3;
	close(in[1]);
	ok = ok && fgets(line, sizeof line, f);
	fclose(f);
	int status = wait_for(pid);
	int reaped = 0;
	double t = 0;
	if (!ok || sscanf(line, "%d %lf %lf", &reaped, &t, cpu_us) != 3 ||
	    status != 0) {
		fprintf(stderr, "reap: %s failed (status %d)\n", s->label,
			status);
		return -1;
	}
	return t;
}

int main(int argc, char *argv[])
{
	if (argc == 3 && strcmp(argv[1], "--child") == 0)
		return child(atoi(argv[2]));
	if (argc < 4) {
		fprintf(stderr, "usage: reap ORPHANS REPS SPEC...\n");
		return 2;
	}
	char self[4096];
	self_exe(self, sizeof self);
	int orphans = atoi(argv[1]), reps = atoi(argv[2]), nspec = argc - 3;
	if (reps < 1 || reps > 64 || nspec > MAX_SPECS)
		return 2;
	struct spec specs[MAX_SPECS];
	double us[MAX_SPECS][64], cpu[MAX_SPECS][64];
	char *cmd[] = {self, "--child", argv[1], 0};
	for (int i = 0; i < nspec; i++) {
		parse_spec(argv[i + 3], &specs[i]);
		spec_argv(&specs[i], cmd);
	}
	for (int r = 0; r < reps; r++)
		for (int i = 0; i < nspec; i++)
			if ((us[i][r] = run(&specs[i], &cpu[i][r])) < 0)
				return 1;
	for (int i = 0; i < nspec; i++) {
		double med = median(us[i], reps);
		double cpu_med = median(cpu[i], reps);
		printf("%s reaps_per_s=%.0f median_us=%.1f min_us=%.1f "
		       "max_us=%.1f cpu_ns_per_reap=%.0f reps=%d orphans=%d\n",
		       specs[i].label, med > 0 ? orphans / (med / 1e6) : 0, med,
		       us[i][0], us[i][reps - 1],
		       orphans > 0 ? cpu_med * 1000 / orphans : 0, reps,
		       orphans);
	}
	return 0;
}
