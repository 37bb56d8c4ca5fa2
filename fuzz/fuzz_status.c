/* fuzz_status.c - the exit-code translations against libc.
 *
 * Input: records of 5 bytes, a selector and a 32-bit value.  Selector
 * bit 0 clear: the value is a raw wait status (bit 1 set: only its low 16
 * bits) and status_to_exit_code must agree with libc's W* macros (exit
 * code, 128+signal, 255 for anything else); set: the value is an errno
 * (bit 1 set: only its low 8 bits) and spawn_error_exit_code must follow
 * the shells' convention as README.md documents it, checked here against
 * libc's errno names. */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>

#include "fuzz_common.h"

static void check_status(int raw)
{
	int expect;
	if (raw < 0 || raw > 0xffff)
		expect = HINIT_EXIT_UNKNOWN_STATUS;
	else if (WIFEXITED(raw))
		expect = WEXITSTATUS(raw);
	else if (WIFSIGNALED(raw))
		expect = 128 + WTERMSIG(raw);
	else /* stopped, continued, or the core-dump bit on 0x7f */
		expect = HINIT_EXIT_UNKNOWN_STATUS;
	int got = status_to_exit_code(raw);
	FUZZ_CHECK(got == expect, "status %#x: got %d, libc says %d", raw, got,
		   expect);
	FUZZ_CHECK(got >= 0 && got <= 255, "status %#x: %d", raw, got);
	/* A signal death is never mistaken for a small exit code. */
	if (raw >= 0 && raw <= 0xffff && WIFSIGNALED(raw))
		FUZZ_CHECK(got > 128, "status %#x: %d", raw, got);
}

static void check_errno(int err)
{
	int expect = HINIT_EXIT_SPAWN_FAILED;
	/* The name does not resolve to a file. */
	if (err == ENOENT || err == ENOTDIR || err == ENAMETOOLONG ||
	    err == ELOOP)
		expect = HINIT_EXIT_NOT_FOUND;
	/* The file is there but cannot be executed. */
	else if (err == EACCES || err == EPERM || err == ENOEXEC ||
		 err == EISDIR || err == ETXTBSY || err == E2BIG ||
		 err == ELIBBAD)
		expect = HINIT_EXIT_NOT_EXECUTABLE;
	int got = spawn_error_exit_code(err);
	FUZZ_CHECK(got == expect, "errno %d (%s): got %d, expected %d", err,
		   err > 0 && err < 4096 ? strerror(err) : "?", got, expect);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader r = {data, size, 0};
	while (rd_more(&r)) {
		unsigned sel = rd_u8(&r);
		uint32_t v = rd_u32(&r);
		if (sel & 1)
			check_errno(sel & 2 ? (int)(v & 0xff) : (int)v);
		else
			check_status(sel & 2 ? (int)(v & 0xffff) : (int)v);
	}
	return 0;
}
