/* core.c - hinit's state machine: one event in, actions out.
 * No system calls, no globals, no heap (see core.h for the phases). */
#include <signal.h>
#include "core.h"

static void emit(struct actions *out, int kind, int target, int value,
		 int extra)
{
	/* The proofs show no step emits more than CORE_MAX_ACTIONS; the
	 * check keeps the write in bounds whatever a future change does. */
	if (out->count < CORE_MAX_ACTIONS) {
		struct action *a = &out->list[out->count];
		a->kind = kind;
		a->target = target;
		a->value = value;
		a->extra = extra;
		out->count++;
	}
}

static void log_always(struct actions *out, int msg, int value, int extra)
{
	emit(out, ACT_LOG, msg, value, extra);
}

static void log_verbose(const struct core *c, struct actions *out, int msg,
			int value, int extra)
{
	if (c->cfg.verbose)
		emit(out, ACT_LOG, msg, value, extra);
}

void core_init(struct core *c, const struct hinit_config *cfg, int is_pid1,
	       int can_reboot)
{
	c->cfg = *cfg;
	c->is_pid1 = is_pid1 ? 1 : 0;
	c->node_unavailable = NODE_OK;
	if (cfg->mode == MODE_NODE && !is_pid1)
		c->node_unavailable = NODE_NOT_PID1;
	else if (cfg->mode == MODE_NODE && !can_reboot)
		c->node_unavailable = NODE_NO_CAP_SYS_BOOT;
	c->node = cfg->mode == MODE_NODE && c->node_unavailable == NODE_OK;
	c->phase = PHASE_STARTING;
	c->command_pid = 0;
	c->exit_code = 0;
	c->stopped = 0;
}

/* The signal (and its rewrite) that reaches the command, or 0. */
static int rewritten(const struct core *c, int sig)
{
	if (sig < 1 || sig > HINIT_NSIG)
		return 0;
	return c->cfg.rewrite[sig];
}

static int is_stop_signal(int sig)
{
	return sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU ||
	       sig == SIGSTOP;
}

static void forward(struct core *c, int sig, struct actions *out)
{
	int to = rewritten(c, sig);
	if (to == 0) {
		log_verbose(c, out, LOG_SIGNAL_DROPPED, sig, 0);
		return;
	}
	int target = c->cfg.single_child ? c->command_pid : -c->command_pid;
	emit(out, ACT_SIGNAL, target, to, 0);
	log_verbose(c, out, LOG_FORWARDED, to, target);
	if (is_stop_signal(to))
		c->stopped = 1;
	else if (to == SIGCONT)
		c->stopped = 0;
	else if (to == SIGTERM && c->stopped) {
		/* A stopped command would never act on the SIGTERM. */
		emit(out, ACT_SIGNAL, target, SIGCONT, 0);
		c->stopped = 0;
	}
}

/* Sends sig to everything that may be left of the command's work:
 * as PID 1 the whole PID namespace; otherwise the command's process group
 * (it is its own only without --single-child) and hinit's own children,
 * never kill(-1), which would reach every process of the user. */
static void signal_rest(struct core *c, int sig, struct actions *out)
{
	if (c->is_pid1) {
		emit(out, ACT_SIGNAL_ALL, 0, sig, 0);
		return;
	}
	if (!c->cfg.single_child && c->command_pid > 1)
		emit(out, ACT_SIGNAL, -c->command_pid, sig, 0);
	emit(out, ACT_SIGNAL_CHILDREN, 0, sig, 0);
}

static void kill_rest(struct core *c, struct actions *out)
{
	signal_rest(c, SIGKILL, out);
	c->phase = PHASE_KILLING;
	emit(out, ACT_REAP, 0, 0, 0);
}

static void start_end_path(struct core *c, int code, struct actions *out)
{
	if (!c->node && code >= 0 && code <= 255 && c->cfg.remap_exit[code])
		code = 0;
	c->exit_code = code;
	log_verbose(c, out, LOG_TERMINATING, c->cfg.grace_seconds, 0);
	signal_rest(c, SIGTERM, out);
	/* Anything stopped would never act on the SIGTERM. */
	signal_rest(c, SIGCONT, out);
	if (c->cfg.grace_seconds == 0) {
		kill_rest(c, out);
		return;
	}
	c->phase = PHASE_GRACE;
	emit(out, ACT_ARM_TIMER, 0, c->cfg.grace_seconds, 0);
	emit(out, ACT_REAP, 0, 0, 0);
}

static void reboot_now(struct core *c, struct actions *out)
{
	log_always(out, LOG_REBOOTING, c->cfg.on_exit, 0);
	emit(out, ACT_REBOOT, 0, c->cfg.on_exit, 0);
	c->phase = PHASE_DONE;
}

/* No child is left: the end path's last steps. */
static void finish(struct core *c, struct actions *out)
{
	if (!c->node) {
		log_verbose(c, out, LOG_EXITING, c->exit_code, 0);
		emit(out, ACT_EXIT, 0, c->exit_code, 0);
		c->phase = PHASE_DONE;
		return;
	}
	emit(out, ACT_SYNC, 0, 0, 0);
	if (c->exit_code != 0 && c->cfg.reboot_delay_seconds > 0) {
		log_always(out, LOG_REBOOT_DELAY, c->cfg.reboot_delay_seconds,
			   0);
		emit(out, ACT_ARM_TIMER, 0, c->cfg.reboot_delay_seconds, 0);
		c->phase = PHASE_DELAY;
		return;
	}
	reboot_now(c, out);
}

static void command_reaped(struct core *c, int raw_status, struct actions *out)
{
	int code = status_to_exit_code(raw_status);
	int reported = (!c->node && c->cfg.remap_exit[code]) ? 0 : code;
	/* Inside a container or a shell hinit stays as quiet as the command
	 * itself; on a node the console must say why the machine reboots. */
	int tell = c->node || c->cfg.verbose;
	if (raw_status < 0 || raw_status > 0xffff ||
	    (raw_status & 0x7f) == 0x7f)
		log_always(out, LOG_COMMAND_ODD_STATUS, raw_status, reported);
	else if ((raw_status & 0x7f) != 0 && tell)
		log_always(out, LOG_COMMAND_KILLED, raw_status & 0x7f,
			   reported);
	else if ((raw_status & 0x7f) == 0 && tell)
		log_always(out, LOG_COMMAND_EXITED, code, reported);
	start_end_path(c, code, out);
}

static void on_spawned(struct core *c, int pid, struct actions *out)
{
	if (pid <= 1) {
		/* Never target 0, -1 or 1: treat as a failed spawn. */
		log_always(out, LOG_SPAWN_BAD_PID, pid, 0);
		start_end_path(c, HINIT_EXIT_SPAWN_FAILED, out);
		return;
	}
	c->command_pid = pid;
	c->phase = PHASE_RUNNING;
	/* Children inherited across hinit's exec may already be zombies. */
	emit(out, ACT_REAP, 0, 0, 0);
}

static void on_spawn_failed(struct core *c, int code, struct actions *out)
{
	if (code < 0 || code > 255)
		code = HINIT_EXIT_SPAWN_FAILED;
	start_end_path(c, code, out);
}

static void on_signal(struct core *c, int sig, struct actions *out)
{
	if (sig == SIGCHLD) {
		emit(out, ACT_REAP, 0, 0, 0);
		return;
	}
	if (c->phase == PHASE_RUNNING)
		forward(c, sig, out);
	else
		log_verbose(c, out, LOG_SIGNAL_DROPPED, sig, 0);
}

static void on_child_exited(struct core *c, int pid, int raw_status,
			    struct actions *out)
{
	if (c->phase == PHASE_RUNNING && pid == c->command_pid) {
		command_reaped(c, raw_status, out);
		return;
	}
	log_verbose(c, out, LOG_CHILD_REAPED, raw_status, pid);
	/* Orphans re-parented to hinit after the SIGKILL went out. */
	if (c->phase == PHASE_KILLING && !c->is_pid1)
		emit(out, ACT_SIGNAL_CHILDREN, 0, SIGKILL, 0);
}

static void on_timer(struct core *c, struct actions *out)
{
	if (c->phase == PHASE_GRACE) {
		log_always(out, LOG_KILLING, c->cfg.grace_seconds, 0);
		kill_rest(c, out);
	} else if (c->phase == PHASE_DELAY) {
		reboot_now(c, out);
	}
}

void core_step(struct core *c, const struct event *ev, struct actions *out)
{
	out->count = 0;
	if (c->phase == PHASE_STARTING && c->node_unavailable != NODE_OK &&
	    (ev->kind == EV_SPAWNED || ev->kind == EV_SPAWN_FAILED))
		log_always(out, LOG_NODE_UNAVAILABLE, c->node_unavailable, 0);

	switch (ev->kind) {
	case EV_SPAWNED:
		if (c->phase == PHASE_STARTING)
			on_spawned(c, ev->pid, out);
		break;
	case EV_SPAWN_FAILED:
		if (c->phase == PHASE_STARTING)
			on_spawn_failed(c, ev->value, out);
		break;
	case EV_SIGNAL:
		on_signal(c, ev->value, out);
		break;
	case EV_CHILD_EXITED:
		on_child_exited(c, ev->pid, ev->value, out);
		break;
	case EV_NO_CHILDREN:
		if (c->phase == PHASE_GRACE || c->phase == PHASE_KILLING)
			finish(c, out);
		break;
	case EV_TIMER:
		on_timer(c, out);
		break;
	default:
		break;
	}
}
