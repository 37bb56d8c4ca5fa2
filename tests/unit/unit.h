/* unit.h - what the unit test files share.
 *
 * Each file runs its own cmocka group and returns how many tests it ran
 * and how many failed; main.c adds them up. */
#ifndef HINIT_UNIT_H
#define HINIT_UNIT_H

/* Runs one group; *run gets the number of tests in it.  Returns the
 * number that failed (cmocka's own count). */
int unit_core_tests(int *run);
int unit_core_model_tests(int *run);
int unit_exit_code_tests(int *run);
int unit_args_tests(int *run);

/* The exit code hinit must report for a raw wait status, decoded in the
 * test from wait(2)'s layout, independently of src/exit_code.c. */
int unit_expected_exit_code(long long raw);

/* Deterministic pseudo-random numbers (xorshift64*), so that a failing
 * randomized test fails the same way on every machine. */
struct unit_rng {
	unsigned long long state;
};
void unit_rng_seed(struct unit_rng *r, unsigned long long seed);
unsigned unit_rng_next(struct unit_rng *r);
/* 0..n-1 (n > 0). */
unsigned unit_rng_below(struct unit_rng *r, unsigned n);

/* Helpers for the core's tests (core_util.c). */
struct hinit_config;
struct actions;
/* The CLI's defaults, written out here rather than taken from args.c. */
void unit_config(struct hinit_config *cfg);
/* "SIGNAL(-100,15) LOG(FORWARDED,15,-100) ..." for failure messages. */
void unit_format_actions(char *buf, unsigned long size,
			 const struct actions *a);
/* Same count and same fields, in the same order. */
int unit_actions_equal(const struct actions *a, const struct actions *b);

#endif
