/* idle.c - what an init costs while its command sleeps.
 *
 *   idle SECONDS REPS SPEC...
 *
 * Each repetition starts every "PREFIX sleep 100000" at once, each as PID 1
 * of a fresh PID namespace, lets them settle, then counts each init's
 * context switches (voluntary: its own wakeups) over SECONDS and reads its
 * peak resident memory (VmHWM), and kills the namespaces.  Prints
 * "LABEL wakeups=W nonvoluntary=V hwm_kb=K seconds=S reps=N" (medians). */
#include "bench.h"

struct sample {
	long voluntary, nonvoluntary, hwm_kb;
};

static struct sample read_status(pid_t pid)
{
	char path[64], line[256];
	struct sample s = {-1, -1, -1};
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		die(path);
	while (fgets(line, sizeof line, f)) {
		sscanf(line, "voluntary_ctxt_switches: %ld", &s.voluntary);
		sscanf(line, "nonvoluntary_ctxt_switches: %ld",
		       &s.nonvoluntary);
		sscanf(line, "VmHWM: %ld kB", &s.hwm_kb);
	}
	fclose(f);
	return s;
}

int main(int argc, char *argv[])
{
	if (argc < 4) {
		fprintf(stderr, "usage: idle SECONDS REPS SPEC...\n");
		return 2;
	}
	double seconds = atof(argv[1]);
	int reps = atoi(argv[2]), nspec = argc - 3;
	if (seconds <= 0 || reps < 1 || reps > 64 || nspec > MAX_SPECS)
		return 2;
	struct spec specs[MAX_SPECS];
	double vol[MAX_SPECS][64], nonvol[MAX_SPECS][64], hwm[MAX_SPECS][64];
	char *cmd[] = {"sleep", "100000", 0};
	for (int i = 0; i < nspec; i++) {
		parse_spec(argv[i + 3], &specs[i]);
		spec_argv(&specs[i], cmd);
	}
	struct timespec settle = {0, 300000000L};
	struct timespec span = {(time_t)seconds,
				(long)((seconds - (time_t)seconds) * 1e9)};
	for (int r = 0; r < reps; r++) {
		pid_t pid[MAX_SPECS];
		struct sample a[MAX_SPECS];
		for (int i = 0; i < nspec; i++)
			pid[i] = spawn_pidns(specs[i].argv, 1, -1, -1);
		nanosleep(&settle, 0);
		for (int i = 0; i < nspec; i++)
			a[i] = read_status(pid[i]);
		nanosleep(&span, 0);
		for (int i = 0; i < nspec; i++) {
			struct sample b = read_status(pid[i]);
			vol[i][r] = (double)(b.voluntary - a[i].voluntary);
			nonvol[i][r] =
			    (double)(b.nonvoluntary - a[i].nonvoluntary);
			hwm[i][r] = (double)b.hwm_kb;
			/* The init's death ends its whole namespace. */
			kill(pid[i], SIGKILL);
		}
		for (int i = 0; i < nspec; i++)
			wait_for(pid[i]);
	}
	for (int i = 0; i < nspec; i++)
		printf("%s wakeups=%.0f nonvoluntary=%.0f hwm_kb=%.0f "
		       "seconds=%g reps=%d\n",
		       specs[i].label, median(vol[i], reps),
		       median(nonvol[i], reps), median(hwm[i], reps), seconds,
		       reps);
	return 0;
}
