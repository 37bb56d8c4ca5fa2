/* test_core_model.c - every event in every phase of every configuration,
 * and long random runs, against a model of the spec and its invariants.
 *
 * The model below is written from core.h's comments and the issue text
 * (what must come out, in which order), not from core.c; test_core.c's
 * scenarios pin it down with hand-written action lists. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "core.h"
#include "unit.h"

enum { SIGKILL_ = 9, SIGTERM_ = 15, SIGCHLD_ = 17, SIGCONT_ = 18 };

struct model {
	struct hinit_config cfg;
	int pid1, node, why, phase, pid, code, stopped;
};

static void push(struct actions *out, int kind, int target, int value,
		 int extra)
{
	/* The spec's longest step must fit the core's buffer. */
	assert_true(out->count < CORE_MAX_ACTIONS);
	struct action *a = &out->list[out->count++];
	a->kind = kind;
	a->target = target;
	a->value = value;
	a->extra = extra;
}

static void say(const struct model *m, struct actions *out, int msg, int value,
		int extra)
{
	if (m->cfg.verbose)
		push(out, ACT_LOG, msg, value, extra);
}

static void model_init(struct model *m, const struct hinit_config *cfg,
		       int pid1, int can_reboot)
{
	memset(m, 0, sizeof *m);
	m->cfg = *cfg;
	m->pid1 = pid1;
	if (cfg->mode == MODE_NODE)
		m->why = !pid1	       ? NODE_NOT_PID1
			 : !can_reboot ? NODE_NO_CAP_SYS_BOOT
				       : NODE_OK;
	m->node = cfg->mode == MODE_NODE && m->why == NODE_OK;
	m->phase = PHASE_STARTING;
}

/* What is left once the command is gone: as PID 1 the namespace
 * (kill(-1)); otherwise its group (if it has one of its own) and
 * hinit's children. */
static void to_the_rest(const struct model *m, int sig, struct actions *out)
{
	if (m->pid1) {
		push(out, ACT_SIGNAL_ALL, 0, sig, 0);
		return;
	}
	if (!m->cfg.single_child && m->pid > 1)
		push(out, ACT_SIGNAL, -m->pid, sig, 0);
	push(out, ACT_SIGNAL_CHILDREN, 0, sig, 0);
}

static void kill_the_rest(struct model *m, struct actions *out)
{
	to_the_rest(m, SIGKILL_, out);
	push(out, ACT_REAP, 0, 0, 0);
	m->phase = PHASE_KILLING;
}

static void end_path(struct model *m, int code, struct actions *out)
{
	if (!m->node && m->cfg.remap_exit[code])
		code = 0;
	m->code = code;
	say(m, out, LOG_TERMINATING, m->cfg.grace_seconds, 0);
	to_the_rest(m, SIGTERM_, out);
	to_the_rest(m, SIGCONT_, out);
	if (m->cfg.grace_seconds == 0) {
		kill_the_rest(m, out);
		return;
	}
	push(out, ACT_ARM_TIMER, 0, m->cfg.grace_seconds, 0);
	push(out, ACT_REAP, 0, 0, 0);
	m->phase = PHASE_GRACE;
}

static void reboot(struct model *m, struct actions *out)
{
	push(out, ACT_LOG, LOG_REBOOTING, m->cfg.on_exit, 0);
	push(out, ACT_REBOOT, 0, m->cfg.on_exit, 0);
	m->phase = PHASE_DONE;
}

static void nothing_left(struct model *m, struct actions *out)
{
	if (!m->node) {
		say(m, out, LOG_EXITING, m->code, 0);
		push(out, ACT_EXIT, 0, m->code, 0);
		m->phase = PHASE_DONE;
	} else {
		push(out, ACT_SYNC, 0, 0, 0);
		if (m->code != 0 && m->cfg.reboot_delay_seconds != 0) {
			push(out, ACT_LOG, LOG_REBOOT_DELAY,
			     m->cfg.reboot_delay_seconds, m->code);
			push(out, ACT_ARM_TIMER, 0, m->cfg.reboot_delay_seconds,
			     0);
			m->phase = PHASE_DELAY;
		} else {
			reboot(m, out);
		}
	}
}

static void forward(struct model *m, int sig, struct actions *out)
{
	int to = sig >= 1 && sig <= 64 ? m->cfg.rewrite[sig] : 0;
	if (!to) {
		say(m, out, LOG_SIGNAL_DROPPED, sig, 0);
		return;
	}
	int target = m->cfg.single_child ? m->pid : -m->pid;
	push(out, ACT_SIGNAL, target, to, 0);
	say(m, out, LOG_FORWARDED, to, target);
	switch (to) {
	case 19: /* STOP */
	case 20: /* TSTP */
	case 21: /* TTIN */
	case 22: /* TTOU */
		m->stopped = 1;
		break;
	case SIGCONT_:
		m->stopped = 0;
		break;
	case SIGTERM_:
		if (m->stopped)
			push(out, ACT_SIGNAL, target, SIGCONT_, 0);
		m->stopped = 0;
		break;
	}
}

static void command_ended(struct model *m, int raw, struct actions *out)
{
	int code = unit_expected_exit_code(raw);
	int reported = !m->node && m->cfg.remap_exit[code] ? 0 : code;
	int tell = m->node || m->cfg.verbose;
	int in16 = raw >= 0 && raw <= 65535;
	int termsig = in16 ? raw % 128 : -1;
	if (!in16 || termsig == 127)
		push(out, ACT_LOG, LOG_COMMAND_ODD_STATUS, raw, reported);
	else if (termsig == 0 && tell)
		push(out, ACT_LOG, LOG_COMMAND_EXITED, raw / 256, reported);
	else if (termsig != 0 && tell)
		push(out, ACT_LOG, LOG_COMMAND_KILLED, termsig, reported);
	end_path(m, code, out);
}

static void model_step(struct model *m, const struct event *ev,
		       struct actions *out)
{
	out->count = 0;
	int starting = m->phase == PHASE_STARTING;
	switch (ev->kind) {
	case EV_SPAWNED:
		if (!starting)
			break;
		if (m->why)
			push(out, ACT_LOG, LOG_NODE_UNAVAILABLE, m->why, 0);
		if (ev->pid <= 1) {
			push(out, ACT_LOG, LOG_SPAWN_BAD_PID, ev->pid, 0);
			end_path(m, HINIT_EXIT_SPAWN_FAILED, out);
			break;
		}
		m->pid = ev->pid;
		m->phase = PHASE_RUNNING;
		push(out, ACT_REAP, 0, 0, 0);
		break;
	case EV_SPAWN_FAILED:
		if (!starting)
			break;
		if (m->why)
			push(out, ACT_LOG, LOG_NODE_UNAVAILABLE, m->why, 0);
		end_path(m,
			 ev->value >= 0 && ev->value <= 255
			     ? ev->value
			     : HINIT_EXIT_SPAWN_FAILED,
			 out);
		break;
	case EV_SIGNAL:
		if (ev->value == SIGCHLD_)
			push(out, ACT_REAP, 0, 0, 0);
		else if (m->phase == PHASE_RUNNING)
			forward(m, ev->value, out);
		else
			say(m, out, LOG_SIGNAL_DROPPED, ev->value, 0);
		break;
	case EV_CHILD_EXITED:
		if (m->phase == PHASE_RUNNING && ev->pid == m->pid) {
			command_ended(m, ev->value, out);
			break;
		}
		say(m, out, LOG_CHILD_REAPED, ev->value, ev->pid);
		if (m->phase == PHASE_KILLING && !m->pid1)
			push(out, ACT_SIGNAL_CHILDREN, 0, SIGKILL_, 0);
		break;
	case EV_NO_CHILDREN:
		if (m->phase == PHASE_GRACE || m->phase == PHASE_KILLING)
			nothing_left(m, out);
		break;
	case EV_TIMER:
		if (m->phase == PHASE_GRACE) {
			push(out, ACT_LOG, LOG_KILLING, m->cfg.grace_seconds,
			     0);
			kill_the_rest(m, out);
		} else if (m->phase == PHASE_DELAY) {
			reboot(m, out);
		}
		break;
	}
}

/* Largest action list seen, for the report. */
static int max_count_seen;
/* Reaped children core_needed_child said the core need not see. */
static long children_skippable;

/* The state core_step may change, and what it must not. */
static int same_core(const struct core *a, const struct core *b)
{
	return a->phase == b->phase && a->command_pid == b->command_pid &&
	       a->exit_code == b->exit_code && a->stopped == b->stopped &&
	       a->is_pid1 == b->is_pid1 && a->node == b->node &&
	       a->node_unavailable == b->node_unavailable &&
	       memcmp(&a->cfg, &b->cfg, sizeof a->cfg) == 0;
}

/* The reap loop skips a child (pid > 0) exactly when core_needed_child
 * leaves it out; that must be exactly when the step is a no-op: no
 * action and the same state. */
static void check_needed_child(const struct core *before, int wanted,
			       const struct core *after,
			       const struct event *ev,
			       const struct actions *got, const char *context)
{
	if (ev->kind != EV_CHILD_EXITED || ev->pid <= 0)
		return;
	int needed = wanted == CORE_EVERY_CHILD || wanted == ev->pid;
	int noop = got->count == 0 && same_core(before, after);
	children_skippable += !needed;
	if (needed == noop) {
		print_error("%s\nphase %d, event (%d,%d,%d): core_needed_child "
			    "%d, but the step %s\n",
			    context, before->phase, ev->kind, ev->pid,
			    ev->value, wanted,
			    noop ? "did nothing" : "did something");
		fail();
	}
}

/* Signals core_forward_target and core_forward_value said the loop may
 * send without a step. */
static long signals_plain;

/* The loop sends a signal itself exactly when the core's two answers
 * are non-zero; that must be exactly when the step emits one ACT_SIGNAL
 * to that target with that value and changes nothing, in a state where
 * the command is not stopped (a stopped command takes every signal
 * through the step: the answer is per state). */
static void check_plain_signal(const struct core *before, int target, int value,
			       const struct core *after, const struct event *ev,
			       const struct actions *got, const char *context)
{
	if (ev->kind != EV_SIGNAL)
		return;
	int plain = target != 0 && value != 0;
	int one_signal = got->count == 1 && got->list[0].kind == ACT_SIGNAL &&
			 same_core(before, after) && before->stopped == 0;
	signals_plain += plain;
	if (plain != one_signal || (plain && (got->list[0].target != target ||
					      got->list[0].value != value))) {
		print_error("%s\nphase %d stopped %d, signal %d: forward "
			    "target %d value %d, but the step emitted %d "
			    "action(s), first %d (%d, %d), state %s\n",
			    context, before->phase, before->stopped, ev->value,
			    target, value, got->count, got->list[0].kind,
			    got->list[0].target, got->list[0].value,
			    same_core(before, after) ? "kept" : "changed");
		fail();
	}
}

/* One event into both; the actions and the state must agree. */
static void step_both(struct core *c, struct model *m, const struct event *ev,
		      struct actions *got, const char *context)
{
	struct actions want;
	memset(got, 0xa5, sizeof *got);
	memset(&want, 0, sizeof want);
	int phase_before = c->phase;
	struct core before = *c;
	/* Asked of the state before the step, as the reap loop does. */
	int wanted = core_needed_child(c);
	assert_true(wanted == CORE_EVERY_CHILD || wanted >= 0);
	int target = core_forward_target(c);
	int value =
	    ev->kind == EV_SIGNAL ? core_forward_value(c, ev->value) : 0;
	core_step(c, ev, got);
	check_needed_child(&before, wanted, c, ev, got, context);
	check_plain_signal(&before, target, value, c, ev, got, context);
	model_step(m, ev, &want);
	if (got->count > max_count_seen)
		max_count_seen = got->count;
	int same = unit_actions_equal(got, &want) && c->phase == m->phase &&
		   (m->phase != PHASE_RUNNING ||
		    (c->command_pid == m->pid && c->stopped == m->stopped)) &&
		   (m->phase < PHASE_GRACE || c->exit_code == m->code);
	if (!same) {
		char got_text[1024], want_text[1024];
		unit_format_actions(got_text, sizeof got_text, got);
		unit_format_actions(want_text, sizeof want_text, &want);
		print_error("%s\nphase %d, event (%d,%d,%d)\n"
			    "  got  phase %d pid %d code %d stopped %d: %s\n"
			    "  want phase %d pid %d code %d stopped %d: %s\n",
			    context, phase_before, ev->kind, ev->pid, ev->value,
			    c->phase, c->command_pid, c->exit_code, c->stopped,
			    got_text, m->phase, m->pid, m->code, m->stopped,
			    want_text);
		fail();
	}
}

/* Configurations: every combination of the settings that change what
 * the core does. */
struct setup {
	struct hinit_config cfg;
	int pid1, can_reboot;
};

static void setup_from_bits(struct setup *s, unsigned bits)
{
	unit_config(&s->cfg);
	s->cfg.mode = bits & 1 ? MODE_CONTAINER : MODE_NODE;
	s->pid1 = !!(bits & 2);
	s->can_reboot = !!(bits & 4);
	s->cfg.single_child = !!(bits & 8);
	s->cfg.verbose = !!(bits & 16);
	s->cfg.grace_seconds = bits & 32 ? 0 : 5;
	s->cfg.reboot_delay_seconds = bits & 64 ? 0 : 30;
	if (bits & 128) {
		s->cfg.remap_exit[3] = 1;
		s->cfg.remap_exit[137] = 1;
		s->cfg.remap_exit[1] = 1;
		s->cfg.remap_exit[255] = 1;
	}
	if (bits & 256) {
		s->cfg.rewrite[1] = 0;	 /* HUP dropped */
		s->cfg.rewrite[10] = 12; /* USR1 -> USR2 */
		s->cfg.rewrite[2] = 15;	 /* INT -> TERM */
		s->cfg.rewrite[18] = 0;	 /* CONT dropped */
		s->cfg.rewrite[21] = 0;	 /* TTIN dropped */
		s->cfg.rewrite[34] = 37; /* RTMIN -> RTMIN+3 */
		s->cfg.rewrite[64] = 32;
		s->cfg.rewrite[15] = 9; /* TERM -> KILL */
		s->cfg.rewrite[0] = 15; /* unused: must stay so */
	}
	s->cfg.on_exit = (int)(bits % 3);
}

#define NSETUPS 512

static const struct event progress[] = {
    {EV_SPAWNED, 100, 0},      {EV_SPAWNED, 1, 0},
    {EV_SPAWN_FAILED, 0, 127}, {EV_SPAWN_FAILED, 0, 0},
    {EV_SIGNAL, 0, 20},	       {EV_SIGNAL, 0, 15},
    {EV_CHILD_EXITED, 100, 0}, {EV_CHILD_EXITED, 100, 3 << 8},
    {EV_CHILD_EXITED, 100, 9}, {EV_NO_CHILDREN, 0, 0},
    {EV_TIMER, 0, 0},
};

static int nprobes;
static struct event probes[200];

static void add_probe(int kind, int pid, int value)
{
	assert_true(nprobes < (int)(sizeof probes / sizeof probes[0]));
	probes[nprobes].kind = kind;
	probes[nprobes].pid = pid;
	probes[nprobes].value = value;
	nprobes++;
}

static void make_probes(void)
{
	if (nprobes)
		return;
	static const int pids[] = {100, 2, 1, 0, -1, -100, INT_MIN, INT_MAX};
	for (unsigned i = 0; i < sizeof pids / sizeof pids[0]; i++)
		add_probe(EV_SPAWNED, pids[i], 0);
	static const int codes[] = {0,	 1,   2,  126,	   127,
				    255, 256, -1, INT_MIN, INT_MAX};
	for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++)
		add_probe(EV_SPAWN_FAILED, 0, codes[i]);
	for (int sig = -1; sig <= 66; sig++)
		add_probe(EV_SIGNAL, 0, sig);
	add_probe(EV_SIGNAL, 0, INT_MIN);
	add_probe(EV_SIGNAL, 0, INT_MAX);
	static const int raws[] = {0,	   42 << 8, 255 << 8, 1 << 8,  9,
				   0x89,   15,	    0x80,     0x7f,    0x137f,
				   0xffff, 0x01ff,  -1,	      0x10000, INT_MIN};
	for (unsigned i = 0; i < sizeof raws / sizeof raws[0]; i++)
		add_probe(EV_CHILD_EXITED, 100, raws[i]);
	add_probe(EV_CHILD_EXITED, 200, 0);
	add_probe(EV_CHILD_EXITED, 200, 9);
	add_probe(EV_CHILD_EXITED, 0, 0);
	add_probe(EV_CHILD_EXITED, -1, 0);
	add_probe(EV_CHILD_EXITED, -100, 0);
	add_probe(EV_NO_CHILDREN, 0, 0);
	add_probe(EV_TIMER, 0, 0);
	add_probe(6, 100, 15);
	add_probe(-1, 0, 0);
	add_probe(INT_MAX, 0, 0);
}

struct snapshot {
	struct core c;
	struct model m;
};

#define MAX_STATES 128

static int same_state(const struct model *a, const struct model *b)
{
	return a->phase == b->phase && a->pid == b->pid && a->code == b->code &&
	       a->stopped == b->stopped;
}

/* Every probe event from every state the progress events reach. */
static void test_every_event_in_every_phase(void **state)
{
	(void)state;
	make_probes();
	static struct snapshot states[MAX_STATES];
	long steps = 0;
	int phase_setups[6] = {0};
	for (unsigned bits = 0; bits < NSETUPS; bits++) {
		struct setup s;
		setup_from_bits(&s, bits);
		char context[160];
		snprintf(context, sizeof context,
			 "setup %u: mode %d pid1 %d can_reboot %d single %d "
			 "verbose %d grace %d delay %d remap %d rewrite %d",
			 bits, s.cfg.mode, s.pid1, s.can_reboot,
			 s.cfg.single_child, s.cfg.verbose, s.cfg.grace_seconds,
			 s.cfg.reboot_delay_seconds, !!(bits & 128),
			 !!(bits & 256));
		int n = 1;
		core_init(&states[0].c, &s.cfg, s.pid1, s.can_reboot);
		model_init(&states[0].m, &s.cfg, s.pid1, s.can_reboot);
		unsigned phases = 0;
		for (int i = 0; i < n; i++) {
			phases |= 1u << states[i].m.phase;
			for (int p = 0; p < nprobes; p++) {
				struct snapshot next = states[i];
				struct actions out;
				step_both(&next.c, &next.m, &probes[p], &out,
					  context);
				steps++;
			}
			for (unsigned p = 0;
			     p < sizeof progress / sizeof progress[0]; p++) {
				struct snapshot next = states[i];
				struct actions out;
				step_both(&next.c, &next.m, &progress[p], &out,
					  context);
				int known = 0;
				for (int k = 0; k < n && !known; k++)
					known =
					    same_state(&states[k].m, &next.m);
				if (!known) {
					assert_true(n < MAX_STATES);
					states[n++] = next;
				}
			}
		}
		/* The exploration reached every phase this setup has. */
		int node = s.cfg.mode == MODE_NODE && s.pid1 && s.can_reboot;
		unsigned want = 1u << PHASE_STARTING | 1u << PHASE_RUNNING |
				1u << PHASE_KILLING | 1u << PHASE_DONE;
		if (s.cfg.grace_seconds)
			want |= 1u << PHASE_GRACE;
		if (node && s.cfg.reboot_delay_seconds)
			want |= 1u << PHASE_DELAY;
		if (phases != want)
			print_error("%s: phases 0x%x, want 0x%x\n", context,
				    phases, want);
		assert_int_equal(phases, want);
		for (int p = 0; p < 6; p++)
			phase_setups[p] += !!(phases & 1u << p);
	}
	print_message("  %ld steps over %d setups x %d probe events; "
		      "setups per phase: %d %d %d %d %d %d; "
		      "most actions in one step: %d (max %d); "
		      "reaped children skippable so far: %ld; "
		      "signals sent without a step so far: %ld\n",
		      steps, NSETUPS, nprobes, phase_setups[0], phase_setups[1],
		      phase_setups[2], phase_setups[3], phase_setups[4],
		      phase_setups[5], max_count_seen, CORE_MAX_ACTIONS,
		      children_skippable, signals_plain);
}

/* What must hold whatever happens, checked on the core's output alone. */
struct trace {
	struct setup s;
	int node, why;
	int pid;	 /* accepted command pid, 0 before */
	int expect_code; /* -1 until the end path starts */
	int stage;	 /* end path progress, see check_step */
	int term, cont;	 /* end path SIGTERM, SIGCONT seen */
	int syncs, reboots, exits, unavailable_logs;
};

static void trace_init(struct trace *t, const struct setup *s)
{
	memset(t, 0, sizeof *t);
	t->s = *s;
	t->node = s->cfg.mode == MODE_NODE && s->pid1 && s->can_reboot;
	t->why = s->cfg.mode != MODE_NODE ? NODE_OK
		 : !s->pid1		  ? NODE_NOT_PID1
		 : !s->can_reboot	  ? NODE_NO_CAP_SYS_BOOT
					  : NODE_OK;
	t->expect_code = -1;
}

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			char text[1024];                                       \
			unit_format_actions(text, sizeof text, out);           \
			print_error("invariant %s broken: phase %d -> %d, "    \
				    "event (%d,%d,%d): %s\n",                  \
				    #cond, before, c->phase, ev->kind,         \
				    ev->pid, ev->value, text);                 \
			fail();                                                \
		}                                                              \
	} while (0)

static int end_stage(const struct trace *t, const struct action *a)
{
	switch (a->kind) {
	case ACT_SIGNAL:
	case ACT_SIGNAL_ALL:
	case ACT_SIGNAL_CHILDREN:
		return a->value == SIGTERM_ ? 1 : a->value == SIGCONT_ ? 2 : 4;
	case ACT_ARM_TIMER:
		return t->syncs ? 6 : 3;
	case ACT_SYNC:
		return 5;
	case ACT_REBOOT:
	case ACT_EXIT:
		return 7;
	default:
		return -1;
	}
}

static void check_step(struct trace *t, const struct core *c, int before,
		       const struct event *ev, const struct actions *out)
{
	const struct hinit_config *cfg = &t->s.cfg;
	/* The buffer holds CORE_MAX_ACTIONS; a full buffer cannot be told
	 * from one emit() silently cut short, so no step may fill it. */
	CHECK(out->count >= 0 && out->count < CORE_MAX_ACTIONS);
	CHECK(c->phase >= before && c->phase <= PHASE_DONE);
	if (ev->kind == EV_SIGNAL && ev->value == SIGCHLD_)
		CHECK(out->count == 1 && out->list[0].kind == ACT_REAP);
	if (before == PHASE_STARTING && c->phase == PHASE_RUNNING)
		t->pid = ev->pid;
	if (before < PHASE_GRACE && c->phase >= PHASE_GRACE) {
		/* The end path starts: with which status? */
		int code;
		if (ev->kind == EV_SPAWN_FAILED)
			code =
			    ev->value >= 0 && ev->value <= 255 ? ev->value : 1;
		else if (ev->kind == EV_SPAWNED)
			code = HINIT_EXIT_SPAWN_FAILED;
		else
			code = unit_expected_exit_code(ev->value);
		CHECK(ev->kind == EV_SPAWN_FAILED || ev->kind == EV_SPAWNED ||
		      (ev->kind == EV_CHILD_EXITED && ev->pid == t->pid &&
		       t->pid > 1));
		if (!t->node && cfg->remap_exit[code])
			code = 0;
		t->expect_code = code;
		CHECK(c->exit_code == code);
	}
	int gone = c->phase >= PHASE_GRACE;
	for (int i = 0; i < out->count; i++) {
		const struct action *a = &out->list[i];
		CHECK(a->kind >= ACT_SIGNAL && a->kind <= ACT_LOG);
		if (a->kind != ACT_LOG)
			CHECK(a->extra == 0);
		if (before == PHASE_DONE)
			CHECK(a->kind == ACT_REAP || a->kind == ACT_LOG);
		switch (a->kind) {
		case ACT_SIGNAL:
			/* Never 0, -1 or 1: only the command or its group. */
			CHECK(t->pid > 1);
			CHECK(a->target ==
			      (cfg->single_child ? t->pid : -t->pid));
			CHECK(a->value >= 1 && a->value <= HINIT_NSIG);
			if (gone)
				CHECK(!cfg->single_child && !t->s.pid1);
			break;
		case ACT_SIGNAL_ALL:
			CHECK(t->s.pid1 && gone);
			break;
		case ACT_SIGNAL_CHILDREN:
			CHECK(!t->s.pid1 && gone);
			break;
		case ACT_REAP:
			CHECK(a->target == 0 && a->value == 0);
			break;
		case ACT_ARM_TIMER:
			CHECK(a->value >= 1 && a->value <= HINIT_MAX_SECONDS);
			CHECK(c->phase == PHASE_GRACE ||
			      c->phase == PHASE_DELAY);
			break;
		case ACT_SYNC:
			CHECK(t->node && t->syncs == 0);
			t->syncs++;
			break;
		case ACT_REBOOT:
			CHECK(t->node && t->syncs == 1 && t->reboots == 0);
			CHECK(a->value == cfg->on_exit);
			CHECK(c->phase == PHASE_DONE);
			t->reboots++;
			break;
		case ACT_EXIT:
			CHECK(!t->node && t->exits == 0);
			CHECK(a->value == t->expect_code);
			CHECK(a->value >= 0 && a->value <= 255);
			CHECK(c->phase == PHASE_DONE);
			t->exits++;
			break;
		case ACT_LOG:
			CHECK(a->target >= LOG_NODE_UNAVAILABLE &&
			      a->target <= LOG_EXITING);
			if (a->target == LOG_NODE_UNAVAILABLE) {
				CHECK(t->why != NODE_OK && a->value == t->why);
				CHECK(t->unavailable_logs++ == 0);
			}
			break;
		}
		if (!gone) {
			/* Before the end: forwards and reaps only. */
			CHECK(a->kind == ACT_SIGNAL || a->kind == ACT_REAP ||
			      a->kind == ACT_LOG);
			continue;
		}
		int stage = end_stage(t, a);
		if (stage < 0)
			continue;
		if (stage == 4 && (a->value != SIGKILL_ || t->stage < 2))
			CHECK(!"only SIGKILL after TERM and CONT");
		CHECK(stage >= t->stage);
		t->stage = stage;
		t->term |= stage == 1;
		t->cont |= stage == 2;
		if (stage >= 3)
			CHECK(t->term && t->cont);
	}
}

static int random_pick(struct unit_rng *r, const int *list, unsigned n)
{
	return list[unit_rng_below(r, n)];
}

static const int edge_values[] = {
    0,	    -1,	     1,	      2,       64,     65,   255,    256,
    0xffff, 0x10000, INT_MIN, INT_MAX, -65536, 0x7f, 0x137f, 17};

static void random_event(struct unit_rng *r, const struct core *c,
			 struct event *ev)
{
	unsigned roll = unit_rng_below(r, 100);
	ev->pid = 0;
	ev->value = 0;
	if (c->phase == PHASE_STARTING && roll < 90) {
		if (unit_rng_below(r, 10) < 7) {
			ev->kind = EV_SPAWNED;
			ev->pid = unit_rng_below(r, 10) < 8
				      ? 2 + (int)unit_rng_below(r, 4194303)
				      : random_pick(r, edge_values, 16);
		} else {
			ev->kind = EV_SPAWN_FAILED;
			ev->value = unit_rng_below(r, 2)
					? random_pick(r, edge_values, 16)
					: (int)unit_rng_below(r, 300);
		}
		return;
	}
	if (roll < 40) {
		ev->kind = EV_SIGNAL;
		ev->value = unit_rng_below(r, 100) < 90
				? 1 + (int)unit_rng_below(r, 64)
				: random_pick(r, edge_values, 16);
	} else if (roll < 70) {
		ev->kind = EV_CHILD_EXITED;
		ev->pid = unit_rng_below(r, 2)
			      ? c->command_pid
			      : 2 + (int)unit_rng_below(r, 1000);
		unsigned how = unit_rng_below(r, 10);
		if (how < 3)
			ev->value = (int)unit_rng_below(r, 256) << 8;
		else if (how < 5)
			ev->value = 1 + (int)unit_rng_below(r, 64) +
				    (int)unit_rng_below(r, 2) * 0x80;
		else if (how < 9)
			ev->value = (int)unit_rng_below(r, 65536);
		else
			ev->value = random_pick(r, edge_values, 16);
	} else if (roll < 80) {
		ev->kind = EV_NO_CHILDREN;
	} else if (roll < 90) {
		ev->kind = EV_TIMER;
	} else if (roll < 94) {
		ev->kind = EV_SPAWNED;
		ev->pid = 2 + (int)unit_rng_below(r, 1000);
	} else if (roll < 97) {
		ev->kind = EV_SPAWN_FAILED;
		ev->value = 127;
	} else {
		ev->kind = random_pick(r, edge_values, 16);
		if (ev->kind >= EV_SPAWNED && ev->kind <= EV_TIMER)
			ev->kind = 6;
	}
}

static void random_setup(struct unit_rng *r, struct setup *s)
{
	setup_from_bits(s, unit_rng_below(r, NSETUPS));
	static const int seconds[] = {0, 1, 5, 30, HINIT_MAX_SECONDS};
	s->cfg.grace_seconds = random_pick(r, seconds, 5);
	s->cfg.reboot_delay_seconds = random_pick(r, seconds, 5);
	/* Random rewrites as --rewrite allows them (TO 0..64). */
	for (int k = unit_rng_below(r, 6); k > 0; k--) {
		int from = 1 + (int)unit_rng_below(r, 64);
		if (from != SIGKILL_ && from != 19 && from != SIGCHLD_)
			s->cfg.rewrite[from] =
			    (unsigned char)unit_rng_below(r, 65);
	}
	for (int k = unit_rng_below(r, 4); k > 0; k--)
		s->cfg.remap_exit[unit_rng_below(r, 256)] = 1;
}

static void run_and_check(struct core *c, struct model *m, struct trace *t,
			  const struct event *ev, const char *context)
{
	struct actions out;
	int before = c->phase;
	step_both(c, m, ev, &out, context);
	check_step(t, c, before, ev, &out);
}

/* Thousands of random lives, deterministic seed: the model and the
 * invariants at every step, and each life ends exactly once. */
static void test_random_sequences(void **state)
{
	(void)state;
	struct unit_rng rng;
	unit_rng_seed(&rng, 0x68696e6974ULL); /* "hinit" */
	int finished = 0;
	long steps = 0;
	for (int run = 0; run < 50000; run++) {
		struct setup s;
		random_setup(&rng, &s);
		char context[64];
		snprintf(context, sizeof context, "random run %d", run);
		struct core c;
		struct model m;
		struct trace t;
		core_init(&c, &s.cfg, s.pid1, s.can_reboot);
		model_init(&m, &s.cfg, s.pid1, s.can_reboot);
		trace_init(&t, &s);
		int length = 1 + (int)unit_rng_below(&rng, 80);
		for (int i = 0; i < length; i++) {
			struct event ev;
			random_event(&rng, &c, &ev);
			run_and_check(&c, &m, &t, &ev, context);
			steps++;
		}
		/* Then the way every life ends: the command exits, the
		 * timers fire, nothing is left. */
		const struct event ending[] = {
		    {EV_SPAWN_FAILED, 0, 1},
		    {EV_CHILD_EXITED, c.command_pid, 7 << 8},
		    {EV_TIMER, 0, 0},
		    {EV_NO_CHILDREN, 0, 0},
		    {EV_TIMER, 0, 0},
		};
		for (unsigned i = 0; i < sizeof ending / sizeof ending[0];
		     i++) {
			run_and_check(&c, &m, &t, &ending[i], context);
			steps++;
		}
		assert_int_equal(c.phase, PHASE_DONE);
		assert_int_equal(t.exits + t.reboots, 1);
		assert_int_equal(t.reboots, t.node);
		assert_int_equal(t.syncs, t.node);
		assert_true(t.term && t.cont);
		assert_int_equal(t.unavailable_logs, t.why != NODE_OK);
		finished++;
	}
	print_message("  %d random lives, %ld steps\n", finished, steps);
}

/* One long life: hundreds of thousands of signals and orphans while the
 * command runs, then its end. */
static void test_long_sequence(void **state)
{
	(void)state;
	struct unit_rng rng;
	unit_rng_seed(&rng, 42);
	for (int variant = 0; variant < 4; variant++) {
		struct setup s;
		setup_from_bits(&s, variant == 0   ? 0x1 /* container */
				    : variant == 1 ? 0x6 /* node, PID 1 */
				    : variant == 2 ? 0x119
						   : 0x0);
		struct core c;
		struct model m;
		struct trace t;
		core_init(&c, &s.cfg, s.pid1, s.can_reboot);
		model_init(&m, &s.cfg, s.pid1, s.can_reboot);
		trace_init(&t, &s);
		const struct event spawned = {EV_SPAWNED, 4242, 0};
		run_and_check(&c, &m, &t, &spawned, "long");
		int forwards = 0;
		for (int i = 0; i < 200000; i++) {
			struct event ev = {EV_SIGNAL, 0, 0};
			if (unit_rng_below(&rng, 3) == 0) {
				ev.kind = EV_CHILD_EXITED;
				ev.pid = 4243 + (int)unit_rng_below(&rng, 1000);
				ev.value = (int)unit_rng_below(&rng, 65536);
			} else {
				ev.value = 1 + (int)unit_rng_below(&rng, 64);
			}
			int before = c.phase;
			struct actions out;
			step_both(&c, &m, &ev, &out, "long");
			check_step(&t, &c, before, &ev, &out);
			forwards +=
			    out.count > 0 && out.list[0].kind == ACT_SIGNAL;
			assert_int_equal(c.phase, PHASE_RUNNING);
		}
		assert_true(forwards > 100000);
		const struct event end[] = {
		    {EV_CHILD_EXITED, 4242, 0x8b},
		    {EV_TIMER, 0, 0},
		    {EV_NO_CHILDREN, 0, 0},
		    {EV_TIMER, 0, 0},
		};
		for (unsigned i = 0; i < sizeof end / sizeof end[0]; i++)
			run_and_check(&c, &m, &t, &end[i], "long");
		assert_int_equal(c.phase, PHASE_DONE);
		assert_int_equal(t.exits + t.reboots, 1);
	}
}

int unit_core_model_tests(int *run)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_event_in_every_phase),
	    cmocka_unit_test(test_random_sequences),
	    cmocka_unit_test(test_long_sequence),
	};
	*run = sizeof tests / sizeof tests[0];
	return cmocka_run_group_tests_name("core_model", tests, 0, 0);
}
