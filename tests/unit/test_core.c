/* test_core.c - core_step, scenario by scenario, with the exact actions.
 *
 * Each STEP feeds one event and names every action that must come out,
 * in order (kind, target, value, extra), and the phase after it.  The
 * model in test_core_model.c then covers every event in every phase of
 * every configuration; these scenarios pin the model to the spec. */
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

/* Linux numbers, written out so the test does not lean on a libc. */
enum {
	HUP = 1,
	INT = 2,
	KILL = 9,
	USR1 = 10,
	SEGV = 11,
	USR2 = 12,
	TERM = 15,
	CHLD = 17,
	CONT = 18,
	STOP = 19,
	TSTP = 20,
	TTIN = 21,
	TTOU = 22,
	RTMIN = 34,
};

/* Events. */
#define SPAWNED(pid) EV_SPAWNED, pid, 0
#define SPAWN_FAILED(code) EV_SPAWN_FAILED, 0, code
#define SIGNAL(sig) EV_SIGNAL, 0, sig
#define EXITED(pid, raw) EV_CHILD_EXITED, pid, raw
#define NO_CHILDREN EV_NO_CHILDREN, 0, 0
#define TIMER EV_TIMER, 0, 0
#define RAW(kind, pid, value) kind, pid, value

/* Actions. */
#define SIG(target, sig)                                                       \
	{                                                                      \
		ACT_SIGNAL, target, sig, 0                                     \
	}
#define ALL(sig)                                                               \
	{                                                                      \
		ACT_SIGNAL_ALL, 0, sig, 0                                      \
	}
#define KIDS(sig)                                                              \
	{                                                                      \
		ACT_SIGNAL_CHILDREN, 0, sig, 0                                 \
	}
#define REAP                                                                   \
	{                                                                      \
		ACT_REAP, 0, 0, 0                                              \
	}
#define ARM(seconds)                                                           \
	{                                                                      \
		ACT_ARM_TIMER, 0, seconds, 0                                   \
	}
#define SYNC                                                                   \
	{                                                                      \
		ACT_SYNC, 0, 0, 0                                              \
	}
#define REBOOT(how)                                                            \
	{                                                                      \
		ACT_REBOOT, 0, how, 0                                          \
	}
#define EXIT(code)                                                             \
	{                                                                      \
		ACT_EXIT, 0, code, 0                                           \
	}
#define LOG(msg, value, extra)                                                 \
	{                                                                      \
		ACT_LOG, LOG_##msg, value, extra                               \
	}

static void step_(struct core *c, struct event ev, int phase,
		  const struct action *want, int n, int line)
{
	struct actions out, expected;
	/* Garbage in the buffer: the core must set count itself. */
	memset(&out, 0xa5, sizeof out);
	core_step(c, &ev, &out);
	memset(&expected, 0, sizeof expected);
	expected.count = n;
	if (n)
		memcpy(expected.list, want, (size_t)n * sizeof *want);
	if (!unit_actions_equal(&out, &expected) || c->phase != phase) {
		char got_text[1024], want_text[1024];
		unit_format_actions(got_text, sizeof got_text, &out);
		unit_format_actions(want_text, sizeof want_text, &expected);
		print_error("line %d: event (%d,%d,%d)\n"
			    "  got  phase %d: %s\n  want phase %d: %s\n",
			    line, ev.kind, ev.pid, ev.value, c->phase, got_text,
			    phase, want_text);
		fail();
	}
}

#define ACTIONS(...)                                                           \
	(const struct action[])                                                \
	{                                                                      \
		__VA_ARGS__                                                    \
	}
#define COUNT(...) ((int)(sizeof ACTIONS(__VA_ARGS__) / sizeof(struct action)))
#define STEP(c, ev, phase, ...)                                                \
	step_(c, (struct event){ev}, PHASE_##phase, ACTIONS(__VA_ARGS__),      \
	      COUNT(__VA_ARGS__), __LINE__)
#define STEP0(c, ev, phase)                                                    \
	step_(c, (struct event){ev}, PHASE_##phase, 0, 0, __LINE__)

static struct core start(int mode, int is_pid1, int can_reboot,
			 struct hinit_config *cfg)
{
	struct hinit_config def;
	if (!cfg) {
		unit_config(&def);
		cfg = &def;
	}
	cfg->mode = mode;
	struct core c;
	memset(&c, 0x5a, sizeof c);
	core_init(&c, cfg, is_pid1, can_reboot);
	assert_int_equal(c.phase, PHASE_STARTING);
	return c;
}

static void test_init(void **state)
{
	(void)state;
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.grace_seconds = 7;
	static const struct {
		int mode, pid1, can_reboot, node, why;
	} cases[] = {
	    {MODE_NODE, 1, 1, 1, NODE_OK},
	    {MODE_NODE, 0, 1, 0, NODE_NOT_PID1},
	    {MODE_NODE, 0, 0, 0, NODE_NOT_PID1},
	    {MODE_NODE, 1, 0, 0, NODE_NO_CAP_SYS_BOOT},
	    {MODE_CONTAINER, 1, 1, 0, NODE_OK},
	    {MODE_CONTAINER, 1, 0, 0, NODE_OK},
	    {MODE_CONTAINER, 0, 0, 0, NODE_OK},
	    {MODE_CONTAINER, 0, 1, 0, NODE_OK},
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct core c = start(cases[i].mode, cases[i].pid1 ? 5 : 0,
				      cases[i].can_reboot ? 9 : 0, &cfg);
		assert_int_equal(c.is_pid1, cases[i].pid1);
		assert_int_equal(c.node, cases[i].node);
		assert_int_equal(c.node_unavailable, cases[i].why);
		assert_int_equal(c.command_pid, 0);
		assert_int_equal(c.exit_code, 0);
		assert_int_equal(c.stopped, 0);
		assert_int_equal(c.cfg.grace_seconds, 7);
		assert_memory_equal(c.cfg.rewrite, cfg.rewrite,
				    sizeof cfg.rewrite);
	}
}

/* SIGCHLD is never forwarded: it only asks for a reap, in every phase. */
static void test_sigchld_only_reaps(void **state)
{
	(void)state;
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.verbose = 1;
	cfg.rewrite[CHLD] = TERM; /* not reachable by --rewrite anyway */
	struct core c = start(MODE_NODE, 1, 1, &cfg);
	STEP(&c, SIGNAL(CHLD), STARTING, REAP);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, SIGNAL(CHLD), RUNNING, REAP);
	STEP(&c, EXITED(100, 1 << 8), GRACE, LOG(COMMAND_EXITED, 1, 1),
	     LOG(TERMINATING, 5, 0), ALL(TERM), ALL(CONT), ARM(5), REAP);
	STEP(&c, SIGNAL(CHLD), GRACE, REAP);
	STEP(&c, TIMER, KILLING, LOG(KILLING, 5, 0), ALL(KILL), REAP);
	STEP(&c, SIGNAL(CHLD), KILLING, REAP);
	STEP(&c, NO_CHILDREN, DELAY, SYNC, LOG(REBOOT_DELAY, 30, 1), ARM(30));
	STEP(&c, SIGNAL(CHLD), DELAY, REAP);
	STEP(&c, TIMER, DONE, LOG(REBOOTING, ON_EXIT_REBOOT, 0),
	     REBOOT(ON_EXIT_REBOOT));
	STEP(&c, SIGNAL(CHLD), DONE, REAP);
}

/* Container, not PID 1: the whole life, with stray events at each phase. */
static void test_container_not_pid1(void **state)
{
	(void)state;
	struct core c = start(MODE_CONTAINER, 0, 0, 0);
	STEP0(&c, SIGNAL(TERM), STARTING); /* nothing to forward to yet */
	STEP0(&c, TIMER, STARTING);
	STEP0(&c, NO_CHILDREN, STARTING);
	STEP0(&c, EXITED(100, 0), STARTING);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, SIGNAL(TERM), RUNNING, SIG(-100, TERM));
	STEP(&c, SIGNAL(INT), RUNNING, SIG(-100, INT));
	STEP(&c, SIGNAL(HUP), RUNNING, SIG(-100, HUP));
	STEP(&c, SIGNAL(SEGV), RUNNING, SIG(-100, SEGV));
	STEP(&c, SIGNAL(KILL), RUNNING, SIG(-100, KILL));
	STEP(&c, SIGNAL(32), RUNNING, SIG(-100, 32));
	STEP(&c, SIGNAL(33), RUNNING, SIG(-100, 33));
	STEP(&c, SIGNAL(RTMIN), RUNNING, SIG(-100, RTMIN));
	STEP(&c, SIGNAL(64), RUNNING, SIG(-100, 64));
	STEP0(&c, EXITED(555, 0), RUNNING); /* an orphan */
	STEP0(&c, EXITED(-100, 0), RUNNING);
	STEP0(&c, NO_CHILDREN, RUNNING);
	STEP0(&c, TIMER, RUNNING);
	STEP0(&c, SPAWNED(200), RUNNING);
	STEP0(&c, SPAWN_FAILED(127), RUNNING);
	assert_int_equal(c.command_pid, 100);
	STEP(&c, EXITED(100, 42 << 8), GRACE, SIG(-100, TERM), KIDS(TERM),
	     SIG(-100, CONT), KIDS(CONT), ARM(5), REAP);
	assert_int_equal(c.exit_code, 42);
	STEP0(&c, SIGNAL(TERM), GRACE); /* nothing to forward to any more */
	STEP0(&c, SIGNAL(INT), GRACE);
	STEP0(&c, EXITED(101, 9), GRACE);
	STEP0(&c, EXITED(100, 0), GRACE); /* a reused pid: not the command */
	STEP0(&c, SPAWNED(300), GRACE);
	STEP0(&c, SPAWN_FAILED(1), GRACE);
	STEP(&c, NO_CHILDREN, DONE, EXIT(42));
	STEP0(&c, TIMER, DONE);
	STEP0(&c, NO_CHILDREN, DONE);
	STEP0(&c, SIGNAL(TERM), DONE);
	STEP0(&c, EXITED(100, 0), DONE);
	STEP0(&c, SPAWNED(100), DONE);
	STEP0(&c, SPAWN_FAILED(2), DONE);
}

/* Container as PID 1: kill(-1) only once the command is gone. */
static void test_container_pid1_grace_then_kill(void **state)
{
	(void)state;
	struct core c = start(MODE_CONTAINER, 1, 1, 0);
	STEP(&c, SPAWNED(7), RUNNING, REAP);
	STEP(&c, SIGNAL(TERM), RUNNING, SIG(-7, TERM));
	STEP(&c, EXITED(7, KILL), GRACE, ALL(TERM), ALL(CONT), ARM(5), REAP);
	STEP0(&c, EXITED(8, 0), GRACE);
	STEP(&c, TIMER, KILLING, LOG(KILLING, 5, 0), ALL(KILL), REAP);
	STEP0(&c, EXITED(9, 0), KILLING); /* PID 1: kill(-1) got it all */
	STEP0(&c, TIMER, KILLING);
	STEP0(&c, SIGNAL(TERM), KILLING);
	STEP(&c, NO_CHILDREN, DONE, EXIT(137));
}

/* Node mode for real: logs, sync, reboot delay after a failure, reboot. */
static void test_node_failure_waits_then_reboots(void **state)
{
	(void)state;
	struct core c = start(MODE_NODE, 1, 1, 0);
	STEP(&c, SPAWNED(50), RUNNING, REAP); /* no "unavailable" log */
	STEP(&c, SIGNAL(TERM), RUNNING, SIG(-50, TERM));
	STEP(&c, EXITED(50, 3 << 8), GRACE, LOG(COMMAND_EXITED, 3, 3),
	     ALL(TERM), ALL(CONT), ARM(5), REAP);
	STEP(&c, TIMER, KILLING, LOG(KILLING, 5, 0), ALL(KILL), REAP);
	STEP0(&c, EXITED(60, 9), KILLING);
	STEP(&c, NO_CHILDREN, DELAY, SYNC, LOG(REBOOT_DELAY, 30, 3), ARM(30));
	STEP(&c, SIGNAL(CHLD), DELAY, REAP);
	STEP0(&c, EXITED(61, 0), DELAY);
	STEP0(&c, NO_CHILDREN, DELAY);
	STEP0(&c, SIGNAL(INT), DELAY);
	STEP0(&c, SPAWNED(62), DELAY);
	STEP(&c, TIMER, DONE, LOG(REBOOTING, ON_EXIT_REBOOT, 0),
	     REBOOT(ON_EXIT_REBOOT));
	/* If reboot() fails hinit stays, reaping: nothing more to decide. */
	STEP0(&c, TIMER, DONE);
	STEP0(&c, NO_CHILDREN, DONE);
	STEP(&c, SIGNAL(CHLD), DONE, REAP);
	STEP0(&c, SIGNAL(TERM), DONE);
}

static void test_node_success_reboots_at_once(void **state)
{
	(void)state;
	static const int hows[] = {ON_EXIT_REBOOT, ON_EXIT_POWEROFF,
				   ON_EXIT_HALT};
	for (int i = 0; i < 3; i++) {
		struct hinit_config cfg;
		unit_config(&cfg);
		cfg.on_exit = hows[i];
		/* --remap-exit is for containers: a node still reports 3. */
		cfg.remap_exit[3] = 1;
		cfg.remap_exit[0] = 1;
		struct core c = start(MODE_NODE, 1, 1, &cfg);
		STEP(&c, SPAWNED(50), RUNNING, REAP);
		STEP(&c, EXITED(50, 0), GRACE, LOG(COMMAND_EXITED, 0, 0),
		     ALL(TERM), ALL(CONT), ARM(5), REAP);
		/* No child left: no SIGKILL, no waiting out the grace. */
		STEP(&c, NO_CHILDREN, DONE, SYNC, LOG(REBOOTING, hows[i], 0),
		     REBOOT(hows[i]));
		STEP0(&c, TIMER, DONE);

		c = start(MODE_NODE, 1, 1, &cfg);
		STEP(&c, SPAWNED(50), RUNNING, REAP);
		STEP(&c, EXITED(50, 3 << 8), GRACE, LOG(COMMAND_EXITED, 3, 3),
		     ALL(TERM), ALL(CONT), ARM(5), REAP);
		STEP(&c, NO_CHILDREN, DELAY, SYNC, LOG(REBOOT_DELAY, 30, 3),
		     ARM(30));
		STEP(&c, TIMER, DONE, LOG(REBOOTING, hows[i], 0),
		     REBOOT(hows[i]));
	}
}

static void test_node_killed_command_and_zero_delay(void **state)
{
	(void)state;
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.reboot_delay_seconds = 0;
	struct core c = start(MODE_NODE, 1, 1, &cfg);
	STEP(&c, SPAWNED(50), RUNNING, REAP);
	STEP(&c, EXITED(50, 0x80 | SEGV), GRACE, LOG(COMMAND_KILLED, SEGV, 139),
	     ALL(TERM), ALL(CONT), ARM(5), REAP);
	STEP(&c, NO_CHILDREN, DONE, SYNC, LOG(REBOOTING, ON_EXIT_REBOOT, 0),
	     REBOOT(ON_EXIT_REBOOT));

	/* Odd status on a node: logged, 255, delay. */
	c = start(MODE_NODE, 1, 1, 0);
	STEP(&c, SPAWNED(50), RUNNING, REAP);
	STEP(&c, EXITED(50, 0x137f), GRACE,
	     LOG(COMMAND_ODD_STATUS, 0x137f, 255), ALL(TERM), ALL(CONT), ARM(5),
	     REAP);
	STEP(&c, NO_CHILDREN, DELAY, SYNC, LOG(REBOOT_DELAY, 30, 255), ARM(30));

	/* Longest delay and grace. */
	cfg.grace_seconds = HINIT_MAX_SECONDS;
	cfg.reboot_delay_seconds = HINIT_MAX_SECONDS;
	c = start(MODE_NODE, 1, 1, &cfg);
	STEP(&c, SPAWNED(50), RUNNING, REAP);
	STEP(&c, EXITED(50, 1 << 8), GRACE, LOG(COMMAND_EXITED, 1, 1),
	     ALL(TERM), ALL(CONT), ARM(HINIT_MAX_SECONDS), REAP);
	STEP(&c, TIMER, KILLING, LOG(KILLING, HINIT_MAX_SECONDS, 0), ALL(KILL),
	     REAP);
	STEP(&c, NO_CHILDREN, DELAY, SYNC,
	     LOG(REBOOT_DELAY, HINIT_MAX_SECONDS, 1), ARM(HINIT_MAX_SECONDS));
}

/* Node asked for, but not PID 1: says so once, never kill(-1), never
 * sync or reboot, exits with the status (remapped like a container). */
static void test_node_not_pid1(void **state)
{
	(void)state;
	for (int can_reboot = 0; can_reboot <= 1; can_reboot++) {
		struct hinit_config cfg;
		unit_config(&cfg);
		cfg.remap_exit[143] = 1;
		struct core c = start(MODE_NODE, 0, can_reboot, &cfg);
		STEP(&c, SPAWNED(100), RUNNING,
		     LOG(NODE_UNAVAILABLE, NODE_NOT_PID1, 0), REAP);
		STEP0(&c, SPAWNED(101), RUNNING); /* said once */
		STEP(&c, SIGNAL(INT), RUNNING, SIG(-100, INT));
		/* Quiet like a container: no status log without -v. */
		STEP(&c, EXITED(100, 1 << 8), GRACE, SIG(-100, TERM),
		     KIDS(TERM), SIG(-100, CONT), KIDS(CONT), ARM(5), REAP);
		STEP(&c, TIMER, KILLING, LOG(KILLING, 5, 0), SIG(-100, KILL),
		     KIDS(KILL), REAP);
		STEP(&c, EXITED(300, 0), KILLING, KIDS(KILL));
		STEP(&c, NO_CHILDREN, DONE, EXIT(1));

		c = start(MODE_NODE, 0, can_reboot, &cfg);
		STEP(&c, SPAWNED(100), RUNNING,
		     LOG(NODE_UNAVAILABLE, NODE_NOT_PID1, 0), REAP);
		STEP(&c, EXITED(100, TERM), GRACE, SIG(-100, TERM), KIDS(TERM),
		     SIG(-100, CONT), KIDS(CONT), ARM(5), REAP);
		STEP(&c, NO_CHILDREN, DONE, EXIT(0)); /* 143 remapped */
	}
}

static void test_node_without_cap_sys_boot(void **state)
{
	(void)state;
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.remap_exit[2] = 1;
	struct core c = start(MODE_NODE, 1, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING,
	     LOG(NODE_UNAVAILABLE, NODE_NO_CAP_SYS_BOOT, 0), REAP);
	STEP(&c, EXITED(100, 4 << 8), GRACE, ALL(TERM), ALL(CONT), ARM(5),
	     REAP);
	STEP(&c, TIMER, KILLING, LOG(KILLING, 5, 0), ALL(KILL), REAP);
	STEP(&c, NO_CHILDREN, DONE, EXIT(4));

	/* Bad arguments as PID 1 without the capability: exit 2, remapped. */
	c = start(MODE_NODE, 1, 0, &cfg);
	STEP(&c, SPAWN_FAILED(HINIT_EXIT_USAGE), GRACE,
	     LOG(NODE_UNAVAILABLE, NODE_NO_CAP_SYS_BOOT, 0), ALL(TERM),
	     ALL(CONT), ARM(5), REAP);
	STEP(&c, NO_CHILDREN, DONE, EXIT(0));
}

/* A stopped command gets SIGCONT after SIGTERM, or it would never end. */
static void test_stop_then_term(void **state)
{
	(void)state;
	for (int single = 0; single <= 1; single++) {
		struct hinit_config cfg;
		unit_config(&cfg);
		cfg.single_child = single;
		int t = single ? 100 : -100;
		struct core c = start(MODE_CONTAINER, 0, 0, &cfg);
		STEP(&c, SPAWNED(100), RUNNING, REAP);
		STEP(&c, SIGNAL(TERM), RUNNING, SIG(t, TERM));
		STEP(&c, SIGNAL(TSTP), RUNNING, SIG(t, TSTP));
		STEP(&c, SIGNAL(TERM), RUNNING, SIG(t, TERM), SIG(t, CONT));
		STEP(&c, SIGNAL(TERM), RUNNING, SIG(t, TERM));
		/* A stop then CONT: nothing extra. */
		STEP(&c, SIGNAL(TTIN), RUNNING, SIG(t, TTIN));
		STEP(&c, SIGNAL(CONT), RUNNING, SIG(t, CONT));
		STEP(&c, SIGNAL(TERM), RUNNING, SIG(t, TERM));
		/* Every stop signal; several stops, one CONT; other signals
		 * in between do not resume it. */
		STEP(&c, SIGNAL(TTOU), RUNNING, SIG(t, TTOU));
		STEP(&c, SIGNAL(TERM), RUNNING, SIG(t, TERM), SIG(t, CONT));
		STEP(&c, SIGNAL(STOP), RUNNING, SIG(t, STOP));
		STEP(&c, SIGNAL(TSTP), RUNNING, SIG(t, TSTP));
		STEP(&c, SIGNAL(INT), RUNNING, SIG(t, INT));
		STEP(&c, SIGNAL(USR1), RUNNING, SIG(t, USR1));
		STEP(&c, SIGNAL(TERM), RUNNING, SIG(t, TERM), SIG(t, CONT));
		STEP(&c, SIGNAL(TERM), RUNNING, SIG(t, TERM));
		/* Stopped at the end: the end path sends CONT anyway. */
		STEP(&c, SIGNAL(TSTP), RUNNING, SIG(t, TSTP));
		if (single)
			STEP(&c, EXITED(100, 0), GRACE, KIDS(TERM), KIDS(CONT),
			     ARM(5), REAP);
		else
			STEP(&c, EXITED(100, 0), GRACE, SIG(-100, TERM),
			     KIDS(TERM), SIG(-100, CONT), KIDS(CONT), ARM(5),
			     REAP);
	}
}

/* --single-child: the command alone, never its group. */
static void test_single_child(void **state)
{
	(void)state;
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.single_child = 1;
	cfg.grace_seconds = 0;
	struct core c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, SIGNAL(TERM), RUNNING, SIG(100, TERM));
	STEP(&c, SIGNAL(64), RUNNING, SIG(100, 64));
	STEP(&c, EXITED(100, 5 << 8), KILLING, KIDS(TERM), KIDS(CONT),
	     KIDS(KILL), REAP);
	STEP(&c, EXITED(101, 0), KILLING, KIDS(KILL));
	STEP0(&c, TIMER, KILLING);
	STEP(&c, NO_CHILDREN, DONE, EXIT(5));

	/* As PID 1 the end path is kill(-1) all the same. */
	c = start(MODE_CONTAINER, 1, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, SIGNAL(USR1), RUNNING, SIG(100, USR1));
	STEP(&c, EXITED(100, 0), KILLING, ALL(TERM), ALL(CONT), ALL(KILL),
	     REAP);
	STEP0(&c, EXITED(101, 0), KILLING);
	STEP(&c, NO_CHILDREN, DONE, EXIT(0));
}

/* -v: every forward, drop, reap and end step is logged. */
static void test_verbose(void **state)
{
	(void)state;
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.verbose = 1;
	cfg.rewrite[HUP] = 0;
	cfg.rewrite[USR1] = USR2;
	struct core c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SIGNAL(TERM), STARTING, LOG(SIGNAL_DROPPED, TERM, 0));
	STEP(&c, EXITED(99, 0), STARTING, LOG(CHILD_REAPED, 0, 99));
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, SIGNAL(TERM), RUNNING, SIG(-100, TERM),
	     LOG(FORWARDED, TERM, -100));
	STEP(&c, SIGNAL(USR1), RUNNING, SIG(-100, USR2),
	     LOG(FORWARDED, USR2, -100));
	STEP(&c, SIGNAL(HUP), RUNNING, LOG(SIGNAL_DROPPED, HUP, 0));
	STEP(&c, SIGNAL(0), RUNNING, LOG(SIGNAL_DROPPED, 0, 0));
	STEP(&c, SIGNAL(65), RUNNING, LOG(SIGNAL_DROPPED, 65, 0));
	STEP(&c, SIGNAL(TSTP), RUNNING, SIG(-100, TSTP),
	     LOG(FORWARDED, TSTP, -100));
	STEP(&c, SIGNAL(TERM), RUNNING, SIG(-100, TERM),
	     LOG(FORWARDED, TERM, -100), SIG(-100, CONT));
	STEP(&c, SIGNAL(CHLD), RUNNING, REAP);
	STEP(&c, EXITED(300, 0), RUNNING, LOG(CHILD_REAPED, 0, 300));
	STEP(&c, EXITED(100, 0x80 | SEGV), GRACE,
	     LOG(COMMAND_KILLED, SEGV, 139), LOG(TERMINATING, 5, 0),
	     SIG(-100, TERM), KIDS(TERM), SIG(-100, CONT), KIDS(CONT), ARM(5),
	     REAP);
	STEP(&c, SIGNAL(TERM), GRACE, LOG(SIGNAL_DROPPED, TERM, 0));
	STEP(&c, EXITED(301, 1 << 8), GRACE, LOG(CHILD_REAPED, 256, 301));
	STEP(&c, TIMER, KILLING, LOG(KILLING, 5, 0), SIG(-100, KILL),
	     KIDS(KILL), REAP);
	STEP(&c, EXITED(302, KILL), KILLING, LOG(CHILD_REAPED, KILL, 302),
	     KIDS(KILL));
	STEP(&c, NO_CHILDREN, DONE, LOG(EXITING, 139, 0), EXIT(139));
	STEP(&c, SIGNAL(TERM), DONE, LOG(SIGNAL_DROPPED, TERM, 0));

	/* Verbose node: same end logs plus the node's own. */
	c = start(MODE_NODE, 1, 1, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, SIGNAL(INT), RUNNING, SIG(-100, INT),
	     LOG(FORWARDED, INT, -100));
	STEP(&c, EXITED(100, 7 << 8), GRACE, LOG(COMMAND_EXITED, 7, 7),
	     LOG(TERMINATING, 5, 0), ALL(TERM), ALL(CONT), ARM(5), REAP);
	STEP(&c, EXITED(101, 0), GRACE, LOG(CHILD_REAPED, 0, 101));
	STEP(&c, NO_CHILDREN, DELAY, SYNC, LOG(REBOOT_DELAY, 30, 7), ARM(30));
	STEP(&c, TIMER, DONE, LOG(REBOOTING, ON_EXIT_REBOOT, 0),
	     REBOOT(ON_EXIT_REBOOT));
}

/* --grace 0: SIGKILL right after SIGTERM and SIGCONT, no timer. */
static void test_grace_zero(void **state)
{
	(void)state;
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.grace_seconds = 0;
	struct core c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, EXITED(100, 0), KILLING, SIG(-100, TERM), KIDS(TERM),
	     SIG(-100, CONT), KIDS(CONT), SIG(-100, KILL), KIDS(KILL), REAP);
	STEP0(&c, TIMER, KILLING);
	STEP(&c, NO_CHILDREN, DONE, EXIT(0));

	c = start(MODE_NODE, 1, 1, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, EXITED(100, 0), KILLING, LOG(COMMAND_EXITED, 0, 0), ALL(TERM),
	     ALL(CONT), ALL(KILL), REAP);
	STEP(&c, NO_CHILDREN, DONE, SYNC, LOG(REBOOTING, ON_EXIT_REBOOT, 0),
	     REBOOT(ON_EXIT_REBOOT));

	/* Verbose: the TERMINATING log, no KILLING log (no grace ended). */
	cfg.verbose = 1;
	c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, EXITED(100, 0), KILLING, LOG(COMMAND_EXITED, 0, 0),
	     LOG(TERMINATING, 0, 0), SIG(-100, TERM), KIDS(TERM),
	     SIG(-100, CONT), KIDS(CONT), SIG(-100, KILL), KIDS(KILL), REAP);
}

/* No child left during the grace: finish at once, no SIGKILL. */
static void test_no_children_in_grace(void **state)
{
	(void)state;
	struct core c = start(MODE_CONTAINER, 0, 0, 0);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, EXITED(100, 9 << 8), GRACE, SIG(-100, TERM), KIDS(TERM),
	     SIG(-100, CONT), KIDS(CONT), ARM(5), REAP);
	STEP(&c, NO_CHILDREN, DONE, EXIT(9));
	STEP0(&c, TIMER, DONE); /* the grace timer may still fire */
}

static void test_spawn_failed(void **state)
{
	(void)state;
	static const struct {
		int value, code;
	} cases[] = {
	    {127, 127},	  {126, 126},	{1, 1},	   {2, 2},
	    {0, 0},	  {255, 255},	{256, 1},  {-1, 1},
	    {INT_MIN, 1}, {INT_MAX, 1}, {1000, 1},
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* Nothing was started: no group to signal. */
		struct core c = start(MODE_CONTAINER, 0, 0, 0);
		STEP(&c, SPAWN_FAILED(cases[i].value), GRACE, KIDS(TERM),
		     KIDS(CONT), ARM(5), REAP);
		assert_int_equal(c.command_pid, 0);
		STEP0(&c, SIGNAL(TERM), GRACE);
		STEP0(&c, SPAWNED(100), GRACE);
		STEP(&c, NO_CHILDREN, DONE, EXIT(cases[i].code));

		c = start(MODE_CONTAINER, 1, 0, 0);
		STEP(&c, SPAWN_FAILED(cases[i].value), GRACE, ALL(TERM),
		     ALL(CONT), ARM(5), REAP);
		STEP(&c, TIMER, KILLING, LOG(KILLING, 5, 0), ALL(KILL), REAP);
		STEP(&c, NO_CHILDREN, DONE, EXIT(cases[i].code));
	}
	/* Remapped like any status. */
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.remap_exit[127] = 1;
	struct core c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SPAWN_FAILED(127), GRACE, KIDS(TERM), KIDS(CONT), ARM(5),
	     REAP);
	STEP(&c, NO_CHILDREN, DONE, EXIT(0));

	/* As PID 1 of a node (bad arguments): sync, delay, reboot; no exit. */
	c = start(MODE_NODE, 1, 1, &cfg);
	STEP(&c, SPAWN_FAILED(HINIT_EXIT_USAGE), GRACE, ALL(TERM), ALL(CONT),
	     ARM(5), REAP);
	STEP(&c, NO_CHILDREN, DELAY, SYNC, LOG(REBOOT_DELAY, 30, 2), ARM(30));
	STEP(&c, TIMER, DONE, LOG(REBOOTING, ON_EXIT_REBOOT, 0),
	     REBOOT(ON_EXIT_REBOOT));

	/* Node not PID 1: the log, then like a container. */
	c = start(MODE_NODE, 0, 1, 0);
	STEP(&c, SPAWN_FAILED(126), GRACE,
	     LOG(NODE_UNAVAILABLE, NODE_NOT_PID1, 0), KIDS(TERM), KIDS(CONT),
	     ARM(5), REAP);
	STEP(&c, NO_CHILDREN, DONE, EXIT(126));
}

/* A spawn that claims pid <= 1 is a failed spawn: never signal 0, -1, 1. */
static void test_spawned_bad_pid(void **state)
{
	(void)state;
	static const int bad[] = {1, 0, -1, -2, -100, INT_MIN};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct core c = start(MODE_CONTAINER, 0, 0, 0);
		STEP(&c, SPAWNED(bad[i]), GRACE, LOG(SPAWN_BAD_PID, bad[i], 0),
		     KIDS(TERM), KIDS(CONT), ARM(5), REAP);
		assert_int_equal(c.command_pid, 0);
		STEP0(&c, SIGNAL(TERM), GRACE);
		STEP0(&c, EXITED(bad[i], 0), GRACE);
		STEP(&c, TIMER, KILLING, LOG(KILLING, 5, 0), KIDS(KILL), REAP);
		STEP(&c, NO_CHILDREN, DONE, EXIT(HINIT_EXIT_SPAWN_FAILED));

		c = start(MODE_NODE, 1, 1, 0);
		STEP(&c, SPAWNED(bad[i]), GRACE, LOG(SPAWN_BAD_PID, bad[i], 0),
		     ALL(TERM), ALL(CONT), ARM(5), REAP);
		STEP(&c, NO_CHILDREN, DELAY, SYNC, LOG(REBOOT_DELAY, 30, 1),
		     ARM(30));
	}
	/* 2 and INT_MAX are real pids. */
	struct core c = start(MODE_CONTAINER, 0, 0, 0);
	STEP(&c, SPAWNED(2), RUNNING, REAP);
	STEP(&c, SIGNAL(TERM), RUNNING, SIG(-2, TERM));
	c = start(MODE_CONTAINER, 0, 0, 0);
	STEP(&c, SPAWNED(INT_MAX), RUNNING, REAP);
	STEP(&c, SIGNAL(TERM), RUNNING, SIG(-INT_MAX, TERM));
	STEP(&c, EXITED(INT_MAX, 0), GRACE, SIG(-INT_MAX, TERM), KIDS(TERM),
	     SIG(-INT_MAX, CONT), KIDS(CONT), ARM(5), REAP);
}

static void test_rewrite(void **state)
{
	(void)state;
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.rewrite[HUP] = 0;
	cfg.rewrite[USR1] = USR2;
	cfg.rewrite[INT] = TERM;
	cfg.rewrite[RTMIN] = RTMIN + 3;
	cfg.rewrite[64] = 32;
	cfg.rewrite[TERM] = 0;
	cfg.rewrite[TTIN] = 0;
	cfg.rewrite[CONT] = 0;
	struct core c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP0(&c, SIGNAL(HUP), RUNNING);
	STEP0(&c, SIGNAL(TERM), RUNNING);
	STEP(&c, SIGNAL(USR1), RUNNING, SIG(-100, USR2));
	STEP(&c, SIGNAL(USR2), RUNNING, SIG(-100, USR2));
	STEP(&c, SIGNAL(RTMIN), RUNNING, SIG(-100, RTMIN + 3));
	STEP(&c, SIGNAL(64), RUNNING, SIG(-100, 32));
	STEP(&c, SIGNAL(INT), RUNNING, SIG(-100, TERM));
	/* A dropped stop does not stop; a dropped CONT does not resume. */
	STEP0(&c, SIGNAL(TTIN), RUNNING);
	STEP(&c, SIGNAL(INT), RUNNING, SIG(-100, TERM));
	STEP(&c, SIGNAL(TSTP), RUNNING, SIG(-100, TSTP));
	STEP0(&c, SIGNAL(CONT), RUNNING);
	/* What goes out is what counts: INT goes out as TERM, so CONT. */
	STEP(&c, SIGNAL(INT), RUNNING, SIG(-100, TERM), SIG(-100, CONT));
	/* The end path is not rewritten: TERM and CONT go out. */
	STEP(&c, EXITED(100, 0), GRACE, SIG(-100, TERM), KIDS(TERM),
	     SIG(-100, CONT), KIDS(CONT), ARM(5), REAP);
}

/* Signals outside 1..64 are never forwarded. */
static void test_out_of_range_signals(void **state)
{
	(void)state;
	static const int bad[] = {0, -1, -15, 65, 128, 1000, INT_MIN, INT_MAX};
	struct hinit_config cfg;
	unit_config(&cfg);
	/* rewrite[0] is unused: even set, signal 0 is not forwarded. */
	cfg.rewrite[0] = TERM;
	struct core c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
		STEP0(&c, SIGNAL(bad[i]), RUNNING);
	cfg.verbose = 1;
	c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
		STEP(&c, SIGNAL(bad[i]), RUNNING,
		     LOG(SIGNAL_DROPPED, bad[i], 0));
	/* Every valid one goes out unchanged. */
	for (int sig = 1; sig <= 64; sig++) {
		if (sig == CHLD)
			continue;
		c = start(MODE_CONTAINER, 0, 0, 0);
		STEP(&c, SPAWNED(100), RUNNING, REAP);
		STEP(&c, SIGNAL(sig), RUNNING, SIG(-100, sig));
	}
}

/* Statuses the kernel should never give for the command: logged even
 * without -v, reported as 255. */
static void test_odd_statuses(void **state)
{
	(void)state;
	static const int odd[] = {0x7f,	   0x137f,  0xffff,  0xff,   -1,
				  0x10000, INT_MIN, INT_MAX, 0x10100};
	for (unsigned i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		struct core c = start(MODE_CONTAINER, 0, 0, 0);
		STEP(&c, SPAWNED(100), RUNNING, REAP);
		STEP(&c, EXITED(100, odd[i]), GRACE,
		     LOG(COMMAND_ODD_STATUS, odd[i], 255), SIG(-100, TERM),
		     KIDS(TERM), SIG(-100, CONT), KIDS(CONT), ARM(5), REAP);
		STEP(&c, NO_CHILDREN, DONE, EXIT(255));
	}
	/* Remapping 255 also covers them. */
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.remap_exit[255] = 1;
	struct core c = start(MODE_CONTAINER, 1, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, EXITED(100, -1), GRACE, LOG(COMMAND_ODD_STATUS, -1, 0),
	     ALL(TERM), ALL(CONT), ARM(5), REAP);
	STEP(&c, NO_CHILDREN, DONE, EXIT(0));
}

static void test_remap(void **state)
{
	(void)state;
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.remap_exit[3] = 1;
	cfg.remap_exit[143] = 1;
	cfg.verbose = 1;
	struct core c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, EXITED(100, 3 << 8), GRACE, LOG(COMMAND_EXITED, 3, 0),
	     LOG(TERMINATING, 5, 0), SIG(-100, TERM), KIDS(TERM),
	     SIG(-100, CONT), KIDS(CONT), ARM(5), REAP);
	STEP(&c, NO_CHILDREN, DONE, LOG(EXITING, 0, 0), EXIT(0));

	c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, EXITED(100, TERM), GRACE, LOG(COMMAND_KILLED, TERM, 0),
	     LOG(TERMINATING, 5, 0), SIG(-100, TERM), KIDS(TERM),
	     SIG(-100, CONT), KIDS(CONT), ARM(5), REAP);
	STEP(&c, NO_CHILDREN, DONE, LOG(EXITING, 0, 0), EXIT(0));

	/* Not remapped: 4 stays 4. */
	c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, EXITED(100, 4 << 8), GRACE, LOG(COMMAND_EXITED, 4, 4),
	     LOG(TERMINATING, 5, 0), SIG(-100, TERM), KIDS(TERM),
	     SIG(-100, CONT), KIDS(CONT), ARM(5), REAP);
	STEP(&c, NO_CHILDREN, DONE, LOG(EXITING, 4, 0), EXIT(4));
}

/* Event kinds that do not exist change nothing, in any phase. */
static void test_unknown_event_kinds(void **state)
{
	(void)state;
	static const int kinds[] = {6, 7, 100, -1, INT_MIN, INT_MAX};
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.verbose = 1;
	struct core c = start(MODE_NODE, 0, 0, &cfg);
	for (unsigned i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		STEP0(&c, RAW(kinds[i], 0, 0), STARTING);
	STEP(&c, SPAWNED(100), RUNNING, LOG(NODE_UNAVAILABLE, NODE_NOT_PID1, 0),
	     REAP);
	for (unsigned i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		STEP0(&c, RAW(kinds[i], 100, 15), RUNNING);
	struct core before = c;
	STEP0(&c, RAW(6, 100, 0), RUNNING);
	assert_memory_equal(&before, &c, sizeof c);
}

/* Which reaped children the core must see, phase by phase: the command
 * while it runs; every child with --verbose, or outside PID 1 once the
 * SIGKILL went out (late orphans get one too); otherwise none. */
static void test_needed_child(void **state)
{
	(void)state;
	struct hinit_config cfg;
	unit_config(&cfg);
	struct core c = start(MODE_CONTAINER, 0, 0, &cfg);
	assert_int_equal(core_needed_child(&c), 0);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	assert_int_equal(core_needed_child(&c), 100);
	STEP0(&c, EXITED(101, 0), RUNNING); /* an orphan: a no-op step */
	STEP(&c, EXITED(100, 0), GRACE, SIG(-100, TERM), KIDS(TERM),
	     SIG(-100, CONT), KIDS(CONT), ARM(5), REAP);
	assert_int_equal(core_needed_child(&c), 0);
	STEP0(&c, EXITED(100, 0), GRACE);
	STEP(&c, TIMER, KILLING, LOG(KILLING, 5, 0), SIG(-100, KILL),
	     KIDS(KILL), REAP);
	assert_int_equal(core_needed_child(&c), CORE_EVERY_CHILD);
	STEP(&c, EXITED(102, 0), KILLING, KIDS(KILL));
	STEP(&c, NO_CHILDREN, DONE, EXIT(0));
	assert_int_equal(core_needed_child(&c), 0);

	/* As PID 1 the SIGKILL reached the whole namespace: none. */
	c = start(MODE_CONTAINER, 1, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	STEP(&c, EXITED(100, 0), GRACE, ALL(TERM), ALL(CONT), ARM(5), REAP);
	STEP(&c, TIMER, KILLING, LOG(KILLING, 5, 0), ALL(KILL), REAP);
	assert_int_equal(core_needed_child(&c), 0);
	STEP0(&c, EXITED(102, 0), KILLING);

	/* A node waiting out its reboot delay: none. */
	c = start(MODE_NODE, 1, 1, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	assert_int_equal(core_needed_child(&c), 100);
	STEP(&c, EXITED(100, 1 << 8), GRACE, LOG(COMMAND_EXITED, 1, 1),
	     ALL(TERM), ALL(CONT), ARM(5), REAP);
	STEP(&c, NO_CHILDREN, DELAY, SYNC, LOG(REBOOT_DELAY, 30, 1), ARM(30));
	assert_int_equal(core_needed_child(&c), 0);

	/* --verbose logs every reap: all of them, in every phase. */
	cfg.verbose = 1;
	c = start(MODE_CONTAINER, 1, 0, &cfg);
	assert_int_equal(core_needed_child(&c), CORE_EVERY_CHILD);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	assert_int_equal(core_needed_child(&c), CORE_EVERY_CHILD);
	STEP(&c, EXITED(101, 0), RUNNING, LOG(CHILD_REAPED, 0, 101));
}

/* When the loop may send a signal without a step: while the command runs
 * and is not stopped, without --verbose, to its group (or its pid with
 * --single-child), as --rewrite says; never SIGCHLD, a dropped signal or
 * one that becomes a stop signal. */
static void test_forward_plain(void **state)
{
	(void)state;
	struct hinit_config cfg;
	unit_config(&cfg);
	cfg.rewrite[SIGINT] = SIGTERM;
	cfg.rewrite[SIGHUP] = 0;
	cfg.rewrite[SIGUSR1] = SIGTSTP;
	struct core c = start(MODE_CONTAINER, 0, 0, &cfg);
	assert_int_equal(core_forward_target(&c), 0);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	assert_int_equal(core_forward_target(&c), -100);
	assert_int_equal(core_forward_value(&c, SIGTERM), SIGTERM);
	assert_int_equal(core_forward_value(&c, SIGINT), SIGTERM);
	assert_int_equal(core_forward_value(&c, SIGCONT), SIGCONT);
	assert_int_equal(core_forward_value(&c, 64), 64);
	assert_int_equal(core_forward_value(&c, SIGHUP), 0);
	assert_int_equal(core_forward_value(&c, SIGUSR1), 0);
	assert_int_equal(core_forward_value(&c, SIGTSTP), 0);
	assert_int_equal(core_forward_value(&c, SIGSTOP), 0);
	assert_int_equal(core_forward_value(&c, SIGCHLD), 0);
	assert_int_equal(core_forward_value(&c, 0), 0);
	assert_int_equal(core_forward_value(&c, 65), 0);
	assert_int_equal(core_forward_value(&c, -1), 0);
	/* Stopped: every signal takes the step until a SIGCONT. */
	STEP(&c, SIGNAL(USR1), RUNNING, SIG(-100, TSTP));
	assert_int_equal(core_forward_target(&c), 0);
	STEP(&c, SIGNAL(CONT), RUNNING, SIG(-100, CONT));
	assert_int_equal(core_forward_target(&c), -100);
	STEP(&c, EXITED(100, 0), GRACE, SIG(-100, TERM), KIDS(TERM),
	     SIG(-100, CONT), KIDS(CONT), ARM(5), REAP);
	assert_int_equal(core_forward_target(&c), 0);

	cfg.single_child = 1;
	c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	assert_int_equal(core_forward_target(&c), 100);

	cfg.verbose = 1;
	c = start(MODE_CONTAINER, 0, 0, &cfg);
	STEP(&c, SPAWNED(100), RUNNING, REAP);
	assert_int_equal(core_forward_target(&c), 0);
}

int unit_core_tests(int *run)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_init),
	    cmocka_unit_test(test_sigchld_only_reaps),
	    cmocka_unit_test(test_container_not_pid1),
	    cmocka_unit_test(test_container_pid1_grace_then_kill),
	    cmocka_unit_test(test_node_failure_waits_then_reboots),
	    cmocka_unit_test(test_node_success_reboots_at_once),
	    cmocka_unit_test(test_node_killed_command_and_zero_delay),
	    cmocka_unit_test(test_node_not_pid1),
	    cmocka_unit_test(test_node_without_cap_sys_boot),
	    cmocka_unit_test(test_stop_then_term),
	    cmocka_unit_test(test_single_child),
	    cmocka_unit_test(test_verbose),
	    cmocka_unit_test(test_grace_zero),
	    cmocka_unit_test(test_no_children_in_grace),
	    cmocka_unit_test(test_spawn_failed),
	    cmocka_unit_test(test_spawned_bad_pid),
	    cmocka_unit_test(test_rewrite),
	    cmocka_unit_test(test_out_of_range_signals),
	    cmocka_unit_test(test_odd_statuses),
	    cmocka_unit_test(test_remap),
	    cmocka_unit_test(test_unknown_event_kinds),
	    cmocka_unit_test(test_needed_child),
	    cmocka_unit_test(test_forward_plain),
	};
	*run = sizeof tests / sizeof tests[0];
	return cmocka_run_group_tests_name("core", tests, 0, 0);
}
