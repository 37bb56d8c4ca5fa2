/* core.c - hinit's state machine: one event in, actions out.
 * No system calls, no globals, no heap (see core.h for the phases). */
#include <signal.h>
#include "core.h"

/* What the proofs say of each action, in the state the step ends in (the
 * helpers below keep it for every action emitted so far).  Logs, reaps
 * and timers are always fine. */
/*@ predicate kind_ok(integer pid, integer pid1, integer phase,
                        integer node, integer code, integer kind,
                        integer target, integer value) =
      (kind == ACT_SIGNAL ==> pid > 1 &&
         (target == pid || target == -pid)) &&
      (kind == ACT_SIGNAL_ALL ==> pid1 == 1 &&
         PHASE_GRACE <= phase <= PHASE_KILLING) &&
      (kind == ACT_SIGNAL_CHILDREN ==> pid1 == 0 &&
         PHASE_GRACE <= phase <= PHASE_KILLING) &&
      (kind == ACT_SYNC ==> node == 1 && phase >= PHASE_DELAY) &&
      (kind == ACT_REBOOT ==> node == 1 && phase == PHASE_DONE) &&
      (kind == ACT_EXIT ==> node == 0 && phase == PHASE_DONE &&
         value == code);

    predicate act_ok(struct core *c, struct action a) =
      kind_ok(c->command_pid, c->is_pid1, c->phase, c->node, c->exit_code,
              a.kind, a.target, a.value);

    // act_ok for list[from .. to-1], with the state read once, outside
    // the quantifier: the provers then need no memory reasoning for it.
    predicate acts_ok{L}(integer pid, integer pid1, integer phase,
                         integer node, integer code, struct actions *out,
                         integer from, integer to) =
      \forall integer i; from <= i < to ==>
        kind_ok(pid, pid1, phase, node, code, out->list[i].kind,
                out->list[i].target, out->list[i].value);

    predicate out_ok(struct core *c, struct actions *out) =
      0 <= out->count <= CORE_MAX_ACTIONS &&
      acts_ok(c->command_pid, c->is_pid1, c->phase, c->node, c->exit_code,
              out, 0, out->count);

    // What every helper may assume: the state is sound except maybe for
    // the phase-specific parts its caller is about to change.
    predicate ctx(struct core *c, struct actions *out) =
      \valid(c) && \valid(out) && \separated(c, out) &&
      (c->is_pid1 == 0 || c->is_pid1 == 1) &&
      (c->node == 0 || c->node == 1) &&
      (c->node == 1 ==> c->is_pid1 == 1) &&
      (c->command_pid == 0 || c->command_pid > 1) &&
      0 <= c->exit_code <= 255;

    // Only logs and reaps: what a step may emit once hinit is done.
    predicate quiet_since{L}(struct actions *out, integer from) =
      \forall integer i; from <= i < out->count ==>
        out->list[i].kind == ACT_REAP || out->list[i].kind == ACT_LOG;
*/

/* The precondition is what shows that no step ever drops an action: each
 * call site must prove there is room. */
/*@ requires \valid(out);
    requires room: 0 <= out->count < CORE_MAX_ACTIONS;
    assigns out->count, out->list[out->count];
    ensures out->count == \old(out->count) + 1;
    ensures out->list[\old(out->count)].kind == kind;
    ensures out->list[\old(out->count)].target == target;
    ensures out->list[\old(out->count)].value == value;
    ensures out->list[\old(out->count)].extra == extra;
    ensures kept: \forall integer i; 0 <= i < \old(out->count) ==>
      out->list[i].kind == \old(out->list[i].kind) &&
      out->list[i].target == \old(out->list[i].target) &&
      out->list[i].value == \old(out->list[i].value);
*/
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

/*@ requires \valid(out);
    requires room: 0 <= out->count < CORE_MAX_ACTIONS;
    assigns out->count, out->list[out->count];
    ensures out->count == \old(out->count) + 1;
    ensures out->list[\old(out->count)].kind == ACT_LOG;
    ensures kept: \forall integer i; 0 <= i < \old(out->count) ==>
      out->list[i].kind == \old(out->list[i].kind) &&
      out->list[i].target == \old(out->list[i].target) &&
      out->list[i].value == \old(out->list[i].value);
*/
static void log_always(struct actions *out, int msg, int value, int extra)
{
	emit(out, ACT_LOG, msg, value, extra);
}

/* Inlined: a test of --verbose where it is called, instead of a call on
 * every forwarded signal. */
static inline void log_verbose(const struct core *c, struct actions *out,
			       int msg, int value, int extra)
    __attribute__((always_inline));

/*@ requires \valid_read(c) && \valid(out) && \separated(c, out);
    requires room: 0 <= out->count < CORE_MAX_ACTIONS;
    assigns out->count, out->list[out->count];
    ensures c->cfg.verbose != 0 ==> out->count == \old(out->count) + 1 &&
      out->list[\old(out->count)].kind == ACT_LOG;
    ensures c->cfg.verbose == 0 ==> out->count == \old(out->count);
    ensures kept: \forall integer i; 0 <= i < \old(out->count) ==>
      out->list[i].kind == \old(out->list[i].kind) &&
      out->list[i].target == \old(out->list[i].target) &&
      out->list[i].value == \old(out->list[i].value);
*/
static void log_verbose(const struct core *c, struct actions *out, int msg,
			int value, int extra)
{
	if (c->cfg.verbose)
		emit(out, ACT_LOG, msg, value, extra);
}

/*@ requires \valid(c) && \valid_read(cfg) && \separated(c, cfg);
    assigns *c;
    ensures core_inv(c);
    ensures c->phase == PHASE_STARTING;
    ensures c->cfg.mode == cfg->mode;
    ensures c->is_pid1 == (is_pid1 != 0 ? 1 : 0);
    ensures node_only_if_possible: c->node ==
      (cfg->mode == MODE_NODE && is_pid1 != 0 && can_reboot != 0 ? 1 : 0);
*/
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
/*@ requires \valid_read(c);
    assigns \nothing;
    ensures 0 <= \result <= 255;
    ensures 1 <= sig <= HINIT_NSIG ==> \result == c->cfg.rewrite[sig];
    ensures !(1 <= sig <= HINIT_NSIG) ==> \result == 0;
*/
static int rewritten(const struct core *c, int sig)
{
	if (sig < 1 || sig > HINIT_NSIG)
		return 0;
	return c->cfg.rewrite[sig];
}

/*@ assigns \nothing;
    ensures \result != 0 <==> (sig == SIGTSTP || sig == SIGTTIN ||
                               sig == SIGTTOU || sig == SIGSTOP);
*/
static int is_stop_signal(int sig)
{
	return sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU ||
	       sig == SIGSTOP;
}

/*@ requires ctx(c, out) && out_ok(c, out);
    requires c->phase == PHASE_RUNNING && c->command_pid > 1;
    requires room: out->count <= CORE_MAX_ACTIONS - 3;
    assigns c->stopped, out->count,
      out->list[out->count .. CORE_MAX_ACTIONS - 1];
    ensures out_ok(c, out);
    ensures \old(out->count) <= out->count <= \old(out->count) + 3;
    ensures plain: \old(c->stopped) == 0 && c->cfg.verbose == 0 &&
      forward_signal_plain(c, sig) ==>
        out->count == \old(out->count) + 1 && c->stopped == 0 &&
        out->list[\old(out->count)].kind == ACT_SIGNAL &&
        out->list[\old(out->count)].target == (c->cfg.single_child != 0 ?
          c->command_pid : -c->command_pid) &&
        out->list[\old(out->count)].value == c->cfg.rewrite[sig];
*/
static void forward(struct core *c, int sig, struct actions *out)
{
	int to = rewritten(c, sig);
	if (to == 0) {
		log_verbose(c, out, LOG_SIGNAL_DROPPED, sig, 0);
		/*@ assert out_ok(c, out); */
		return;
	}
	int target = c->cfg.single_child ? c->command_pid : -c->command_pid;
	/* A stopped command would never act on a SIGTERM: a SIGCONT follows
	 * it.  The state first, then the actions (see kill_rest). */
	int resume = to == SIGTERM && c->stopped;
	if (is_stop_signal(to))
		c->stopped = 1;
	else if (to == SIGCONT || resume)
		c->stopped = 0;
	/*@ assert out_ok(c, out); */
	emit(out, ACT_SIGNAL, target, to, 0);
	/*@ assert out_ok(c, out); */
	log_verbose(c, out, LOG_FORWARDED, to, target);
	/*@ assert out_ok(c, out); */
	if (resume) {
		/*@ assert c->command_pid > 1 && (target == c->command_pid ||
		      target == -c->command_pid); */
		emit(out, ACT_SIGNAL, target, SIGCONT, 0);
		/*@ assert out_ok(c, out); */
	}
}

/* Sends sig to everything that may be left of the command's work:
 * as PID 1 the whole PID namespace; otherwise the command's process group
 * (it is its own only without --single-child) and hinit's own children,
 * never kill(-1), which would reach every process of the user. */
/*@ requires ctx(c, out) && out_ok(c, out);
    requires PHASE_GRACE <= c->phase <= PHASE_KILLING;
    requires room: out->count <= CORE_MAX_ACTIONS - 2;
    assigns out->count, out->list[out->count .. CORE_MAX_ACTIONS - 1];
    ensures out_ok(c, out);
    ensures \old(out->count) <= out->count <= \old(out->count) + 2;
*/
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

/*@ requires ctx(c, out) && out_ok(c, out);
    requires c->phase == PHASE_GRACE;
    requires room: out->count <= CORE_MAX_ACTIONS - 3;
    assigns c->phase, out->count,
      out->list[out->count .. CORE_MAX_ACTIONS - 1];
    ensures c->phase == PHASE_KILLING;
    ensures out_ok(c, out);
    ensures \old(out->count) <= out->count <= \old(out->count) + 3;
*/
static void kill_rest(struct core *c, struct actions *out)
{
	/* The phase first, so that the proofs see every action in the
	 * phase it belongs to; signal_rest does not read it. */
	c->phase = PHASE_KILLING;
	signal_rest(c, SIGKILL, out);
	emit(out, ACT_REAP, 0, 0, 0);
}

/*@ requires ctx(c, out) && out_ok(c, out);
    requires c->phase == PHASE_STARTING || c->phase == PHASE_RUNNING;
    requires 0 <= code <= 255;
    requires room: out->count <= CORE_MAX_ACTIONS - 8;
    assigns c->phase, c->exit_code, out->count,
      out->list[out->count .. CORE_MAX_ACTIONS - 1];
    ensures c->phase == PHASE_GRACE || c->phase == PHASE_KILLING;
    ensures 0 <= c->exit_code <= 255;
    ensures out_ok(c, out);
    ensures \old(out->count) <= out->count <= \old(out->count) + 8;
*/
static void start_end_path(struct core *c, int code, struct actions *out)
{
	if (!c->node && code >= 0 && code <= 255 && c->cfg.remap_exit[code])
		code = 0;
	c->exit_code = code;
	/* The phase first, as in kill_rest: only the timer below and
	 * kill_rest read it. */
	c->phase = PHASE_GRACE;
	log_verbose(c, out, LOG_TERMINATING, c->cfg.grace_seconds, 0);
	/*@ assert c->phase == PHASE_GRACE && 0 <= c->exit_code <= 255 &&
	      out_ok(c, out) && \at(out->count, Pre) <= out->count <=
	      \at(out->count, Pre) + 1; */
	signal_rest(c, SIGTERM, out);
	/*@ assert c->phase == PHASE_GRACE && 0 <= c->exit_code <= 255 &&
	      out_ok(c, out) && \at(out->count, Pre) <= out->count <=
	      \at(out->count, Pre) + 3; */
	/* Anything stopped would never act on the SIGTERM. */
	signal_rest(c, SIGCONT, out);
	/*@ assert c->phase == PHASE_GRACE && 0 <= c->exit_code <= 255 &&
	      out_ok(c, out) && \at(out->count, Pre) <= out->count <=
	      \at(out->count, Pre) + 5; */
	if (c->cfg.grace_seconds == 0) {
		kill_rest(c, out);
		/*@ assert c->phase == PHASE_KILLING && 0 <= c->exit_code <= 255 &&
		      out_ok(c, out) && \at(out->count, Pre) <= out->count <=
		      \at(out->count, Pre) + 8; */
		return;
	}
	emit(out, ACT_ARM_TIMER, 0, c->cfg.grace_seconds, 0);
	/*@ assert c->phase == PHASE_GRACE && 0 <= c->exit_code <= 255 &&
	      out_ok(c, out) && \at(out->count, Pre) <= out->count <=
	      \at(out->count, Pre) + 6; */
	emit(out, ACT_REAP, 0, 0, 0);
	/*@ assert c->phase == PHASE_GRACE && 0 <= c->exit_code <= 255; */
	/*@ assert \at(out->count, Pre) <= out->count <=
	      \at(out->count, Pre) + 7; */
	/*@ assert out_ok(c, out); */
}

/*@ requires ctx(c, out) && out_ok(c, out);
    requires c->node == 1 && c->phase >= PHASE_GRACE;
    requires after_sync: out->count == 0 ||
      (out->count == 1 && out->list[0].kind == ACT_SYNC);
    requires room: out->count <= CORE_MAX_ACTIONS - 2;
    assigns c->phase, out->count,
      out->list[out->count .. CORE_MAX_ACTIONS - 1];
    ensures c->phase == PHASE_DONE;
    ensures out_ok(c, out);
    ensures out->count == \old(out->count) + 2;
    ensures kept: \forall integer i; 0 <= i < \old(out->count) ==>
      out->list[i].kind == \old(out->list[i].kind);
    ensures out->list[\old(out->count)].kind == ACT_LOG &&
      out->list[\old(out->count) + 1].kind == ACT_REBOOT;
*/
static void reboot_now(struct core *c, struct actions *out)
{
	c->phase = PHASE_DONE;
	log_always(out, LOG_REBOOTING, c->cfg.on_exit, 0);
	emit(out, ACT_REBOOT, 0, c->cfg.on_exit, 0);
}

/* No child is left: the end path's last steps. */
/*@ requires ctx(c, out) && \separated(c, out);
    requires c->phase == PHASE_GRACE || c->phase == PHASE_KILLING;
    requires out->count == 0;
    assigns c->phase, out->count, out->list[0 .. CORE_MAX_ACTIONS - 1];
    ensures c->phase == PHASE_DELAY || c->phase == PHASE_DONE;
    ensures c->phase == PHASE_DELAY ==> c->node == 1;
    ensures out_ok(c, out);
    ensures 1 <= out->count <= 3;
    ensures c->node == 1 ==> out->list[0].kind == ACT_SYNC;
*/
static void finish(struct core *c, struct actions *out)
{
	/* Each phase is set before the actions of that phase (see
	 * kill_rest); the order of the actions is unchanged. */
	if (!c->node) {
		c->phase = PHASE_DONE;
		log_verbose(c, out, LOG_EXITING, c->exit_code, 0);
		/*@ assert out_ok(c, out); */
		emit(out, ACT_EXIT, 0, c->exit_code, 0);
		/*@ assert c->phase == PHASE_DONE && out_ok(c, out) &&
		      1 <= out->count <= 2; */
		return;
	}
	int delay = c->exit_code != 0 && c->cfg.reboot_delay_seconds > 0;
	c->phase = delay ? PHASE_DELAY : PHASE_DONE;
	emit(out, ACT_SYNC, 0, 0, 0);
	/*@ assert out_ok(c, out) && out->list[0].kind == ACT_SYNC; */
	if (delay) {
		log_always(out, LOG_REBOOT_DELAY, c->cfg.reboot_delay_seconds,
			   c->exit_code);
		/*@ assert out_ok(c, out) && out->list[0].kind == ACT_SYNC; */
		emit(out, ACT_ARM_TIMER, 0, c->cfg.reboot_delay_seconds, 0);
		/*@ assert c->phase == PHASE_DELAY && out_ok(c, out) &&
		      out->count == 3 && out->list[0].kind == ACT_SYNC; */
		return;
	}
	reboot_now(c, out);
	/*@ assert c->phase == PHASE_DONE && out_ok(c, out) &&
	      out->count == 3 && out->list[0].kind == ACT_SYNC; */
}

/*@ requires ctx(c, out) && out_ok(c, out);
    requires c->phase == PHASE_RUNNING;
    requires room: out->count <= CORE_MAX_ACTIONS - 9;
    assigns c->phase, c->exit_code, out->count,
      out->list[out->count .. CORE_MAX_ACTIONS - 1];
    ensures c->phase == PHASE_GRACE || c->phase == PHASE_KILLING;
    ensures 0 <= c->exit_code <= 255;
    ensures out_ok(c, out);
    ensures \old(out->count) <= out->count <= \old(out->count) + 9;
*/
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
	/* One fact per assertion: as one, the provers needed up to 30 s. */
	/*@ assert c->phase == PHASE_RUNNING && 0 <= code <= 255; */
	/*@ assert out->count <= CORE_MAX_ACTIONS - 8; */
	/*@ assert ctx(c, out); */
	/*@ assert out_ok(c, out); */
	start_end_path(c, code, out);
}

/*@ requires ctx(c, out) && out_ok(c, out);
    requires c->phase == PHASE_STARTING && c->command_pid == 0;
    requires room: out->count <= CORE_MAX_ACTIONS - 9;
    assigns c->phase, c->command_pid, c->exit_code, out->count,
      out->list[out->count .. CORE_MAX_ACTIONS - 1];
    ensures pid > 1 ==> c->phase == PHASE_RUNNING && c->command_pid == pid;
    ensures pid <= 1 ==> (c->phase == PHASE_GRACE ||
                          c->phase == PHASE_KILLING) && c->command_pid == 0;
    ensures 0 <= c->exit_code <= 255;
    ensures out_ok(c, out);
    ensures \old(out->count) <= out->count <= \old(out->count) + 9;
*/
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

/*@ requires ctx(c, out) && out_ok(c, out);
    requires c->phase == PHASE_STARTING;
    requires room: out->count <= CORE_MAX_ACTIONS - 8;
    assigns c->phase, c->exit_code, out->count,
      out->list[out->count .. CORE_MAX_ACTIONS - 1];
    ensures c->phase == PHASE_GRACE || c->phase == PHASE_KILLING;
    ensures 0 <= c->exit_code <= 255;
    ensures out_ok(c, out);
    ensures \old(out->count) <= out->count <= \old(out->count) + 8;
*/
static void on_spawn_failed(struct core *c, int code, struct actions *out)
{
	if (code < 0 || code > 255)
		code = HINIT_EXIT_SPAWN_FAILED;
	start_end_path(c, code, out);
}

/*@ requires ctx(c, out) && out_ok(c, out);
    requires c->phase == PHASE_RUNNING ==> c->command_pid > 1;
    requires room: out->count <= CORE_MAX_ACTIONS - 3;
    assigns c->stopped, out->count,
      out->list[out->count .. CORE_MAX_ACTIONS - 1];
    ensures out_ok(c, out);
    ensures \old(out->count) <= out->count <= \old(out->count) + 3;
    ensures c->phase != PHASE_RUNNING ==> quiet_since(out, \old(out->count));
    ensures plain: \old(signal_plain(c, sig)) ==>
        out->count == \old(out->count) + 1 && c->stopped == 0 &&
        out->list[\old(out->count)].kind == ACT_SIGNAL &&
        out->list[\old(out->count)].target == (c->cfg.single_child != 0 ?
          c->command_pid : -c->command_pid) &&
        out->list[\old(out->count)].value == c->cfg.rewrite[sig];
*/
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

/*@ requires ctx(c, out) && out_ok(c, out);
    requires PHASE_STARTING <= c->phase <= PHASE_DONE;
    requires c->phase == PHASE_RUNNING ==> c->command_pid > 1;
    requires room: out->count <= CORE_MAX_ACTIONS - 9;
    assigns c->phase, c->exit_code, out->count,
      out->list[out->count .. CORE_MAX_ACTIONS - 1];
    ensures \old(c->phase) == PHASE_RUNNING && pid == c->command_pid ==>
      c->phase == PHASE_GRACE || c->phase == PHASE_KILLING;
    ensures !(\old(c->phase) == PHASE_RUNNING && pid == c->command_pid) ==>
      c->phase == \old(c->phase);
    ensures 0 <= c->exit_code <= 255;
    ensures out_ok(c, out);
    ensures \old(out->count) <= out->count <= \old(out->count) + 9;
    ensures \old(c->phase) != PHASE_RUNNING &&
      \old(c->phase) != PHASE_KILLING ==> quiet_since(out, \old(out->count));
    ensures skippable: !\old(child_event_needed(c, pid)) ==>
      out->count == \old(out->count) && c->exit_code == \old(c->exit_code);
    ensures needed: \old(child_event_needed(c, pid)) ==>
      out->count > \old(out->count) || c->phase != \old(c->phase);
*/
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

/*@ requires ctx(c, out) && out_ok(c, out);
    requires PHASE_STARTING <= c->phase <= PHASE_DONE;
    requires c->phase == PHASE_DELAY ==> c->node == 1;
    requires c->phase == PHASE_DELAY ==> out->count == 0;
    requires room: out->count <= CORE_MAX_ACTIONS - 4;
    assigns c->phase, out->count,
      out->list[out->count .. CORE_MAX_ACTIONS - 1];
    ensures \old(c->phase) == PHASE_GRACE ==> c->phase == PHASE_KILLING;
    ensures \old(c->phase) == PHASE_DELAY ==> c->phase == PHASE_DONE;
    ensures \old(c->phase) != PHASE_GRACE && \old(c->phase) != PHASE_DELAY
      ==> c->phase == \old(c->phase) && out->count == \old(out->count);
    ensures out_ok(c, out);
    ensures \old(out->count) <= out->count <= \old(out->count) + 4;
    ensures \forall integer i; \old(out->count) <= i < out->count ==>
      out->list[i].kind != ACT_SYNC;
*/
static void on_timer(struct core *c, struct actions *out)
{
	if (c->phase == PHASE_GRACE) {
		log_always(out, LOG_KILLING, c->cfg.grace_seconds, 0);
		kill_rest(c, out);
	} else if (c->phase == PHASE_DELAY) {
		reboot_now(c, out);
	}
}

/* The conditions of on_child_exited, as a set of pids.  The command pid
 * is > 1 while RUNNING (core_inv), so it never stands for "every" or
 * "none". */
/*@ requires \valid_read(c) && core_inv(c);
    assigns \nothing;
    ensures \result == CORE_EVERY_CHILD || \result >= 0;
    ensures exact: \forall integer pid; pid > 0 ==>
      (child_event_needed(c, pid) <==>
       (\result == CORE_EVERY_CHILD || \result == pid));
*/
int core_needed_child(const struct core *c)
{
	if (c->cfg.verbose || (c->phase == PHASE_KILLING && !c->is_pid1))
		return CORE_EVERY_CHILD;
	return c->phase == PHASE_RUNNING ? c->command_pid : 0;
}

/* The state half of signal_plain (core.h) and the target forward()
 * gives; the command pid is > 1 while RUNNING (core_inv), so a target is
 * never 0. */
/*@ requires \valid_read(c) && core_inv(c);
    assigns \nothing;
    ensures exact: \result != 0 <==> forward_state_plain(c);
    ensures target: \result != 0 ==> \result ==
      (c->cfg.single_child != 0 ? c->command_pid : -c->command_pid);
*/
int core_forward_target(const struct core *c)
{
	if (c->phase != PHASE_RUNNING || c->cfg.verbose || c->stopped)
		return 0;
	return c->cfg.single_child ? c->command_pid : -c->command_pid;
}

/* The signal half of signal_plain (core.h): on_signal's and forward()'s
 * tests, in the same words. */
/*@ requires \valid_read(c);
    assigns \nothing;
    ensures exact: \result != 0 <==> forward_signal_plain(c, sig);
    ensures value: \result != 0 ==> \result == c->cfg.rewrite[sig];
*/
int core_forward_value(const struct core *c, int sig)
{
	if (sig == SIGCHLD)
		return 0;
	int to = rewritten(c, sig);
	return is_stop_signal(to) ? 0 : to;
}

/* The safety of PID 1, for every state that satisfies core_inv and every
 * event (any int in kind, pid and value).  \old(c->phase) is the phase
 * before the step, c->phase the one after.  act_ok (above) is what each
 * emitted action must satisfy in the state the step ends in: signals only
 * to the command (pid or group, > 1), kill(-1) only as PID 1 once the
 * command is gone, reboot only on a node and exit never on one, both
 * only on entering DONE.  The rest orders the end path. */
/*@ requires \valid(c) && \valid_read(ev) && \valid(out);
    requires \separated(c, ev, out);
    requires core_inv(c);
    assigns c->phase, c->command_pid, c->exit_code, c->stopped, *out;
    ensures invariant: core_inv(c);
    ensures actions_safe: out_ok(c, out);
    ensures forward_only: \old(c->phase) <= c->phase;
    ensures pid_kept: \old(c->phase) != PHASE_STARTING ==>
      c->command_pid == \old(c->command_pid);
    ensures end_path_after_command: \old(c->phase) <= PHASE_RUNNING &&
      c->phase >= PHASE_GRACE ==>
        c->phase <= PHASE_KILLING &&
        ((\old(c->phase) == PHASE_RUNNING && ev->kind == EV_CHILD_EXITED &&
          ev->pid == \old(c->command_pid)) ||
         (\old(c->phase) == PHASE_STARTING &&
          (ev->kind == EV_SPAWN_FAILED ||
           (ev->kind == EV_SPAWNED && ev->pid <= 1))));
    ensures kill_after_grace: \old(c->phase) == PHASE_GRACE &&
      c->phase == PHASE_KILLING ==> ev->kind == EV_TIMER;
    ensures finish_after_last_child: \old(c->phase) <= PHASE_KILLING &&
      c->phase >= PHASE_DELAY ==>
        \old(c->phase) >= PHASE_GRACE && ev->kind == EV_NO_CHILDREN;
    ensures sync_first: \old(c->phase) <= PHASE_KILLING &&
      c->phase >= PHASE_DELAY && c->node == 1 ==>
        out->count >= 1 && out->list[0].kind == ACT_SYNC;
    ensures reboot_after_delay: \old(c->phase) == PHASE_DELAY &&
      c->phase == PHASE_DONE ==> ev->kind == EV_TIMER;
    ensures done_is_final: \old(c->phase) == PHASE_DONE ==>
      quiet_since(out, 0);
    ensures child_noop: ev->kind == EV_CHILD_EXITED &&
      !\old(child_event_needed(c, ev->pid)) ==>
        out->count == 0 && c->phase == \old(c->phase) &&
        c->command_pid == \old(c->command_pid) &&
        c->exit_code == \old(c->exit_code) &&
        c->stopped == \old(c->stopped);
    ensures child_needed: ev->kind == EV_CHILD_EXITED &&
      \old(child_event_needed(c, ev->pid)) ==>
        out->count > 0 || c->phase != \old(c->phase);
    ensures signal_plain: ev->kind == EV_SIGNAL &&
      \old(signal_plain(c, ev->value)) ==>
        out->count == 1 && out->list[0].kind == ACT_SIGNAL &&
        out->list[0].target == (c->cfg.single_child != 0 ?
          c->command_pid : -c->command_pid) &&
        out->list[0].value == c->cfg.rewrite[ev->value] &&
        c->phase == \old(c->phase) &&
        c->command_pid == \old(c->command_pid) &&
        c->exit_code == \old(c->exit_code) &&
        c->stopped == \old(c->stopped);
*/
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
