/* test_exit_code.c - status_to_exit_code and spawn_error_exit_code. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <sys/wait.h>
#include "core.h"
#include "unit.h"

/* wait(2)'s 16-bit layout, read as two bytes: the high byte is the exit
 * code of a process that exited; the low byte holds the terminating
 * signal in its low seven bits (0: it exited, 0x7f: a stop or continue
 * report, which hinit never asks for) and the core-dump flag in bit 7.
 * Anything outside 16 bits is no status the kernel produces. */
int unit_expected_exit_code(long long raw)
{
	if (raw < 0 || raw >= 65536)
		return 255;
	long long high_byte = raw / 256;
	long long signal_bits = (raw % 256) % 128;
	if (signal_bits == 0)
		return (int)high_byte;
	if (signal_bits == 127)
		return 255;
	return (int)(128 + signal_bits);
}

/* Every one of the 65,536 raw statuses against the decoding above. */
static void test_all_16bit_statuses(void **state)
{
	(void)state;
	int mismatches = 0;
	for (int raw = 0; raw <= 0xffff; raw++) {
		int got = status_to_exit_code(raw);
		int want = unit_expected_exit_code(raw);
		if (got != want && mismatches++ < 10)
			print_error("status 0x%04x: got %d, want %d\n", raw,
				    got, want);
		if (got < 0 || got > 255) {
			print_error("status 0x%04x: %d out of 0..255\n", raw,
				    got);
			mismatches++;
		}
	}
	assert_int_equal(mismatches, 0);
}

/* glibc's macros classify the same statuses the same way: exited ->
 * the exit code, signalled -> 128 + signal, stopped or continued (or a
 * pattern glibc calls none of these) -> the documented 255. */
static void test_agrees_with_glibc_macros(void **state)
{
	(void)state;
	int exited = 0, signalled = 0, other = 0, mismatches = 0;
	for (int raw = 0; raw <= 0xffff; raw++) {
		int want;
		if (WIFEXITED(raw)) {
			want = WEXITSTATUS(raw);
			exited++;
		} else if (WIFSIGNALED(raw)) {
			want = 128 + WTERMSIG(raw);
			signalled++;
		} else {
			assert_true(WIFSTOPPED(raw) || WIFCONTINUED(raw) ||
				    (raw & 0x7f) == 0x7f);
			want = HINIT_EXIT_UNKNOWN_STATUS;
			other++;
		}
		int got = status_to_exit_code(raw);
		if (got != want && mismatches++ < 10)
			print_error("status 0x%04x: got %d, glibc says %d\n",
				    raw, got, want);
	}
	assert_int_equal(mismatches, 0);
	/* Each class is really exercised: 256 exit codes times the 2 values
	 * of the core bit, 126 signals times 256 x 2, the rest. */
	assert_int_equal(exited, 512);
	assert_int_equal(signalled, 126 * 512);
	assert_int_equal(other, 512);
}

/* What the kernel really reports, built with glibc's own constructors. */
static void test_kernel_statuses(void **state)
{
	(void)state;
	for (int code = 0; code <= 255; code++)
		assert_int_equal(status_to_exit_code(W_EXITCODE(code, 0)),
				 code);
	for (int sig = 1; sig <= 64; sig++) {
		assert_int_equal(status_to_exit_code(W_EXITCODE(0, sig)),
				 128 + sig);
		/* Core dumped: same code. */
		assert_int_equal(
		    status_to_exit_code(W_EXITCODE(0, sig) | WCOREFLAG),
		    128 + sig);
		assert_int_equal(status_to_exit_code(W_STOPCODE(sig)),
				 HINIT_EXIT_UNKNOWN_STATUS);
	}
	assert_int_equal(status_to_exit_code(0xffff), 255); /* continued */
	assert_int_equal(status_to_exit_code(0), 0);
	assert_int_equal(status_to_exit_code(42 << 8), 42);
	assert_int_equal(status_to_exit_code(255 << 8), 255);
	assert_int_equal(status_to_exit_code(9), 137);
	assert_int_equal(status_to_exit_code(15), 143);
	assert_int_equal(status_to_exit_code(0x86), 134); /* SIGABRT, core */
	assert_int_equal(status_to_exit_code(34), 162);
	assert_int_equal(status_to_exit_code(126), 254);
	assert_int_equal(status_to_exit_code(0x7f), 255);
}

/* Outside 16 bits nothing is a status, even when the low bits would
 * read as "exited 0". */
static void test_out_of_range_statuses(void **state)
{
	(void)state;
	static const int bad[] = {
	    -1,		 -2,	  -256,	     -0xffff,	-0x10000, INT_MIN,
	    INT_MIN + 1, 0x10000, 0x10001,   0x10100,	0x1ff00,  0x7fff0000,
	    0x12345678,	 INT_MAX, 0x100007f, 0x1000009, 0x20000,  0xffff00,
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (status_to_exit_code(bad[i]) != 255)
			print_error("status %d\n", bad[i]);
		assert_int_equal(status_to_exit_code(bad[i]), 255);
	}
	/* A sweep of high bits over every low pattern class. */
	for (int high = 1; high < 0x8000; high += 0x101)
		for (int low = 0; low <= 0xffff; low += 0x3b)
			assert_int_equal(status_to_exit_code(high << 16 | low),
					 255);
	for (int raw = -70000; raw < 0; raw += 7)
		assert_int_equal(status_to_exit_code(raw), 255);
}

static void test_spawn_errors(void **state)
{
	(void)state;
	static const int not_found[] = {ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG};
	static const int not_executable[] = {EACCES,  EPERM, ENOEXEC, EISDIR,
					     ETXTBSY, E2BIG, ELIBBAD};
	static const int failed[] = {EAGAIN, ENOMEM, 0,	      -1,      EINVAL,
				     EFAULT, EIO,    EMFILE,  ENFILE,  EINTR,
				     ENOSYS, EBADF,  INT_MIN, INT_MAX, 4096};
	for (unsigned i = 0; i < sizeof not_found / sizeof not_found[0]; i++)
		assert_int_equal(spawn_error_exit_code(not_found[i]), 127);
	for (unsigned i = 0;
	     i < sizeof not_executable / sizeof not_executable[0]; i++)
		assert_int_equal(spawn_error_exit_code(not_executable[i]), 126);
	for (unsigned i = 0; i < sizeof failed / sizeof failed[0]; i++)
		assert_int_equal(spawn_error_exit_code(failed[i]), 1);

	/* Every errno value: exactly those 11 are not 1. */
	int n127 = 0, n126 = 0;
	for (int err = -4096; err <= 4096; err++) {
		int code = spawn_error_exit_code(err);
		assert_true(code == 1 || code == 126 || code == 127);
		n127 += code == 127;
		n126 += code == 126;
	}
	assert_int_equal(n127, 4);
	assert_int_equal(n126, 7);
}

int unit_exit_code_tests(int *run)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_all_16bit_statuses),
	    cmocka_unit_test(test_agrees_with_glibc_macros),
	    cmocka_unit_test(test_kernel_statuses),
	    cmocka_unit_test(test_out_of_range_statuses),
	    cmocka_unit_test(test_spawn_errors),
	};
	*run = sizeof tests / sizeof tests[0];
	return cmocka_run_group_tests_name("exit_code", tests, 0, 0);
}
