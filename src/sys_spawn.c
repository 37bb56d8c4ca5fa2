/* sys_spawn.c - start the command.
 *
 * posix_spawnp (musl: clone with CLONE_VFORK) returns only after the child
 * has exec'd or failed, so when hinit forwards its first signal the
 * command's session and process group exist: nothing sent early is lost.
 * The failure comes back as an errno, exec errors included. */
#include <spawn.h>
#include <string.h>
#include "log.h"
#include "sys.h"

extern char **environ;

int sys_spawn(char *const argv[], const sigset_t *mask, int single_child,
	      int verbose, int *pid)
{
	posix_spawnattr_t attr;
	int err = posix_spawnattr_init(&attr);
	if (err)
		return err;
	short flags = POSIX_SPAWN_SETSIGMASK;
	if (!single_child)
		flags |= POSIX_SPAWN_SETSID;
	err = posix_spawnattr_setflags(&attr, flags);
	if (!err)
		err = posix_spawnattr_setsigmask(&attr, mask);
	if (!err)
		err = posix_spawnp(pid, argv[0], 0, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	if (err) {
		struct line l;
		log_start(&l);
		log_str(&l, "cannot run '");
		log_str(&l, argv[0]);
		log_str(&l, "': ");
		log_str(&l, strerror(err));
		log_send(&l);
	} else if (verbose) {
		struct line l;
		log_start(&l);
		log_str(&l, "started '");
		log_str(&l, argv[0]);
		log_str(&l, "' as pid ");
		log_int(&l, *pid);
		log_send(&l);
	}
	return err;
}
