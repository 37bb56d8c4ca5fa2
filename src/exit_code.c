/* exit_code.c - what hinit reports as its own exit status.
 *
 * The kernel's 16-bit wait status (see wait(2) and the kernel's
 * do_exit/exit_notify):
 *   bits 0-6  0          the process exited; bits 8-15 are its exit code
 *   bits 0-6  1..126     it was killed by that signal; bit 7: core dumped
 *   bits 0-7  0x7f       it is stopped (ptrace/WUNTRACED); bits 8-15: signal
 *   0xffff               it was continued (WCONTINUED)
 * hinit never asks for stopped or continued reports, so those and any value
 * outside 0..0xffff are "unknown" and get a fixed, documented code.
 * The status is decoded here rather than with libc's macros because musl
 * 1.2.3's WIFSTOPPED overflows a signed int for some inputs. */
#include <errno.h>
#include "core.h"

int status_to_exit_code(int raw_status)
{
	if (raw_status < 0 || raw_status > 0xffff)
		return HINIT_EXIT_UNKNOWN_STATUS;
	int low = raw_status & 0x7f;
	if (low == 0)
		return (raw_status >> 8) & 0xff;
	if (low == 0x7f)
		return HINIT_EXIT_UNKNOWN_STATUS;
	return 128 + low;
}

/* Shells' conventions: 127 when the name does not resolve to a file,
 * 126 when the file exists but cannot be executed, and 1 for failures of
 * the spawn itself (fork, memory, pids), so that a spawn failure is never
 * mistaken for a command that ran and exited 1... except by code alone: a
 * message always names the cause. */
int spawn_error_exit_code(int err)
{
	switch (err) {
	case ENOENT:
	case ENOTDIR:
	case ENAMETOOLONG:
	case ELOOP:
		return HINIT_EXIT_NOT_FOUND;
	case EACCES:
	case EPERM:
	case ENOEXEC:
	case EISDIR:
	case ETXTBSY:
	case E2BIG:
	case ELIBBAD:
		return HINIT_EXIT_NOT_EXECUTABLE;
	default:
		return HINIT_EXIT_SPAWN_FAILED;
	}
}
