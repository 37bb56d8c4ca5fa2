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

/*@ assigns \nothing;
    ensures in_range: 0 <= \result <= 255;
    behavior exited:
      assumes wait_status_exited(raw_status);
      ensures exit_code: \result == wait_status_code(raw_status);
    behavior signalled:
      assumes wait_status_signalled(raw_status);
      ensures signal_code: \result == 128 + wait_status_signal(raw_status);
    behavior other:
      assumes !wait_status_exited(raw_status);
      assumes !wait_status_signalled(raw_status);
      ensures unknown_code: \result == HINIT_EXIT_UNKNOWN_STATUS;
    complete behaviors;
    disjoint behaviors;
*/
int status_to_exit_code(int raw_status)
{
	if (raw_status < 0 || raw_status > 0xffff)
		return HINIT_EXIT_UNKNOWN_STATUS;
	/* Bits 0-6 and 8-15, as / and % on the non-negative 16-bit value:
	 * the same numbers as masks and shifts, and the provers need no
	 * bit-level reasoning for them. */
	int low = raw_status % 128;
	if (low == 0)
		return raw_status / 256;
	if (low == 0x7f)
		return HINIT_EXIT_UNKNOWN_STATUS;
	return 128 + low;
}

/* Shells' conventions: 127 when the name does not resolve to a file,
 * 126 when the file exists but cannot be executed, and 1 for failures of
 * the spawn itself (fork, memory, pids), so that a spawn failure is never
 * mistaken for a command that ran and exited 1... except by code alone: a
 * message always names the cause. */
/*@ assigns \nothing;
    ensures shell_code: \result == HINIT_EXIT_NOT_FOUND ||
      \result == HINIT_EXIT_NOT_EXECUTABLE ||
      \result == HINIT_EXIT_SPAWN_FAILED;
*/
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
