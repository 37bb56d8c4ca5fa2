/* main.c - runs every unit test group and prints the totals.
 *
 * cmocka prints its usual per-group summary; the last line is the
 * "N passed, N failed" every hinit test suite ends with, and the exit
 * status is non-zero when anything failed. */
#include <stdio.h>
#include "unit.h"

void unit_rng_seed(struct unit_rng *r, unsigned long long seed)
{
	/* xorshift must not start from 0. */
	r->state = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

unsigned unit_rng_next(struct unit_rng *r)
{
	unsigned long long x = r->state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->state = x;
	return (unsigned)((x * 0x2545f4914f6cdd1dULL) >> 32);
}

unsigned unit_rng_below(struct unit_rng *r, unsigned n)
{
	return (unsigned)(((unsigned long long)unit_rng_next(r) * n) >> 32);
}

int main(void)
{
	static const struct {
		const char *name;
		int (*run)(int *);
	} groups[] = {
	    {"exit_code: status and spawn error translation",
	     unit_exit_code_tests},
	    {"args: command line, signal names, numbers", unit_args_tests},
	    {"core: scenarios with exact actions", unit_core_tests},
	    {"core_model: every event in every phase, random lives",
	     unit_core_model_tests},
	};
	int run = 0, failed = 0;
	for (unsigned i = 0; i < sizeof groups / sizeof groups[0]; i++) {
		int n = 0;
		printf("[ GROUP    ] %s\n", groups[i].name);
		fflush(stdout);
		int f = groups[i].run(&n);
		run += n;
		/* cmocka returns the failures, or a negative count on a
		 * group setup error: either way nothing passed. */
		failed += f < 0 || f > n ? n : f;
	}
	printf("%d passed, %d failed\n", run - failed, failed);
	return failed ? 1 : 0;
}
