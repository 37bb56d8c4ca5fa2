/* fuzz_events.c - the core's state machine under arbitrary event streams.
 *
 * Input: a configuration header, then event records (format in
 * fuzz/README.md).  Each event goes through core_step; after every step
 * two independent oracles look at what came out:
 *   - invariants: the properties the proofs state (targets never 0, -1
 *     or 1; signal-all only as PID 1 once the command is gone; reboot only
 *     as PID 1 allowed to, and then never an exit; exit codes 0..255; the
 *     end path once and in order; buffers in bounds);
 *   - a reference model, written from core.h and the README rather than
 *     from core.c, that predicts the exact action list: a core that is
 *     wrong yet self-consistent still disagrees with it.
 * Either oracle can be left out (-DFUZZ_NO_MODEL, -DFUZZ_NO_INVARIANTS)
 * so the negative tests can show that each one fires on its own. */
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "fuzz_common.h"

#define MAX_EVENTS 512

/* ---- decoding ---------------------------------------------------------- */

static void decode_config(struct reader *r, struct hinit_config *cfg,
			  int *is_pid1, int *can_reboot)
{
	unsigned flags = rd_u8(r);
	memset(cfg, 0, sizeof *cfg);
	cfg->mode = flags & 1 ? MODE_CONTAINER : MODE_NODE;
	cfg->single_child = flags >> 1 & 1;
	cfg->verbose = flags >> 2 & 1;
	*is_pid1 = flags >> 3 & 1;
	*can_reboot = flags >> 4 & 1;
	cfg->on_exit = (int)((flags >> 5) % 3);
	/* 255 stands for the longest timer accepted. */
	unsigned grace = rd_u8(r), delay = rd_u8(r);
	cfg->grace_seconds = grace == 255 ? HINIT_MAX_SECONDS : (int)grace;
	cfg->reboot_delay_seconds =
	    delay == 255 ? HINIT_MAX_SECONDS : (int)delay;
	for (int s = 0; s <= HINIT_NSIG; s++)
		cfg->rewrite[s] = (unsigned char)s;
	unsigned n = rd_u8(r) % 16;
	for (unsigned i = 0; i < n; i++) {
		unsigned from = 1 + rd_u8(r) % HINIT_NSIG;
		cfg->rewrite[from] =
		    (unsigned char)(rd_u8(r) % (HINIT_NSIG + 1));
	}
	n = rd_u8(r) % 16;
	for (unsigned i = 0; i < n; i++)
		cfg->remap_exit[rd_u8(r)] = 1;
}

/* Pids worth trying: the command's own (and minus it), the values that
 * must never be targets, the extremes, and small pids of other children. */
static int decode_pid(unsigned sel, int command_pid)
{
	switch (sel) {
	case 0:
		return command_pid;
	case 1:
		return 0;
	case 2:
		return 1;
	case 3:
		return -1;
	case 4:
		return -command_pid;
	case 5:
		return INT_MIN;
	case 6:
		return INT_MAX;
	default:
		return (int)sel;
	}
}

/* kind byte: bits 0-2 kind (6 and 7 are no kind at all), bit 3 a 32-bit
 * value follows instead of a 16-bit one, bit 4 the value is negated. */
static void decode_event(struct reader *r, int command_pid, struct event *ev)
{
	unsigned k = rd_u8(r);
	unsigned kind = k & 7;
	ev->kind = kind == 6 ? -1 : kind == 7 ? 1000 : (int)kind;
	ev->pid = decode_pid(rd_u8(r), command_pid);
	uint32_t v = k & 8 ? rd_u32(r) : rd_u16(r);
	ev->value = (int)v;
	if (k & 16)
		ev->value = ev->value == INT_MIN ? INT_MIN : -ev->value;
}

/* ---- reference model ----------------------------------------------------- */
#ifndef FUZZ_NO_MODEL

/* The model's own view: which stage of the life hinit is in. */
enum stage { ST_START, ST_RUN, ST_GRACE, ST_KILL, ST_DELAY, ST_DONE };

struct model {
	struct hinit_config cfg;
	int pid1, node, why_not_node;
	enum stage stage;
	int cmd;  /* the command's pid, once spawned */
	int code; /* what the end path reports */
	int stopped;
	struct actions want;
};

static void want(struct model *m, int kind, int target, int value, int extra)
{
	FUZZ_CHECK(m->want.count < CORE_MAX_ACTIONS, "model overflow");
	struct action *a = &m->want.list[m->want.count++];
	a->kind = kind;
	a->target = target;
	a->value = value;
	a->extra = extra;
}

static void say(struct model *m, int verbose_only, int msg, int value,
		int extra)
{
	if (!verbose_only || m->cfg.verbose)
		want(m, ACT_LOG, msg, value, extra);
}

static void model_init(struct model *m, const struct hinit_config *cfg,
		       int pid1, int can_reboot)
{
	memset(m, 0, sizeof *m);
	m->cfg = *cfg;
	m->pid1 = pid1;
	if (cfg->mode == MODE_NODE)
		m->why_not_node = !pid1		? NODE_NOT_PID1
				  : !can_reboot ? NODE_NO_CAP_SYS_BOOT
						: NODE_OK;
	m->node = cfg->mode == MODE_NODE && m->why_not_node == NODE_OK;
	m->stage = ST_START;
}

/* What a wait status means, by libc's own macros (exit_code.c decodes
 * the bits itself, so the two are independent). */
static int model_exit_code(int raw)
{
	if (raw < 0 || raw > 0xffff)
		return HINIT_EXIT_UNKNOWN_STATUS;
	if (WIFEXITED(raw))
		return WEXITSTATUS(raw);
	if (WIFSIGNALED(raw))
		return 128 + WTERMSIG(raw);
	return HINIT_EXIT_UNKNOWN_STATUS;
}

/* "The rest": the whole namespace as PID 1, otherwise the command's
 * group (when it has one of its own) and hinit's children. */
static void to_the_rest(struct model *m, int sig)
{
	if (m->pid1) {
		want(m, ACT_SIGNAL_ALL, 0, sig, 0);
		return;
	}
	if (m->cmd > 1 && !m->cfg.single_child)
		want(m, ACT_SIGNAL, -m->cmd, sig, 0);
	want(m, ACT_SIGNAL_CHILDREN, 0, sig, 0);
}

static void end_path_kill(struct model *m)
{
	to_the_rest(m, SIGKILL);
	m->stage = ST_KILL;
	want(m, ACT_REAP, 0, 0, 0);
}

static void end_path_begin(struct model *m, int code)
{
	m->code = !m->node && m->cfg.remap_exit[code] ? 0 : code;
	say(m, 1, LOG_TERMINATING, m->cfg.grace_seconds, 0);
	to_the_rest(m, SIGTERM);
	to_the_rest(m, SIGCONT);
	if (!m->cfg.grace_seconds) {
		end_path_kill(m);
	} else {
		m->stage = ST_GRACE;
		want(m, ACT_ARM_TIMER, 0, m->cfg.grace_seconds, 0);
		want(m, ACT_REAP, 0, 0, 0);
	}
}

static void end_path_reboot(struct model *m)
{
	say(m, 0, LOG_REBOOTING, m->cfg.on_exit, 0);
	want(m, ACT_REBOOT, 0, m->cfg.on_exit, 0);
	m->stage = ST_DONE;
}

static void end_path_last(struct model *m)
{
	if (m->node) {
		want(m, ACT_SYNC, 0, 0, 0);
		if (m->code == 0 || m->cfg.reboot_delay_seconds == 0) {
			end_path_reboot(m);
			return;
		}
		say(m, 0, LOG_REBOOT_DELAY, m->cfg.reboot_delay_seconds,
		    m->code);
		want(m, ACT_ARM_TIMER, 0, m->cfg.reboot_delay_seconds, 0);
		m->stage = ST_DELAY;
		return;
	}
	say(m, 1, LOG_EXITING, m->code, 0);
	want(m, ACT_EXIT, 0, m->code, 0);
	m->stage = ST_DONE;
}

static int stops(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

static void model_signal(struct model *m, int sig)
{
	if (sig == SIGCHLD) {
		want(m, ACT_REAP, 0, 0, 0);
		return;
	}
	int as = m->stage == ST_RUN && sig >= 1 && sig <= HINIT_NSIG
		     ? m->cfg.rewrite[sig]
		     : 0;
	if (!as) {
		say(m, 1, LOG_SIGNAL_DROPPED, sig, 0);
		return;
	}
	int to = m->cfg.single_child ? m->cmd : -m->cmd;
	want(m, ACT_SIGNAL, to, as, 0);
	say(m, 1, LOG_FORWARDED, as, to);
	if (as == SIGTERM && m->stopped)
		want(m, ACT_SIGNAL, to, SIGCONT, 0);
	if (stops(as))
		m->stopped = 1;
	else if (as == SIGCONT || as == SIGTERM)
		m->stopped = 0;
}

static void model_child(struct model *m, int pid, int raw)
{
	if (m->stage != ST_RUN || pid != m->cmd) {
		say(m, 1, LOG_CHILD_REAPED, raw, pid);
		if (m->stage == ST_KILL && !m->pid1)
			want(m, ACT_SIGNAL_CHILDREN, 0, SIGKILL, 0);
		return;
	}
	int code = model_exit_code(raw);
	int shown = !m->node && m->cfg.remap_exit[code] ? 0 : code;
	int in_range = raw >= 0 && raw <= 0xffff;
	if (!in_range || WIFSTOPPED(raw) || (raw & 0xff) == 0xff)
		say(m, 0, LOG_COMMAND_ODD_STATUS, raw, shown);
	else if (m->node || m->cfg.verbose)
		say(m, 0,
		    WIFSIGNALED(raw) ? LOG_COMMAND_KILLED : LOG_COMMAND_EXITED,
		    WIFSIGNALED(raw) ? WTERMSIG(raw) : code, shown);
	end_path_begin(m, code);
}

static void model_step(struct model *m, const struct event *ev)
{
	m->want.count = 0;
	int starting = m->stage == ST_START;
	int spawn_event = ev->kind == EV_SPAWNED || ev->kind == EV_SPAWN_FAILED;
	if (starting && spawn_event && m->why_not_node)
		say(m, 0, LOG_NODE_UNAVAILABLE, m->why_not_node, 0);
	switch (ev->kind) {
	case EV_SPAWNED:
		if (!starting)
			break;
		if (ev->pid > 1) {
			m->cmd = ev->pid;
			m->stage = ST_RUN;
			want(m, ACT_REAP, 0, 0, 0);
		} else {
			say(m, 0, LOG_SPAWN_BAD_PID, ev->pid, 0);
			end_path_begin(m, HINIT_EXIT_SPAWN_FAILED);
		}
		break;
	case EV_SPAWN_FAILED:
		if (starting)
			end_path_begin(m, ev->value >= 0 && ev->value <= 255
					      ? ev->value
					      : HINIT_EXIT_SPAWN_FAILED);
		break;
	case EV_SIGNAL:
		model_signal(m, ev->value);
		break;
	case EV_CHILD_EXITED:
		model_child(m, ev->pid, ev->value);
		break;
	case EV_NO_CHILDREN:
		if (m->stage == ST_GRACE || m->stage == ST_KILL)
			end_path_last(m);
		break;
	case EV_TIMER:
		if (m->stage == ST_GRACE) {
			say(m, 0, LOG_KILLING, m->cfg.grace_seconds, 0);
			end_path_kill(m);
		} else if (m->stage == ST_DELAY) {
			end_path_reboot(m);
		}
		break;
	}
}

static void compare(const struct model *m, const struct actions *got, int step)
{
	for (int i = 0; i < got->count && i < m->want.count; i++) {
		const struct action *g = &got->list[i], *w = &m->want.list[i];
		FUZZ_CHECK(g->kind == w->kind && g->target == w->target &&
			       g->value == w->value && g->extra == w->extra,
			   "step %d action %d: core {%d %d %d %d}, model "
			   "{%d %d %d %d}",
			   step, i, g->kind, g->target, g->value, g->extra,
			   w->kind, w->target, w->value, w->extra);
	}
	FUZZ_CHECK(got->count == m->want.count,
		   "step %d: core %d actions, model %d", step, got->count,
		   m->want.count);
}

#endif /* FUZZ_NO_MODEL */

/* ---- invariants ---------------------------------------------------------- */

/* What the checker remembers across steps (not the model: only facts
 * about actions seen). */
struct history {
	int pid1;
	int node_possible; /* PID 1, CAP_SYS_BOOT, node mode asked */
	int command_gone;  /* spawn failed or the command was reaped */
	int term_step;	   /* step that sent SIGTERM to the rest, or -1 */
	int kill_sent, grace_armed, synced, delay_armed, ended;
	int last_phase;
};

#ifndef FUZZ_NO_INVARIANTS
static void check_step(struct history *h, const struct core *c,
		       const struct hinit_config *cfg, const struct event *ev,
		       int command_before, int phase_before,
		       const struct actions *out, int step)
{
	FUZZ_CHECK(out->count >= 0 && out->count <= CORE_MAX_ACTIONS,
		   "step %d: count %d", step, out->count);
	/* Field by field: the padding of a copied struct is unspecified. */
	const struct hinit_config *k = &c->cfg;
	FUZZ_CHECK(
	    k->mode == cfg->mode && k->on_exit == cfg->on_exit &&
		k->single_child == cfg->single_child &&
		k->verbose == cfg->verbose &&
		k->no_seccomp == cfg->no_seccomp &&
		k->grace_seconds == cfg->grace_seconds &&
		k->reboot_delay_seconds == cfg->reboot_delay_seconds &&
		!memcmp(k->rewrite, cfg->rewrite, sizeof k->rewrite) &&
		!memcmp(k->remap_exit, cfg->remap_exit, sizeof k->remap_exit),
	    "step %d: configuration changed", step);
	FUZZ_CHECK(c->phase >= PHASE_STARTING && c->phase <= PHASE_DONE,
		   "step %d: phase %d", step, c->phase);
	FUZZ_CHECK(c->phase >= h->last_phase,
		   "step %d: phase went back from %d to %d", step,
		   h->last_phase, c->phase);
	h->last_phase = c->phase;
	FUZZ_CHECK(c->exit_code >= 0 && c->exit_code <= 255,
		   "step %d: exit_code %d", step, c->exit_code);
	FUZZ_CHECK(phase_before == PHASE_STARTING ||
		       command_before == c->command_pid,
		   "step %d: command pid changed from %d to %d", step,
		   command_before, c->command_pid);
	if (c->phase == PHASE_RUNNING)
		FUZZ_CHECK(c->command_pid > 1, "step %d: running pid %d", step,
			   c->command_pid);
	/* The command is gone when its spawn failed or it was reaped. */
	if (phase_before == PHASE_STARTING &&
	    (ev->kind == EV_SPAWN_FAILED ||
	     (ev->kind == EV_SPAWNED && ev->pid <= 1)))
		h->command_gone = 1;
	if (phase_before == PHASE_RUNNING && ev->kind == EV_CHILD_EXITED &&
	    ev->pid == command_before)
		h->command_gone = 1;

	for (int i = 0; i < out->count; i++) {
		const struct action *a = &out->list[i];
		FUZZ_CHECK(!h->ended || a->kind == ACT_REAP ||
			       a->kind == ACT_LOG,
			   "step %d: action %d after the end", step, a->kind);
		switch (a->kind) {
		case ACT_SIGNAL:
			FUZZ_CHECK(a->target != 0 && a->target != -1 &&
				       a->target != 1 && a->target != INT_MIN,
				   "step %d: signal to %d", step, a->target);
			FUZZ_CHECK(a->target == c->command_pid ||
				       a->target == -c->command_pid,
				   "step %d: signal to %d, command %d", step,
				   a->target, c->command_pid);
			FUZZ_CHECK(a->value >= 1 && a->value <= HINIT_NSIG,
				   "step %d: signal %d", step, a->value);
			break;
		case ACT_SIGNAL_ALL:
			FUZZ_CHECK(h->pid1 && h->command_gone,
				   "step %d: kill(-1) pid1=%d gone=%d", step,
				   h->pid1, h->command_gone);
			/* fall through */
		case ACT_SIGNAL_CHILDREN:
			FUZZ_CHECK(h->command_gone,
				   "step %d: end-path signal too early", step);
			FUZZ_CHECK(a->value == SIGTERM || a->value == SIGCONT ||
				       a->value == SIGKILL,
				   "step %d: end-path signal %d", step,
				   a->value);
			if (a->value == SIGTERM) {
				/* The end path starts once: one step. */
				FUZZ_CHECK(h->term_step < 0 ||
					       h->term_step == step,
					   "step %d: SIGTERM again (first at "
					   "step %d)",
					   step, h->term_step);
				FUZZ_CHECK(!h->kill_sent && !h->synced,
					   "step %d: SIGTERM out of order",
					   step);
				h->term_step = step;
			} else {
				FUZZ_CHECK(h->term_step >= 0 && !h->synced,
					   "step %d: signal %d out of order",
					   step, a->value);
			}
			if (a->value == SIGKILL)
				h->kill_sent = 1;
			break;
		case ACT_REAP:
			break;
		case ACT_ARM_TIMER:
			if (!h->synced) {
				FUZZ_CHECK(
				    h->term_step >= 0 && !h->kill_sent &&
					!h->grace_armed &&
					a->value == cfg->grace_seconds,
				    "step %d: grace timer %d out of order",
				    step, a->value);
				h->grace_armed = 1;
			} else {
				FUZZ_CHECK(
				    !h->delay_armed &&
					a->value == cfg->reboot_delay_seconds,
				    "step %d: delay timer %d out of order",
				    step, a->value);
				h->delay_armed = 1;
			}
			FUZZ_CHECK(a->value > 0 &&
				       a->value <= HINIT_MAX_SECONDS,
				   "step %d: timer %d", step, a->value);
			break;
		case ACT_SYNC:
			FUZZ_CHECK(h->node_possible,
				   "step %d: sync outside node mode", step);
			FUZZ_CHECK(h->term_step >= 0 && !h->synced,
				   "step %d: sync out of order", step);
			h->synced = 1;
			break;
		case ACT_REBOOT:
			FUZZ_CHECK(h->node_possible,
				   "step %d: reboot not allowed", step);
			FUZZ_CHECK(h->synced, "step %d: reboot before sync",
				   step);
			FUZZ_CHECK(a->value == cfg->on_exit,
				   "step %d: reboot how %d", step, a->value);
			h->ended = 1;
			break;
		case ACT_EXIT:
			FUZZ_CHECK(!h->node_possible,
				   "step %d: exit as a node's PID 1", step);
			FUZZ_CHECK(a->value >= 0 && a->value <= 255,
				   "step %d: exit %d", step, a->value);
			FUZZ_CHECK(h->term_step >= 0 && !h->synced,
				   "step %d: exit out of order", step);
			h->ended = 1;
			break;
		case ACT_LOG:
			FUZZ_CHECK(a->target >= LOG_NODE_UNAVAILABLE &&
				       a->target <= LOG_EXITING,
				   "step %d: log %d", step, a->target);
			break;
		default:
			FUZZ_CHECK(0, "step %d: action kind %d", step, a->kind);
		}
	}
	if (h->ended)
		FUZZ_CHECK(c->phase == PHASE_DONE, "step %d: ended, phase %d",
			   step, c->phase);
}

/* The reap loop skips a reaped child (pid > 0) that core_needed_child
 * leaves out: that must be exactly a step with no action and no change. */
static void check_needed_child(const struct core *before, int wanted,
			       const struct core *c, const struct event *ev,
			       const struct actions *out, int step)
{
	FUZZ_CHECK(wanted == CORE_EVERY_CHILD || wanted >= 0,
		   "step %d: core_needed_child %d", step, wanted);
	if (ev->kind != EV_CHILD_EXITED || ev->pid <= 0)
		return;
	int needed = wanted == CORE_EVERY_CHILD || wanted == ev->pid;
	int noop = out->count == 0 && c->phase == before->phase &&
		   c->command_pid == before->command_pid &&
		   c->exit_code == before->exit_code &&
		   c->stopped == before->stopped;
	FUZZ_CHECK(needed != noop,
		   "step %d: core_needed_child %d for pid %d, but the step %s",
		   step, wanted, ev->pid, noop ? "did nothing" : "acted");
}

/* The loop sends a signal without a step when core_forward_target and
 * core_forward_value both answer: that must be exactly a step that emits
 * that one ACT_SIGNAL and changes nothing, the command not stopped (a
 * stopped command's signals all take the step). */
static void check_plain_signal(const struct core *before, int target, int value,
			       const struct core *c, const struct event *ev,
			       const struct actions *out, int step)
{
	if (ev->kind != EV_SIGNAL)
		return;
	int plain = target != 0 && value != 0;
	int one_signal = out->count == 1 && out->list[0].kind == ACT_SIGNAL &&
			 c->phase == before->phase &&
			 c->command_pid == before->command_pid &&
			 c->exit_code == before->exit_code &&
			 c->stopped == before->stopped && before->stopped == 0;
	FUZZ_CHECK(plain == one_signal,
		   "step %d: signal %d, forward target %d value %d, but the "
		   "step %s",
		   step, ev->value, target, value,
		   one_signal ? "only forwarded it" : "did more");
	FUZZ_CHECK(!plain || (out->list[0].target == target &&
			      out->list[0].value == value),
		   "step %d: signal %d sent as %d to %d, the step says %d "
		   "to %d",
		   step, ev->value, value, target, out->list[0].value,
		   out->list[0].target);
}

#endif /* FUZZ_NO_INVARIANTS */

/* ---- the target ---------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader r = {data, size, 0};
	struct hinit_config cfg;
	int is_pid1, can_reboot;
	decode_config(&r, &cfg, &is_pid1, &can_reboot);

	/* On the heap, exactly sized: ASan sees any write past them. */
	struct core *c = malloc(sizeof *c);
	struct actions *out = malloc(sizeof *out);
	FUZZ_CHECK(c && out, "out of memory");
	memset(c, 0xa5, sizeof *c);
	core_init(c, &cfg, is_pid1, can_reboot);
	FUZZ_CHECK(c->phase == PHASE_STARTING && c->exit_code == 0 &&
		       c->command_pid == 0,
		   "bad initial state");

	struct history h;
	memset(&h, 0, sizeof h);
	h.pid1 = is_pid1;
	h.term_step = -1;
	h.node_possible = is_pid1 && can_reboot && cfg.mode == MODE_NODE;
	FUZZ_CHECK(c->node == h.node_possible, "node %d, expected %d", c->node,
		   h.node_possible);
#ifndef FUZZ_NO_MODEL
	static struct model m;
	model_init(&m, &cfg, is_pid1, can_reboot);
#endif

	for (int step = 0; step < MAX_EVENTS && rd_more(&r); step++) {
		struct event ev;
		decode_event(&r, c->command_pid, &ev);
		const struct event sent = ev;
		int command_before = c->command_pid;
		int phase_before = c->phase;
#ifndef FUZZ_NO_INVARIANTS
		struct core before = *c;
		int wanted = core_needed_child(c);
		int target = core_forward_target(c);
		int value =
		    ev.kind == EV_SIGNAL ? core_forward_value(c, ev.value) : 0;
#endif
		memset(out, 0x5a, sizeof *out);
		core_step(c, &ev, out);
		FUZZ_CHECK(memcmp(&ev, &sent, sizeof ev) == 0,
			   "step %d: event changed", step);
#ifndef FUZZ_NO_INVARIANTS
		check_step(&h, c, &cfg, &ev, command_before, phase_before, out,
			   step);
		check_needed_child(&before, wanted, c, &ev, out, step);
		check_plain_signal(&before, target, value, c, &ev, out, step);
#endif
#ifndef FUZZ_NO_MODEL
		model_step(&m, &ev);
		compare(&m, out, step);
#endif
		(void)command_before;
		(void)phase_before;
	}
	free(out);
	free(c);
	return 0;
}
