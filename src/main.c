/* main.c - wires the parts together: block signals, parse, spawn, loop.
 * Read core.h first: it says what hinit does; this file only says in
 * which order the kernel is asked. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "args.h"
#include "log.h"
#include "sys.h"

#ifndef HINIT_VERSION
#define HINIT_VERSION "0.1.0"
#endif

static const char usage[] =
    "Usage: hinit [OPTIONS] [--] [COMMAND [ARG]...]\n"
    "Runs COMMAND (default /core) as PID 1 or as a container's init:\n"
    "reaps every child, forwards signals to the command's process group,\n"
    "and at the end reboots the node or exits with the command's status.\n"
    "\n"
    "Options:\n"
    "  --container          exit with the command's status at the end\n"
    "                       (default: node mode, sync and reboot as PID 1)\n"
    "  --single-child       signal only the command; no new session\n"
    "  --no-seccomp         do not restrict hinit's own system calls after\n"
    "                       starting the command (see SECURITY.md)\n"
    "  --grace SECONDS      wait after SIGTERM before SIGKILL (default 5)\n"
    "  --reboot-delay SECONDS\n"
    "                       node: wait before rebooting after a failure\n"
    "                       (default 30)\n"
    "  --on-exit reboot|poweroff|halt\n"
    "                       node: what to do at the end (default reboot)\n"
    "  --rewrite FROM:TO    forward signal FROM as TO (TO 0: drop);\n"
    "                       names (TERM, SIGTERM, RTMIN+3) or numbers\n"
    "  --remap-exit STATUS  container: report exit status STATUS as 0\n"
    "  -v, --verbose        log every spawn, reap, forward and end step\n"
    "      --version        print the version\n"
    "  -h, --help           print this help\n"
    "\n"
    "Exit status: the command's, 128+N if killed by signal N, 127 not\n"
    "found, 126 not executable, 1 could not start, 2 bad arguments.\n";

static void write_all(int fd, const char *text, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		text += n;
		len -= (size_t)n;
	}
}

static void report_bad_argument(const struct args *a, char *const argv[])
{
	struct line l;
	log_start(&l);
	log_str(&l, argv[a->error_index]);
	if (a->error_value && a->error_value != argv[a->error_index] &&
	    strchr(argv[a->error_index], '=') == 0) {
		log_str(&l, " '");
		log_str(&l, a->error_value);
		log_str(&l, "'");
	}
	log_str(&l, ": ");
	log_str(&l, args_error_text(a->error));
	log_send(&l);
}

/* Help, version and bad arguments end here: with a status, or as PID 1
 * of a node (which must never exit) through the node end path. */
static int end_without_command(struct args *a, char *const argv[])
{
	if (a->result == ARGS_HELP) {
		write_all(1, usage, sizeof usage - 1);
		return 0;
	}
	if (a->result == ARGS_VERSION) {
		write_all(1, "hinit " HINIT_VERSION "\n",
			  sizeof "hinit " HINIT_VERSION "\n" - 1);
		return 0;
	}
	report_bad_argument(a, argv);
	return HINIT_EXIT_USAGE;
}

static char *default_command[] = {"/core", 0};

static void start_command(struct sys *s, struct args *a, int argc, char *argv[],
			  struct event *ev)
{
	if (!s->core.is_pid1) {
		int err = sys_become_subreaper();
		if (err) {
			log_msg("cannot become child subreaper, so orphans "
				"would escape: ",
				strerror(err), 0);
			_exit(1);
		}
	}
	if (s->core.node)
		sys_disable_ctrl_alt_del(a->cfg.verbose);
	char **command =
	    a->command_index < argc ? &argv[a->command_index] : default_command;
	int pid = 0;
	int err = sys_spawn(command, &s->original_mask, s->sigchld_ignored,
			    a->cfg.single_child, a->cfg.verbose, &pid);
	/* Never pin the mount the command was started from. */
	if (chdir("/") < 0)
		log_msg("cannot chdir to /: ", strerror(errno), 0);
	if (err) {
		ev->kind = EV_SPAWN_FAILED;
		ev->pid = 0;
		ev->value = spawn_error_exit_code(err);
	} else {
		ev->kind = EV_SPAWNED;
		ev->pid = pid;
		ev->value = 0;
	}
}

int main(int argc, char *argv[])
{
	struct sys s;
	memset(&s, 0, sizeof s);
	/* Before anything else, so no signal sent early is lost: from here
	 * on signals only queue up until the loop reads them. */
	sys_block_signals(&s.all, &s.original_mask, &s.sigchld_ignored);

	struct args a;
	parse_args(argc, argv, &a);
	int is_pid1 = getpid() == 1;
	int can_reboot = is_pid1 && a.cfg.mode == MODE_NODE && sys_can_reboot();
	core_init(&s.core, &a.cfg, is_pid1, can_reboot);
	/* From here on s.forward_target is the core's answer for its state
	 * (forward_cached, sys.h): 0, as the memset left it, in STARTING;
	 * then sys_feed renews it after each step. */

	struct event ev;
	if (a.result != ARGS_RUN) {
		int code = end_without_command(&a, argv);
		if (!s.core.node)
			_exit(code);
		ev.kind = EV_SPAWN_FAILED;
		ev.pid = 0;
		ev.value = code;
	} else {
		start_command(&s, &a, argc, argv, &ev);
	}
	/* The command runs unconfined; from here on hinit needs only the
	 * calls of its loop and end path. */
	if (!a.cfg.no_seccomp)
		sys_seccomp(a.cfg.verbose);
	sys_feed(&s, &ev);
	/* hinit's life: the one loop that does not end.  hinit ends only
	 * through the core's exit or reboot action (proofs/ASSUMPTIONS.md). */
	for (;;) {
		while (s.reap_requested) {
			s.reap_requested = 0;
			sys_reap(&s);
		}
		sys_wait_event(&s);
	}
}
