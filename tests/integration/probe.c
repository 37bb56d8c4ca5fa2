/* probe.c - the workload the integration tests run under hinit.
 *
 * One static binary, many small behaviours chosen by the first argument,
 * each printing or recording what it sees so that run.sh can check hinit
 * from outside.  Signals 32-34 are handled with raw system calls because
 * musl's sigaction and sigaddset refuse them. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void die(const char *what)
{
	fprintf(stderr, "probe: %s: %s\n", what, strerror(errno));
	exit(99);
}

/* The kernel's 64-bit signal set: bit s-1 is signal s. */
static unsigned long long bit(int sig)
{
	return 1ULL << (sig - 1);
}

static void set_mask(int how, unsigned long long set)
{
	if (syscall(SYS_rt_sigprocmask, how, &set, 0, 8) < 0)
		die("rt_sigprocmask");
}

static void set_ignored(int sig)
{
	struct {
		void *handler;
		unsigned long flags;
		void *restorer;
		unsigned long long mask;
	} k = {SIG_IGN, 0, 0, 0};
	if (syscall(SYS_rt_sigaction, sig, &k, 0, 8) < 0)
		die("rt_sigaction");
}

static void set_default(int sig)
{
	struct {
		void *handler;
		unsigned long flags;
		void *restorer;
		unsigned long long mask;
	} k = {SIG_DFL, 0, 0, 0};
	if (syscall(SYS_rt_sigaction, sig, &k, 0, 8) < 0)
		die("rt_sigaction");
}

/* Waits for any signal of set; returns it and its sender. */
static int wait_signal(unsigned long long set, int *sender,
		       const struct timespec *timeout)
{
	siginfo_t info;
	for (;;) {
		long r = syscall(SYS_rt_sigtimedwait, &set, &info, timeout, 8);
		if (r > 0) {
			if (sender)
				*sender = info.si_pid;
			return (int)r;
		}
		if (errno == EAGAIN)
			return 0;
		if (errno != EINTR)
			die("rt_sigtimedwait");
	}
}

static void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&t, &t) < 0 && errno == EINTR)
		;
}

static void write_file(const char *path, const char *text)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die(tmp);
	size_t len = strlen(text);
	if (write(fd, text, len) != (ssize_t)len)
		die("write");
	close(fd);
	if (rename(tmp, path) < 0)
		die("rename");
}

static void append_line(const char *path, const char *line)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		die(path);
	if (write(fd, line, strlen(line)) < 0)
		die("write");
	close(fd);
}

static void write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("write");
		p += n;
		len -= (size_t)n;
	}
}

/* "SigBlk:\t0000000000010000" -> the hex word, from /proc/self/status. */
static void status_field(const char *name, char *out, size_t size)
{
	char buf[8192];
	int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die("/proc/self/status");
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	snprintf(out, size, "?");
	if (n <= 0)
		return;
	buf[n] = 0;
	char *p = strstr(buf, name);
	if (!p)
		return;
	p += strlen(name);
	while (*p == ':' || *p == '\t' || *p == ' ')
		p++;
	size_t i = 0;
	while (p[i] && p[i] != '\n' && i + 1 < size) {
		out[i] = p[i];
		i++;
	}
	out[i] = 0;
}

/* info OUT [MS]: what the command inherited, then sleep MS. */
static int do_info(int argc, char **argv)
{
	if (argc < 3)
		return 98;
	char text[8192], cwd[4096], field[64];
	size_t len = 0;
	if (!getcwd(cwd, sizeof cwd))
		snprintf(cwd, sizeof cwd, "?");
	len += snprintf(text + len, sizeof text - len,
			"pid %d\nppid %d\nsid %d\npgid %d\ncwd %s\n",
			(int)getpid(), (int)getppid(), (int)getsid(0),
			(int)getpgid(0), cwd);
	const char *fields[] = {"SigBlk", "SigIgn", "SigCgt", "SigPnd",
				"ShdPnd"};
	for (unsigned i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		status_field(fields[i], field, sizeof field);
		len += snprintf(text + len, sizeof text - len, "%s %s\n",
				fields[i], field);
	}
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		die("/proc/self/fd");
	int own = dirfd(d);
	int fds[256], count = 0;
	struct dirent *e;
	while ((e = readdir(d)) && count < 256) {
		if (e->d_name[0] == '.')
			continue;
		int fd = atoi(e->d_name);
		if (fd != own)
			fds[count++] = fd;
	}
	closedir(d);
	/* readdir order is the kernel's; sort for a stable line. */
	for (int i = 1; i < count; i++)
		for (int j = i; j > 0 && fds[j - 1] > fds[j]; j--) {
			int t = fds[j];
			fds[j] = fds[j - 1];
			fds[j - 1] = t;
		}
	len += snprintf(text + len, sizeof text - len, "fds");
	for (int i = 0; i < count; i++)
		len += snprintf(text + len, sizeof text - len, " %d", fds[i]);
	snprintf(text + len, sizeof text - len, "\n");
	write_file(argv[2], text);
	if (argc > 3)
		sleep_ms(atol(argv[3]));
	return 0;
}

/* Every signal a command can receive by kill(): 1..64 but KILL, STOP and
 * CHLD (which the probe gets from its own children). */
static unsigned long long catchable(void)
{
	return ~0ULL & ~bit(SIGKILL) & ~bit(SIGSTOP) & ~bit(SIGCHLD);
}

static void record_signals(const char *out, char tag, int n)
{
	char line[64];
	for (int i = 0; i < n; i++) {
		int sender = -1;
		int sig = wait_signal(catchable(), &sender, 0);
		snprintf(line, sizeof line, "%c %d %d\n", tag, sig, sender);
		append_line(out, line);
	}
}

/* signals OUT N [g|g-nowait]: record N signals; with a grandchild in
 * the same process group that records them too (g: and wait for it). */
static int do_signals(int argc, char **argv)
{
	if (argc < 4)
		return 98;
	set_mask(SIG_BLOCK, catchable());
	int n = atoi(argv[3]);
	pid_t child = 0;
	if (argc > 4) {
		child = fork();
		if (child < 0)
			die("fork");
		if (child == 0) {
			record_signals(argv[2], 'G', n);
			_exit(0);
		}
	}
	char ready[4096];
	snprintf(ready, sizeof ready, "%s.ready", argv[2]);
	write_file(ready, "ready\n");
	record_signals(argv[2], 'C', n);
	if (child && !strcmp(argv[4], "g")) {
		int status;
		if (waitpid(child, &status, 0) != child)
			die("waitpid");
		return status == 0 ? 0 : 1;
	}
	return 0;
}

/* Forks a grandchild that runs fn and re-parents to hinit; returns after
 * the intermediate child is reaped. */
static void make_orphan(void (*fn)(long), long arg)
{
	pid_t mid = fork();
	if (mid < 0)
		die("fork");
	if (mid == 0) {
		pid_t g = fork();
		if (g < 0)
			_exit(1);
		if (g == 0) {
			fn(arg);
			_exit(0);
		}
		_exit(0);
	}
	int status;
	while (waitpid(mid, &status, 0) < 0 && errno == EINTR)
		;
}

static pid_t expected_parent;
static const char *orphan_report;

/* An orphan: waits to be re-parented, checks it went to hinit, exits. */
static void orphan_body(long ms)
{
	for (int i = 0; i < 2000 && getppid() != expected_parent; i++) {
		struct timespec t = {0, 100000};
		nanosleep(&t, 0);
	}
	if (getppid() != expected_parent && orphan_report) {
		char line[64];
		snprintf(line, sizeof line, "orphan %d re-parented to %d\n",
			 (int)getpid(), (int)getppid());
		append_line(orphan_report, line);
	}
	if (ms > 0)
		sleep_ms(ms);
}

/* Pids present in this PID namespace's /proc, in set (bounded). */
#define MAX_PIDS 65536
static unsigned char present_at_start[MAX_PIDS];

static void snapshot(unsigned char *set)
{
	memset(set, 0, MAX_PIDS);
	DIR *d = opendir("/proc");
	if (!d)
		die("/proc");
	struct dirent *e;
	while ((e = readdir(d))) {
		int pid = atoi(e->d_name);
		if (pid > 0 && pid < MAX_PIDS)
			set[pid] = 1;
	}
	closedir(d);
}

/* Processes that appeared since the start (other than us), each with its
 * state letter, until none is left or ms pass.  Returns how many remain
 * and writes them to report. */
static int wait_quiet(long ms, const char *report)
{
	static unsigned char now[MAX_PIDS];
	int remaining = 0;
	for (long waited = 0;; waited += 10) {
		snapshot(now);
		remaining = 0;
		for (int pid = 2; pid < MAX_PIDS; pid++)
			if (now[pid] && !present_at_start[pid] &&
			    pid != getpid())
				remaining++;
		if (remaining == 0 || waited >= ms)
			break;
		sleep_ms(10);
	}
	if (remaining && report) {
		for (int pid = 2; pid < MAX_PIDS; pid++) {
			if (!now[pid] || present_at_start[pid] ||
			    pid == getpid())
				continue;
			char path[64], state[64], line[128];
			snprintf(path, sizeof path, "/proc/%d/stat", pid);
			int fd = open(path, O_RDONLY | O_CLOEXEC);
			ssize_t n = fd < 0 ? -1 : read(fd, state, 63);
			if (fd >= 0)
				close(fd);
			state[n > 0 ? n : 0] = 0;
			char *p = strrchr(state, ')');
			snprintf(line, sizeof line, "left %d state %c\n", pid,
				 p && p[1] ? p[2] : '?');
			append_line(report, line);
		}
	}
	return remaining;
}

/* orphans N OUT: N orphans that exit at once or after up to 20 ms; every
 * one must be re-parented to our parent (hinit) and reaped by it. */
static int do_orphans(int argc, char **argv)
{
	if (argc < 4)
		return 98;
	int n = atoi(argv[2]);
	orphan_report = argv[3];
	expected_parent = getppid();
	snapshot(present_at_start);
	for (int i = 0; i < n; i++)
		make_orphan(orphan_body, i % 3 == 0 ? 0 : i % 20);
	int left = wait_quiet(5000, argv[3]);
	char line[64];
	snprintf(line, sizeof line, "done %d left %d\n", n, left);
	append_line(argv[3], line);
	return left ? 1 : 0;
}

/* storm N OUT: N orphans come and go while signals pour in; then waits
 * for SIGTERM, checks no process is left, exits 42. */
static int do_storm(int argc, char **argv)
{
	if (argc < 4)
		return 98;
	int n = atoi(argv[2]);
	unsigned long long set = catchable();
	set_mask(SIG_BLOCK, set);
	expected_parent = getppid();
	orphan_report = argv[3];
	snapshot(present_at_start);
	char line[96];
	snprintf(line, sizeof line, "start pid %d ppid %d\n", (int)getpid(),
		 (int)getppid());
	append_line(argv[3], line);
	char ready[4096];
	snprintf(ready, sizeof ready, "%s.ready", argv[3]);
	write_file(ready, "ready\n");
	long received = 0;
	const struct timespec zero = {0, 0};
	int got_term = 0;
	for (int i = 0; i < n; i++) {
		make_orphan(orphan_body, i % 2);
		int sig;
		while ((sig = wait_signal(set, 0, &zero)) > 0) {
			received++;
			got_term |= sig == SIGTERM;
		}
	}
	while (!got_term) {
		int sig = wait_signal(set, 0, 0);
		received++;
		got_term = sig == SIGTERM;
	}
	int left = wait_quiet(5000, argv[3]);
	snprintf(line, sizeof line, "orphans %d signals %ld left %d pid %d\n",
		 n, received, left, (int)getpid());
	append_line(argv[3], line);
	return left ? 1 : 42;
}

/* blast PIDFILE COUNT: COUNT signals to the pid in PIDFILE. */
static int do_blast(int argc, char **argv)
{
	if (argc < 4)
		return 98;
	FILE *f = fopen(argv[2], "r");
	int pid = 0;
	if (!f || fscanf(f, "%d", &pid) != 1 || pid <= 1)
		die("pidfile");
	fclose(f);
	static const int sigs[] = {SIGHUP,  SIGINT,  SIGQUIT, SIGUSR1,
				   SIGUSR2, SIGPIPE, SIGALRM, SIGWINCH,
				   SIGURG,  SIGTSTP, SIGCONT, 32,
				   33,	    34,	     40,      64};
	long count = atol(argv[3]), sent = 0, refused = 0;
	for (long i = 0; i < count; i++) {
		if (kill(pid, sigs[i % (sizeof sigs / sizeof sigs[0])]) == 0)
			sent++;
		else if (errno == EAGAIN)
			refused++; /* real-time queue full */
		else
			die("kill");
	}
	printf("sent %ld refused %ld\n", sent, refused);
	return 0;
}

static int has_children(int pid)
{
	char path[64], kids[64];
	snprintf(path, sizeof path, "/proc/%d/task/%d/children", pid, pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? 0 : read(fd, kids, sizeof kids);
	if (fd >= 0)
		close(fd);
	return n > 0;
}

/* sendearly PIDFILE SIG: as soon as hinit has blocked its signals (it
 * does that first), send SIG; tell whether the command existed yet. */
static int do_sendearly(int argc, char **argv)
{
	if (argc < 4)
		return 98;
	int sig = atoi(argv[3]), pid = 0;
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		FILE *f = fopen(argv[2], "r");
		if (f) {
			int ok = fscanf(f, "%d", &pid) == 1;
			fclose(f);
			if (ok && pid > 1)
				break;
		}
		sched_yield();
	}
	char path[64], buf[4096];
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	for (long spins = 0;; spins++) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			die(path);
		ssize_t n = read(fd, buf, sizeof buf - 1);
		close(fd);
		buf[n > 0 ? n : 0] = 0;
		if (strstr(buf, "Name:\thinit") &&
		    strstr(buf, "SigBlk:\tfffffffffffbfeff"))
			break;
		/* In sigwaitinfo the kernel shows the waited signals as
		 * unblocked; a child means hinit is past its start anyway. */
		if (spins % 64 == 63 && has_children(pid))
			break;
		if (spins > 10000000)
			return 1;
	}
	if (kill(pid, sig) < 0)
		die("kill");
	/* What hinit looked like right after: for the log. */
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof buf - 1);
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	char *blk = strstr(buf, "SigBlk:"), *pnd = strstr(buf, "ShdPnd:");
	printf("%s %.24s %.24s\n",
	       has_children(pid) ? "after-spawn" : "before-spawn",
	       pnd ? pnd : "?", blk ? blk : "?");
	return 0;
}

static unsigned long long parse_list(const char *text)
{
	unsigned long long set = 0;
	while (*text) {
		char *end;
		long sig = strtol(text, &end, 10);
		if (end == text || sig < 1 || sig > 64)
			break;
		set |= bit((int)sig);
		text = *end == ',' ? end + 1 : end;
		if (end == text)
			break;
	}
	return set;
}

static int exec_rest(int argc, char **argv, int from)
{
	if (from >= argc)
		return 98;
	execv(argv[from], &argv[from]);
	die(argv[from]);
	return 99;
}

/* wrap BLOCKED IGNORED PROG ARG...: start PROG with those signals
 * (comma lists, "-" for none) blocked and ignored. */
static int do_wrap(int argc, char **argv)
{
	if (argc < 5)
		return 98;
	unsigned long long ign = strcmp(argv[3], "-") ? parse_list(argv[3]) : 0;
	for (int sig = 1; sig <= 64; sig++)
		if (ign & bit(sig))
			set_ignored(sig);
		else if (sig != SIGKILL && sig != SIGSTOP)
			set_default(sig);
	set_mask(SIG_SETMASK, strcmp(argv[2], "-") ? parse_list(argv[2]) : 0);
	return exec_rest(argc, argv, 4);
}

/* pending SIGS PROG ARG...: exec PROG with SIGS blocked and pending. */
static int do_pending(int argc, char **argv)
{
	if (argc < 4)
		return 98;
	unsigned long long set = parse_list(argv[2]);
	set_mask(SIG_BLOCK, set);
	for (int sig = 1; sig <= 64; sig++)
		if ((set & bit(sig)) && kill(getpid(), sig) < 0)
			die("kill");
	return exec_rest(argc, argv, 3);
}

static void on_term(int sig)
{
	(void)sig;
	_exit(7);
}

/* Like a shell or an editor: clean up, then really stop.  (A plain
 * SIGTSTP would be discarded: the command's process group is orphaned,
 * being alone in the session hinit made for it.) */
static void on_tstp(int sig)
{
	(void)sig;
	kill(getpid(), SIGSTOP);
}

/* term-handler READY: SIGTERM exits 7 from a handler; SIGTSTP stops. */
static int do_term_handler(int argc, char **argv)
{
	if (argc < 3)
		return 98;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	if (sigaction(SIGTERM, &sa, 0) < 0)
		die("sigaction");
	sa.sa_handler = on_tstp;
	if (sigaction(SIGTSTP, &sa, 0) < 0)
		die("sigaction");
	set_mask(SIG_SETMASK, 0);
	write_file(argv[2], "ready\n");
	for (;;)
		pause();
}

static void ignore_term_sleep(long ms)
{
	signal(SIGTERM, SIG_IGN);
	sleep_ms(ms);
}

static void setsid_sleep(long ms)
{
	setsid();
	sleep_ms(ms);
}

/* leave MODE MS CODE: leave an orphan (MODE ignterm: ignores SIGTERM;
 * setsid: in a session of its own; plain) sleeping MS, exit CODE. */
static int do_leave(int argc, char **argv)
{
	if (argc < 5)
		return 98;
	expected_parent = getppid();
	if (!strcmp(argv[2], "ignterm"))
		make_orphan(ignore_term_sleep, atol(argv[3]));
	else if (!strcmp(argv[2], "setsid"))
		make_orphan(setsid_sleep, atol(argv[3]));
	else
		make_orphan(orphan_body, atol(argv[3]));
	/* Let the orphan set itself up before the end path starts. */
	sleep_ms(100);
	return atoi(argv[4]);
}

static int do_raise(int argc, char **argv)
{
	if (argc < 3)
		return 98;
	int sig = atoi(argv[2]);
	struct rlimit no_core = {0, 0};
	setrlimit(RLIMIT_CORE, &no_core);
	if (sig != SIGKILL && sig != SIGSTOP)
		set_default(sig);
	set_mask(SIG_SETMASK, 0);
	kill(getpid(), sig);
	sleep_ms(1000);
	return 97;
}

static int do_cat(void)
{
	char buf[65536];
	for (;;) {
		ssize_t n = read(0, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("read");
		if (n == 0)
			break;
		write_all(1, buf, (size_t)n);
	}
	static const char err[] = "err\0\377\n";
	write_all(2, err, sizeof err - 1);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: probe MODE ARG...\n");
		return 98;
	}
	const char *m = argv[1];
	if (!strcmp(m, "exit"))
		return argc > 2 ? atoi(argv[2]) : 0;
	if (!strcmp(m, "raise"))
		return do_raise(argc, argv);
	if (!strcmp(m, "sleep")) {
		if (argc > 3)
			write_file(argv[3], "ready\n");
		sleep_ms(argc > 2 ? atol(argv[2]) : 1000);
		return 0;
	}
	if (!strcmp(m, "unblock-sleep")) {
		set_mask(SIG_SETMASK, 0);
		sleep_ms(argc > 2 ? atol(argv[2]) : 1000);
		return 0;
	}
	if (!strcmp(m, "argv")) {
		for (int i = 2; i < argc; i++)
			write_all(1, argv[i], strlen(argv[i]) + 1);
		return 0;
	}
	if (!strcmp(m, "env")) {
		for (char **e = environ; *e; e++)
			write_all(1, *e, strlen(*e) + 1);
		return 0;
	}
	if (!strcmp(m, "cat"))
		return do_cat();
	if (!strcmp(m, "info"))
		return do_info(argc, argv);
	if (!strcmp(m, "signals"))
		return do_signals(argc, argv);
	if (!strcmp(m, "orphans"))
		return do_orphans(argc, argv);
	if (!strcmp(m, "storm"))
		return do_storm(argc, argv);
	if (!strcmp(m, "blast"))
		return do_blast(argc, argv);
	if (!strcmp(m, "sendearly"))
		return do_sendearly(argc, argv);
	if (!strcmp(m, "wrap"))
		return do_wrap(argc, argv);
	if (!strcmp(m, "pending"))
		return do_pending(argc, argv);
	if (!strcmp(m, "term-handler"))
		return do_term_handler(argc, argv);
	if (!strcmp(m, "leave"))
		return do_leave(argc, argv);
	fprintf(stderr, "probe: unknown mode %s\n", m);
	return 98;
}
