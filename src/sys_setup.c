/* sys_setup.c - what hinit asks of the kernel once, before spawning. */
#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "log.h"
#include "sys.h"

void sys_block_signals(sigset_t *all, sigset_t *original_mask,
		       int *sigchld_ignored)
{
	/* The kernel reads 8 bytes: bit s-1 is signal s, 1..64. */
	memset(all, 0, sizeof *all);
	memset(all, 0xff, 8);
	memset(original_mask, 0, sizeof *original_mask);
	/* Cannot fail with valid pointers and size; SIGKILL and SIGSTOP
	 * are silently left out by the kernel. */
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, all, original_mask, 8);
	/* An inherited SIG_IGN for SIGCHLD would make the kernel reap every
	 * child itself and send no SIGCHLD: hinit would never see its
	 * command end.  So hinit resets SIGCHLD, alone, to its default, and
	 * sys_spawn gives the command the SIG_IGN back before its exec. */
	struct sigaction dfl, old;
	memset(&dfl, 0, sizeof dfl);
	memset(&old, 0, sizeof old);
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &dfl, &old);
	*sigchld_ignored = old.sa_handler == SIG_IGN;
}

/* The reboot syscall's first magic number (linux/reboot.h). */
#define REBOOT_MAGIC1 0xfee1deadL

int sys_can_reboot(void)
{
	/* magic2 == 0 is invalid: the kernel checks the capability first. */
	long r = syscall(SYS_reboot, REBOOT_MAGIC1, 0L, 0L, 0L);
	return r < 0 && errno == EINVAL;
}

void sys_disable_ctrl_alt_del(int verbose)
{
	/* Inside a PID namespace the kernel refuses with EINVAL: the
	 * host's init owns Ctrl-Alt-Del, so this is expected there. */
	if (reboot(RB_DISABLE_CAD) < 0 && verbose)
		log_msg("cannot disable Ctrl-Alt-Del: ", strerror(errno), 0);
}

int sys_become_subreaper(void)
{
	if (prctl(PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L) < 0)
		return errno;
	return 0;
}
