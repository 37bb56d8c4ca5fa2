/* siglat.c - how long a signal sent to the init takes to reach the command.
 *
 *   siglat [--one-cpu] SIGNALS REPS SPEC...   driver: one line per spec
 *   siglat --child across|one                 the command under each init
 *
 * The driver starts "PREFIX siglat --child" for every spec, each as PID 1
 * of a fresh PID namespace, sends SIGUSR1 to PID 1 from outside (as
 * `docker kill` does) and waits until the command reports the time it
 * received it, one signal at a time so none is merged, going round the
 * specs signal by signal.  With spec "none=" the command
 * itself is PID 1: the kernel's floor.  SIGTERM ends the run.  The
 * init's CPU time (schedstat) over the signals, per signal, is the cost
 * with the machine's load left out.  Prints "LABEL median_us=M p99_us=P
 * cpu_ns_per_signal=C signals=N".
 *
 * Every process has the same CPU under every init.  Left to the
 * scheduler, the placement each one happened to get made one init's
 * median 30% slower than another's in one run and faster in the next.
 * Across CPUs (the default, an idle multi-core host): this driver on
 * CPU 0, each init on CPU 1, its command on CPU 0, so every hop wakes
 * another CPU (a command that is PID 1 itself, with no init, is on
 * CPU 1).  --one-cpu: all of them on CPU 0, so every hop is a switch on
 * one CPU (a loaded host), which leaves out the cost of waking a CPU. */
#include "bench.h"

/* CPU of the command: see the top of the file. */
static int command_cpu(int one_cpu)
{
	return !one_cpu && getpid() == 1 ? 1 : 0;
}

static int child(int one_cpu)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, 0);
	pin_to_cpu(0, command_cpu(one_cpu));
	long long t = 0;
	/* Ready: from here on a signal waits for sigwaitinfo. */
	if (write(1, &t, sizeof t) != sizeof t)
		return 1;
	for (;;) {
		int sig = sigwaitinfo(&set, 0);
		if (sig == SIGTERM)
			return 0;
		if (sig != SIGUSR1)
			continue;
		t = now_ns();
		if (write(1, &t, sizeof t) != sizeof t)
			return 1;
	}
}

/* Starts every spec's init at once and sends n signals through each,
 * interleaved signal by signal (A B C A B C ...), so that a burst of load
 * on the machine hits them alike.  lat[j] receives spec j's latencies
 * (us), cpu[j] its init's CPU time per signal (ns). */
static int run(struct spec *s, int nspec, int n, int init_cpu, double **lat,
	       double *cpu)
{
	pid_t pid[MAX_SPECS];
	int fd[MAX_SPECS];
	long long c0[MAX_SPECS], t0, t1;
	struct timespec settle = {0, 100000};
	int ok = 1;
	for (int j = 0; j < nspec; j++) {
		int out[2];
		if (pipe(out) < 0)
			die("pipe");
		pid[j] = spawn_pidns(s[j].argv, 1, out[1], -1);
		close(out[1]);
		fd[j] = out[0];
	}
	for (int j = 0; j < nspec; j++) {
		ok = ok && read_full(fd[j], &t1, sizeof t1);
		if (s[j].nprefix > 0)
			pin_to_cpu(pid[j], init_cpu);
		c0[j] = cpu_ns(pid[j]);
	}
	for (int i = 0; ok && i < n; i++) {
		for (int j = 0; ok && j < nspec; j++) {
			t0 = now_ns();
			if (kill(pid[j], SIGUSR1) < 0)
				die("kill");
			ok = read_full(fd[j], &t1, sizeof t1);
			lat[j][i] = (t1 - t0) / 1000.0;
			/* Lets this init and command go back to sleep before
			 * the next one is timed on the same two CPUs. */
			nanosleep(&settle, 0);
		}
	}
	for (int j = 0; j < nspec; j++) {
		cpu[j] = n > 0 ? (double)(cpu_ns(pid[j]) - c0[j]) / n : 0;
		kill(pid[j], SIGTERM);
		close(fd[j]);
	}
	for (int j = 0; j < nspec; j++) {
		int status = wait_for(pid[j]);
		if (!ok || status != 0) {
			fprintf(stderr, "siglat: %s failed (status %d)\n",
				s[j].label, status);
			ok = 0;
		}
	}
	return ok;
}

int main(int argc, char *argv[])
{
	if (argc == 3 && strcmp(argv[1], "--child") == 0)
		return child(strcmp(argv[2], "one") == 0);
	int one_cpu = argc > 1 && strcmp(argv[1], "--one-cpu") == 0;
	argc -= one_cpu;
	argv += one_cpu;
	if (argc < 4) {
		fprintf(stderr,
			"usage: siglat [--one-cpu] SIGNALS REPS SPEC...\n");
		return 2;
	}
	char self[4096];
	self_exe(self, sizeof self);
	pin_to_cpu(0, 0);
	int n = atoi(argv[1]), reps = atoi(argv[2]), nspec = argc - 3;
	if (n < 0 || reps < 1 || reps > 64 || nspec > MAX_SPECS)
		return 2;
	struct spec specs[MAX_SPECS];
	double *lat[MAX_SPECS], cpu[MAX_SPECS][64];
	char *cmd[] = {self, "--child", one_cpu ? "one" : "across", 0};
	for (int i = 0; i < nspec; i++) {
		parse_spec(argv[i + 3], &specs[i]);
		spec_argv(&specs[i], cmd);
		lat[i] = calloc((size_t)n * reps + 1, sizeof(double));
		if (!lat[i])
			die("calloc");
	}
	for (int r = 0; r < reps; r++) {
		double *at[MAX_SPECS], cpu_r[MAX_SPECS];
		for (int i = 0; i < nspec; i++)
			at[i] = lat[i] + (size_t)r * n;
		if (!run(specs, nspec, n, one_cpu ? 0 : 1, at, cpu_r))
			return 1;
		for (int i = 0; i < nspec; i++)
			cpu[i][r] = cpu_r[i];
	}
	for (int i = 0; i < nspec; i++) {
		int total = n * reps;
		double med = median(lat[i], total);
		printf("%s median_us=%.1f p99_us=%.1f cpu_ns_per_signal=%.0f "
		       "signals=%d\n",
		       specs[i].label, med, quantile(lat[i], total, 0.99),
		       median(cpu[i], reps), total);
	}
	return 0;
}
