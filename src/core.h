/* core.h - the specification of hinit's decisions.
 *
 * Everything hinit decides is decided by core_step(): an event comes in
 * (a signal, a reaped child, the spawn result, a timer, "no children
 * left"), the state moves on, and a short list of actions comes out.
 * The core makes no system call, has no global and never allocates, so
 * it can be unit tested, fuzzed and proved on its own.  The syscall layer
 * (sys_*.c) turns what the kernel says into events and carries out the
 * actions, deciding nothing.
 *
 * The life of hinit, as phases that only ever move forward:
 *
 *   STARTING --spawned--> RUNNING --command reaped--> GRACE --timer--> KILLING
 *      |                                               |                 |
 *      +--spawn failed--> (end path) ------------------+--no children----+
 *                                                                        v
 *                       node:      sync, [DELAY --timer-->] reboot ---> DONE
 *                       otherwise: exit with the command's status ----> DONE
 *
 * The end path (terminate, grace, kill, reap, sync, delay, reboot or exit)
 * therefore runs once, after the command is gone, in that order.
 */
#ifndef HINIT_CORE_H
#define HINIT_CORE_H

#include <signal.h> /* the signal numbers the predicates below name */

/* Signals hinit knows: the kernel's 1..64 (SIGRTMIN 32 .. SIGRTMAX 64). */
#define HINIT_NSIG 64
/* Longest timer hinit accepts for --grace and --reboot-delay: one year. */
#define HINIT_MAX_SECONDS 31536000
/* What a raw wait status outside the kernel's encodings translates to
 * (a stopped or continued report, or bits above the low 16). */
#define HINIT_EXIT_UNKNOWN_STATUS 255
/* Exit codes for a command hinit could not start, as shells use them. */
#define HINIT_EXIT_NOT_FOUND 127
#define HINIT_EXIT_NOT_EXECUTABLE 126
#define HINIT_EXIT_SPAWN_FAILED 1
#define HINIT_EXIT_USAGE 2

enum hinit_mode {
	MODE_NODE = 0,	    /* PID 1 of a machine: sync and reboot at the end */
	MODE_CONTAINER = 1, /* exit with the command's status at the end */
};

enum hinit_on_exit {
	ON_EXIT_REBOOT = 0,
	ON_EXIT_POWEROFF = 1,
	ON_EXIT_HALT = 2,
};

/* What the command line asked for (args.c fills it). */
struct hinit_config {
	int mode;	   /* enum hinit_mode */
	int on_exit;	   /* enum hinit_on_exit */
	int single_child;  /* 1: signal only the command, no new session */
	int verbose;	   /* 1: log every step */
	int no_seccomp;	   /* 1: do not confine hinit after the spawn */
	int grace_seconds; /* 0..HINIT_MAX_SECONDS */
	int reboot_delay_seconds; /* 0..HINIT_MAX_SECONDS */
	/* rewrite[s] is what signal s is forwarded as (0: dropped);
	 * rewrite[0] is unused.  Identity unless --rewrite says otherwise. */
	unsigned char rewrite[HINIT_NSIG + 1];
	/* remap_exit[c] == 1: exit status c becomes 0 (container end only). */
	unsigned char remap_exit[256];
};

/* Why node mode was asked for but cannot be used. */
enum node_unavailable {
	NODE_OK = 0,
	NODE_NOT_PID1 = 1, /* never reboot the host from a shell */
	NODE_NO_CAP_SYS_BOOT =
	    2, /* PID 1 of a container without reboot rights */
};

enum phase {
	PHASE_STARTING = 0, /* the command is not spawned yet */
	PHASE_RUNNING = 1,  /* the command runs; signals are forwarded to it */
	PHASE_GRACE =
	    2, /* command reaped, SIGTERM sent, waiting for the rest */
	PHASE_KILLING = 3, /* SIGKILL sent, reaping until no child is left */
	PHASE_DELAY = 4,   /* node: synced, waiting out the reboot delay */
	PHASE_DONE = 5,	   /* reboot or exit emitted: nothing more to decide */
};

struct core {
	struct hinit_config cfg;
	int is_pid1; /* hinit is PID 1 of its PID namespace */
	int node;    /* node end path (cfg asked for it and it is possible) */
	int node_unavailable; /* enum node_unavailable, reported once */
	int phase;	      /* enum phase */
	int command_pid; /* > 1 once RUNNING; 0 before, or if spawning failed */
	int exit_code;	 /* 0..255, set when the end path starts */
	int stopped;	 /* a stop signal was forwarded and no SIGCONT since */
};

enum event_kind {
	EV_SPAWNED = 0, /* pid: the command's pid (its process group too) */
	EV_SPAWN_FAILED =
	    1,	       /* value: exit code to report (spawn_error_exit_code
	                        or HINIT_EXIT_USAGE for bad arguments) */
	EV_SIGNAL = 2, /* value: signal number hinit received */
	EV_CHILD_EXITED = 3, /* pid: reaped child; value: its raw wait status */
	EV_NO_CHILDREN = 4,  /* waitpid answered ECHILD */
	EV_TIMER = 5,	     /* the armed timer expired */
};

struct event {
	int kind; /* enum event_kind */
	int pid;
	int value;
};

enum action_kind {
	ACT_SIGNAL = 0,	    /* kill(target, value): target is the command's
	                            pid or minus its process group, |target| > 1 */
	ACT_SIGNAL_ALL = 1, /* kill(-1, value): only as PID 1, command gone */
	ACT_SIGNAL_CHILDREN = 2, /* value to each remaining child of hinit */
	ACT_REAP = 3,	   /* waitpid(-1, WNOHANG) until nothing is left */
	ACT_ARM_TIMER = 4, /* value: seconds; replaces any armed timer */
	ACT_SYNC = 5,
	ACT_REBOOT = 6, /* value: enum hinit_on_exit */
	ACT_EXIT = 7,	/* value: exit code 0..255 */
	ACT_LOG = 8,	/* target: enum log_message; value, extra: data */
};

enum log_message {
	LOG_NODE_UNAVAILABLE = 0, /* value: enum node_unavailable */
	LOG_COMMAND_EXITED =
	    1, /* value: exit code, extra: code hinit reports */
	LOG_COMMAND_KILLED = 2, /* value: signal, extra: code hinit reports */
	LOG_COMMAND_ODD_STATUS =
	    3,			/* value: raw status, extra: code reported */
	LOG_SPAWN_BAD_PID = 4,	/* value: the pid the spawn claimed */
	LOG_FORWARDED = 5,	/* value: signal, extra: target (verbose) */
	LOG_SIGNAL_DROPPED = 6, /* value: signal (verbose) */
	LOG_CHILD_REAPED = 7,	/* value: raw status, extra: pid (verbose) */
	LOG_TERMINATING = 8,	/* value: grace seconds (verbose) */
	LOG_KILLING = 9,	/* grace is over: SIGKILL to what is left */
	LOG_REBOOT_DELAY = 10,	/* value: seconds before the reboot, extra:
				   the status hinit reports (exit code) */
	LOG_REBOOTING = 11,	/* value: enum hinit_on_exit */
	LOG_EXITING = 12,	/* value: exit code (verbose) */
};

struct action {
	int kind;   /* enum action_kind */
	int target; /* ACT_SIGNAL: pid or -pgid; ACT_LOG: enum log_message */
	int value;
	int extra; /* ACT_LOG only */
};

/* No event makes the core emit more actions than this. */
#define CORE_MAX_ACTIONS 12

struct actions {
	int count; /* 0..CORE_MAX_ACTIONS */
	struct action list[CORE_MAX_ACTIONS];
};

/* What holds of the state between any two steps: core_init establishes
 * it and core_step keeps it (proofs/, src/core.c).  In words: node mode
 * only as PID 1 with node mode asked for; a command pid is never 0, -1
 * or 1 once set and is set from RUNNING on; the reboot delay is a node
 * phase; the exit code is a byte. */
/*@ predicate core_inv(struct core *c) =
      (c->is_pid1 == 0 || c->is_pid1 == 1) &&
      (c->node == 0 || c->node == 1) &&
      (c->node == 1 ==> c->is_pid1 == 1 && c->cfg.mode == MODE_NODE &&
                        c->node_unavailable == NODE_OK) &&
      NODE_OK <= c->node_unavailable <= NODE_NO_CAP_SYS_BOOT &&
      PHASE_STARTING <= c->phase <= PHASE_DONE &&
      (c->phase == PHASE_STARTING ==> c->command_pid == 0) &&
      (c->phase == PHASE_RUNNING ==> c->command_pid > 1) &&
      (c->command_pid == 0 || c->command_pid > 1) &&
      (c->phase == PHASE_DELAY ==> c->node == 1) &&
      0 <= c->exit_code <= 255;
*/

/* Starts the machine in PHASE_STARTING.  can_reboot: the reboot syscall is
 * permitted (CAP_SYS_BOOT in hinit's user namespace). */
void core_init(struct core *c, const struct hinit_config *cfg, int is_pid1,
	       int can_reboot);

/* Feeds one event; out receives the actions to carry out, in order. */
void core_step(struct core *c, const struct event *ev, struct actions *out);

/* When a reaped child matters to the core: it is the running command, or
 * --verbose logs every reap, or, outside PID 1, an orphan re-parented
 * after the SIGKILL went out must be followed by another SIGKILL.  For
 * any other child core_step on EV_CHILD_EXITED emits nothing and changes
 * nothing (proved: core_step's child_noop), so the reap loop skips it:
 * the orphans a container's init reaps by the thousand cost no step. */
/*@ predicate child_event_needed(struct core *c, integer pid) =
      (c->phase == PHASE_RUNNING && pid == c->command_pid) ||
      c->cfg.verbose != 0 ||
      (c->phase == PHASE_KILLING && c->is_pid1 == 0);
*/

/* Every reaped child must go to core_step. */
#define CORE_EVERY_CHILD (-1)

/* Which reaped children (pid > 0) core_step must see, until its next
 * step: CORE_EVERY_CHILD, or only the pid returned (the running
 * command), or none (0).  One answer per state rather than a question
 * per child keeps the reap loop's test to a comparison. */
int core_needed_child(const struct core *c);

/* When a signal is plainly forwarded: the command runs, nothing is
 * logged (no --verbose), it is not stopped (a SIGTERM to a stopped
 * command brings a SIGCONT), and the signal is neither SIGCHLD (a reap)
 * nor dropped by --rewrite nor rewritten to a stop signal (which stops
 * the command).  core_step then emits one ACT_SIGNAL to the command (its
 * pid with --single-child, else its group) and changes nothing (proved:
 * core_step's signal_plain), so the loop sends it without a step: the
 * common forwarded signal costs a few comparisons and its kill.  The
 * condition is split as the loop asks it: once per state, once per
 * signal. */
/*@ predicate forward_state_plain(struct core *c) =
      c->phase == PHASE_RUNNING && c->cfg.verbose == 0 && c->stopped == 0;
    predicate forward_signal_plain(struct core *c, integer sig) =
      1 <= sig <= HINIT_NSIG && sig != SIGCHLD &&
      c->cfg.rewrite[sig] != 0 && c->cfg.rewrite[sig] != SIGTSTP &&
      c->cfg.rewrite[sig] != SIGTTIN && c->cfg.rewrite[sig] != SIGTTOU &&
      c->cfg.rewrite[sig] != SIGSTOP;
    predicate signal_plain(struct core *c, integer sig) =
      forward_state_plain(c) && forward_signal_plain(c, sig);
*/

/* Where core_step sends a plainly forwarded signal in this state (the
 * command's pid or minus its group), or 0 when every signal must go to
 * core_step, until its next step. */
int core_forward_target(const struct core *c);

/* What signal sig is plainly forwarded as (its rewrite), or 0 when it
 * must go to core_step.  Depends only on the configuration. */
int core_forward_value(const struct core *c, int sig);

/* The pure translations the core and the syscall layer share. */

/* The kernel's 16-bit wait status, as the proofs read it (wait(2)):
 * bits 0-6 hold 0 when the process exited, with the exit code in bits
 * 8-15, or the signal 1..126 that killed it (bit 7: core dumped).  Any
 * other value (0x7f: stopped, 0xffff: continued, or beyond 16 bits) is
 * not a termination.  Written with / and %, not the C bit operations,
 * so that the contract does not restate the code. */
/*@ logic integer wait_status_signal(integer s) = s % 128;
    logic integer wait_status_code(integer s) = s / 256;
    predicate wait_status_exited(integer s) =
      0 <= s <= 0xffff && s % 128 == 0;
    predicate wait_status_signalled(integer s) =
      0 <= s <= 0xffff && 1 <= s % 128 <= 126;
*/
/* (The predicates spell s % 128 out rather than call wait_status_signal:
 * E-ACSL 25 mistranslates a logic function called inside a predicate.) */

/* Raw 16-bit wait status -> 0..255: exit code, 128+signal, or
 * HINIT_EXIT_UNKNOWN_STATUS. */
int status_to_exit_code(int raw_status);

/* errno of a failed spawn -> 127 (not found), 126 (cannot execute) or 1. */
int spawn_error_exit_code(int err);

#endif
