/* vmcore.c - the command hinit runs as /core in the VM test (run.sh).
 *
 * One static program; argv[1] picks what it does, so one initramfs serves
 * every scenario and the kernel command line chooses:
 *
 *   (none)             print, leave a child that reports the SIGTERM it
 *                      gets from hinit, exit 0
 *   exit N             mark the time in the kernel log, exit N
 *   orphans N          make N orphans (re-parented to hinit), let them
 *                      die, check /proc until no zombie is left
 *   disk NONCE         mount /dev/vda (minix) on /mnt; leave a child
 *                      that, on SIGTERM, waits 1 s and then writes 1 MiB
 *                      to /mnt/data (no fsync: it stays in the page cache)
 *   disk-control NONCE the same write, then reboot without sync(): shows
 *                      the data is lost unless someone syncs
 *   args WORD...       print argv and $HINIT_VM_ENV
 *
 * and, on the host:
 *   verify IMAGE NONCE present|absent
 *
 * Every line it prints starts with "core" so run.sh can find it among the
 * kernel's and hinit's lines on the console. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DATA_SIZE (1L << 20)
#define SECTOR 512

static void die(const char *what)
{
	dprintf(1, "core: FAILED: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A line in the kernel log: on the console with the kernel's timestamp,
 * which run.sh compares with the time of the kernel's reboot message. */
static void kmsg(const char *text)
{
	if (mknod("/dev/kmsg", S_IFCHR | 0600, makedev(1, 11)) < 0 &&
	    errno != EEXIST)
		die("mknod /dev/kmsg");
	int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		die("open /dev/kmsg");
	/* Level 2 (critical): printed on the console even with "quiet". */
	dprintf(fd, "<2>%s\n", text);
	close(fd);
}

static void mount_fs(const char *type, const char *dir)
{
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		die(dir);
	if (mount(type, dir, type, 0, 0) < 0 && errno != EBUSY)
		die(dir);
}

static long ms_since(const struct timespec *start)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - start->tv_sec) * 1000 +
	       (t.tv_nsec - start->tv_nsec) / 1000000;
}

static volatile sig_atomic_t term_from = -1, hup_from = -1;

static void on_signal(int sig, siginfo_t *info, void *context)
{
	(void)context;
	if (sig == SIGTERM)
		term_from = info->si_pid;
	else
		hup_from = info->si_pid;
}

/* Forks a child that waits for SIGTERM (the handler is in place before the
 * parent goes on) and then runs then(arg).  A SIGHUP is reported and then
 * does what it does by default: it kills the child. */
static pid_t child_waiting_for_term(void (*then)(const char *), const char *arg)
{
	int ready[2];
	if (pipe(ready) < 0)
		die("pipe");
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		sigset_t block, old;
		sigemptyset(&block);
		sigaddset(&block, SIGTERM);
		sigaddset(&block, SIGHUP);
		sigprocmask(SIG_BLOCK, &block, &old);
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_signal;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGTERM, &sa, 0);
		sigaction(SIGHUP, &sa, 0);
		close(ready[0]);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		close(ready[1]);
		while (term_from < 0 && hup_from < 0)
			sigsuspend(&old);
		if (hup_from >= 0) {
			dprintf(1,
				"core-child: pid %d got SIGHUP from pid %d\n",
				(int)getpid(), (int)hup_from);
			signal(SIGHUP, SIG_DFL);
			sigprocmask(SIG_SETMASK, &old, 0);
			raise(SIGHUP);
			_exit(1);
		}
		dprintf(1, "core-child: pid %d got SIGTERM from pid %d\n",
			(int)getpid(), (int)term_from);
		then(arg);
		_exit(0);
	}
	close(ready[1]);
	char c;
	if (read(ready[0], &c, 1) != 1)
		die("child did not get ready");
	close(ready[0]);
	return pid;
}

static void nothing(const char *arg)
{
	(void)arg;
}

static int basic(void)
{
	pid_t child = child_waiting_for_term(nothing, 0);
	dprintf(1, "core: exiting with status 0, leaving child %d\n",
		(int)child);
	return 0;
}

static int exit_with(const char *text)
{
	int code = atoi(text);
	char line[80];
	snprintf(line, sizeof line, "core: exiting with status %d", code);
	kmsg(line);
	return code;
}

/* State letter and parent of /proc/<name>; 0 if it is gone. */
static char proc_state(const char *name, long *ppid)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%s/stat", name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	if (!p || p[1] != ' ' || !p[2])
		return 0;
	*ppid = strtol(p + 4, 0, 10);
	return p[2];
}

/* Counts zombies (anywhere) and live processes whose parent is hinit,
 * other than this one. */
static void count(long *zombies, long *orphans)
{
	*zombies = 0;
	*orphans = 0;
	DIR *d = opendir("/proc");
	if (!d)
		die("opendir /proc");
	struct dirent *e;
	long self = getpid();
	while ((e = readdir(d))) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		long ppid = -1;
		char state = proc_state(e->d_name, &ppid);
		if (state == 'Z')
			(*zombies)++;
		else if (state && ppid == 1 && atol(e->d_name) != self)
			(*orphans)++;
	}
	closedir(d);
}

static int orphans(const char *text)
{
	long n = atol(text);
	mount_fs("proc", "/proc");
	int gate[2];
	if (pipe(gate) < 0)
		die("pipe");
	pid_t middle = fork();
	if (middle < 0)
		die("fork");
	if (middle == 0) {
		close(gate[1]);
		for (long i = 0; i < n; i++) {
			pid_t pid = fork();
			if (pid < 0) {
				dprintf(1, "core: FAILED: fork %ld: %s\n", i,
					strerror(errno));
				_exit(2);
			}
			if (pid == 0) {
				char c;
				/* Blocks until the gate closes: EOF. */
				while (read(gate[0], &c, 1) > 0)
					;
				_exit(0);
			}
		}
		_exit(0);
	}
	close(gate[0]);
	int status;
	if (waitpid(middle, &status, 0) != middle || status != 0) {
		dprintf(1, "core: FAILED: forking process status %d\n", status);
		return 1;
	}
	long zombies, reparented;
	count(&zombies, &reparented);
	dprintf(1, "core: %ld orphans re-parented to pid 1: %ld\n", n,
		reparented);
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	close(gate[1]); /* every orphan exits now */
	long left = reparented;
	while (ms_since(&start) < 60000) {
		count(&zombies, &left);
		if (zombies == 0 && left == 0)
			break;
		usleep(50000);
	}
	dprintf(1,
		"core: orphans released: %ld zombies, %ld alive after %ld "
		"ms\n",
		zombies, left, ms_since(&start));
	return reparented == n && zombies == 0 && left == 0 ? 0 : 1;
}

static void fill(char *buf, const char *nonce)
{
	for (long s = 0; s < DATA_SIZE / SECTOR; s++) {
		char *p = buf + s * SECTOR;
		for (int i = 0; i < SECTOR; i++)
			p[i] = (char)('a' + (s + i) % 26);
		int n = snprintf(p, SECTOR, "hinit vm data %s sector %ld\n",
				 nonce, s);
		p[n] = '\n';
	}
}

/* Write requests the disk completed (field 5 of /sys/block/vda/stat). */
static long vda_writes(void)
{
	char buf[256];
	int fd = open("/sys/block/vda/stat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die("open /sys/block/vda/stat");
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		die("read /sys/block/vda/stat");
	buf[n] = 0;
	long v[5] = {0};
	if (sscanf(buf, "%ld %ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3],
		   &v[4]) != 5)
		die("parse /sys/block/vda/stat");
	return v[4];
}

static void write_data(const char *nonce)
{
	sleep(1); /* inside hinit's grace: it must wait for this */
	char *buf = malloc(DATA_SIZE);
	if (!buf)
		die("malloc");
	fill(buf, nonce);
	long before = vda_writes();
	int fd =
	    open("/mnt/data", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die("open /mnt/data");
	if (write(fd, buf, DATA_SIZE) != DATA_SIZE)
		die("write /mnt/data");
	close(fd);
	dprintf(1,
		"core-child: wrote %ld bytes to /mnt/data; disk writes "
		"completed before %ld, after %ld\n",
		DATA_SIZE, before, vda_writes());
}

static void load_modules(void)
{
	struct dirent **list;
	int n = scandir("/modules", &list, 0, alphasort);
	if (n < 0)
		die("scandir /modules");
	for (int i = 0; i < n; i++) {
		char path[300];
		snprintf(path, sizeof path, "/modules/%s", list[i]->d_name);
		if (list[i]->d_name[0] == '.')
			continue;
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			die(path);
		if (syscall(SYS_finit_module, fd, "", 0) < 0 && errno != EEXIST)
			die(path);
		close(fd);
	}
}

/* Makes /dev/vda once the driver has found the disk. */
static void make_vda(void)
{
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	int fd;
	while ((fd = open("/sys/block/vda/dev", O_RDONLY | O_CLOEXEC)) < 0) {
		if (ms_since(&start) > 10000)
			die("no /sys/block/vda after 10 s");
		usleep(20000);
	}
	char buf[32] = {0};
	if (read(fd, buf, sizeof buf - 1) <= 0)
		die("read /sys/block/vda/dev");
	close(fd);
	unsigned major, minor;
	if (sscanf(buf, "%u:%u", &major, &minor) != 2)
		die("parse /sys/block/vda/dev");
	mkdir("/dev", 0755);
	if (mknod("/dev/vda", S_IFBLK | 0600, makedev(major, minor)) < 0 &&
	    errno != EEXIST)
		die("mknod /dev/vda");
}

static int disk(const char *nonce, int control)
{
	mount_fs("proc", "/proc");
	mount_fs("sysfs", "/sys");
	load_modules();
	make_vda();
	/* A file on a mounted filesystem, as on a real node: its data
	 * stays in the page cache until sync() or the kernel's writeback
	 * (after 30 s), and the mount keeps the disk open, so no last
	 * close of /dev/vda flushes it either. */
	if (mkdir("/mnt", 0755) < 0 && errno != EEXIST)
		die("mkdir /mnt");
	if (mount("/dev/vda", "/mnt", "minix", 0, 0) < 0)
		die("mount /dev/vda");
	pid_t child = child_waiting_for_term(write_data, nonce);
	if (!control) {
		dprintf(1,
			"core: exiting with status 0, leaving disk child "
			"%d\n",
			(int)child);
		return 0;
	}
	kill(child, SIGTERM);
	int status;
	waitpid(child, &status, 0);
	dprintf(1, "core: control: rebooting without sync\n");
	reboot(RB_AUTOBOOT);
	die("reboot");
	return 1;
}

static int args(int argc, char *argv[])
{
	for (int i = 0; i < argc; i++)
		dprintf(1, "core: argv[%d]=<%s>\n", i, argv[i]);
	const char *env = getenv("HINIT_VM_ENV");
	dprintf(1, "core: HINIT_VM_ENV=<%s>\n", env ? env : "(unset)");
	return 0;
}

/* Host side: are all the sectors of `disk NONCE` somewhere in the image
 * (the filesystem decides where; each sector says which it is), or none
 * of them? */
static int verify(const char *image, const char *nonce, const char *want)
{
	char *expect = malloc(DATA_SIZE);
	if (!expect)
		die("malloc");
	fill(expect, nonce);
	int fd = open(image, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die(image);
	struct stat st;
	if (fstat(fd, &st) < 0)
		die(image);
	char *img = malloc(st.st_size);
	if (!img || read(fd, img, st.st_size) != st.st_size)
		die("read image");
	close(fd);
	static unsigned char found[DATA_SIZE / SECTOR];
	char prefix[80];
	int plen =
	    snprintf(prefix, sizeof prefix, "hinit vm data %s sector ", nonce);
	long seen = 0, intact = 0;
	for (off_t at = 0; at + SECTOR <= st.st_size; at += SECTOR) {
		const char *g = img + at;
		if (memcmp(g, prefix, plen))
			continue;
		seen++;
		long s = strtol(g + plen, 0, 10);
		if (s >= 0 && s < DATA_SIZE / SECTOR &&
		    !memcmp(g, expect + s * SECTOR, SECTOR) && !found[s]) {
			found[s] = 1;
			intact++;
		}
	}
	long total = DATA_SIZE / SECTOR;
	printf("verify: %ld of %ld sectors found intact (%ld sectors with "
	       "the nonce)\n",
	       intact, total, seen);
	if (!strcmp(want, "present"))
		return intact == total ? 0 : 1;
	return seen == 0 ? 0 : 1;
}

int main(int argc, char *argv[])
{
	if (argc < 2)
		return basic();
	const char *mode = argv[1];
	if (!strcmp(mode, "exit") && argc == 3)
		return exit_with(argv[2]);
	if (!strcmp(mode, "orphans") && argc == 3)
		return orphans(argv[2]);
	if (!strcmp(mode, "disk") && argc == 3)
		return disk(argv[2], 0);
	if (!strcmp(mode, "disk-control") && argc == 3)
		return disk(argv[2], 1);
	if (!strcmp(mode, "args"))
		return args(argc, argv);
	if (!strcmp(mode, "verify") && argc == 5)
		return verify(argv[2], argv[3], argv[4]);
	dprintf(1, "core: FAILED: unknown mode '%s'\n", mode);
	return 64;
}
