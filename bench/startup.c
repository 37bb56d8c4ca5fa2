/* startup.c - what an init adds to the life of a short command.
 *
 *   startup RUNS SPEC...
 *
 * Runs "PREFIX /bin/true" as PID 1 of a fresh PID namespace RUNS times
 * per spec, interleaved (A B C A B C ...), timing clone to reap.  Prints
 * one line per spec: "LABEL median_us=M p10_us=A p90_us=B runs=N". */
#include "bench.h"

int main(int argc, char *argv[])
{
	if (argc < 3) {
		fprintf(stderr, "usage: startup RUNS SPEC...\n");
		return 2;
	}
	int runs = atoi(argv[1]);
	int nspec = argc - 2;
	if (runs < 1 || nspec > MAX_SPECS)
		return 2;
	struct spec specs[MAX_SPECS];
	double *us[MAX_SPECS];
	char *cmd[] = {"/bin/true", 0};
	for (int i = 0; i < nspec; i++) {
		parse_spec(argv[i + 2], &specs[i]);
		spec_argv(&specs[i], cmd);
		us[i] = calloc((size_t)runs, sizeof(double));
		if (!us[i])
			die("calloc");
	}
	for (int r = 0; r < runs; r++) {
		for (int i = 0; i < nspec; i++) {
			long long t0 = now_ns();
			int status =
			    wait_for(spawn_pidns(specs[i].argv, 0, -1, -1));
			us[i][r] = (now_ns() - t0) / 1000.0;
			if (status != 0) {
				fprintf(stderr,
					"startup: %s ended with status %d\n",
					specs[i].label, status);
				return 1;
			}
		}
	}
	for (int i = 0; i < nspec; i++) {
		double med = median(us[i], runs);
		printf("%s median_us=%.1f p10_us=%.1f p90_us=%.1f runs=%d\n",
		       specs[i].label, med, quantile(us[i], runs, 0.1),
		       quantile(us[i], runs, 0.9), runs);
	}
	return 0;
}
