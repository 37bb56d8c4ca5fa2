/* test_args.c - parse_args, signal_from_text, signal_name, parse_decimal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "args.h"
#include "signals.h"
#include "unit.h"

#define MAX_ARGS 16

/* argv as the kernel gives it: argv[0], the words, a null pointer. */
struct cmdline {
	int argc;
	char *argv[MAX_ARGS + 2];
	struct args a;
};

static void parse_list(struct cmdline *l, const char *const *words)
{
	l->argc = 0;
	l->argv[l->argc++] = (char *)"hinit";
	while (*words) {
		assert_true(l->argc <= MAX_ARGS);
		l->argv[l->argc++] = (char *)*words++;
	}
	l->argv[l->argc] = 0;
	/* Garbage in, so a field parse_args forgets to set is seen. */
	memset(&l->a, 0x5a, sizeof l->a);
	parse_args(l->argc, l->argv, &l->a);
}

#define PARSE(l, ...) parse_list((l), (const char *const[]){__VA_ARGS__, 0})

static void expect_default_config(const struct hinit_config *cfg)
{
	assert_int_equal(cfg->mode, MODE_NODE);
	assert_int_equal(cfg->on_exit, ON_EXIT_REBOOT);
	assert_int_equal(cfg->single_child, 0);
	assert_int_equal(cfg->verbose, 0);
	assert_int_equal(cfg->no_seccomp, 0);
	assert_int_equal(cfg->grace_seconds, 5);
	assert_int_equal(cfg->reboot_delay_seconds, 30);
	for (int sig = 1; sig <= HINIT_NSIG; sig++)
		assert_int_equal(cfg->rewrite[sig], sig);
	for (int code = 0; code < 256; code++)
		assert_int_equal(cfg->remap_exit[code], 0);
}

/* Field by field: padding bytes are not part of the config. */
static void expect_same_config(const struct hinit_config *a,
			       const struct hinit_config *b)
{
	assert_int_equal(a->mode, b->mode);
	assert_int_equal(a->on_exit, b->on_exit);
	assert_int_equal(a->single_child, b->single_child);
	assert_int_equal(a->verbose, b->verbose);
	assert_int_equal(a->no_seccomp, b->no_seccomp);
	assert_int_equal(a->grace_seconds, b->grace_seconds);
	assert_int_equal(a->reboot_delay_seconds, b->reboot_delay_seconds);
	assert_memory_equal(a->rewrite + 1, b->rewrite + 1, HINIT_NSIG);
	assert_memory_equal(a->remap_exit, b->remap_exit, sizeof a->remap_exit);
}

static void expect_run(const struct cmdline *l, int command_index)
{
	if (l->a.result != ARGS_RUN)
		print_error("result %d error %d index %d\n", l->a.result,
			    l->a.error, l->a.error_index);
	assert_int_equal(l->a.result, ARGS_RUN);
	assert_int_equal(l->a.error, ARGS_OK);
	assert_int_equal(l->a.error_index, 0);
	assert_null(l->a.error_value);
	assert_int_equal(l->a.command_index, command_index);
}

/* error_value must point into argv itself: main prints it as typed. */
static void expect_error(const struct cmdline *l, int error, int index,
			 const char *value)
{
	if (l->a.result != ARGS_ERROR || l->a.error != error)
		print_error("result %d error %d, want error %d\n", l->a.result,
			    l->a.error, error);
	assert_int_equal(l->a.result, ARGS_ERROR);
	assert_int_equal(l->a.error, error);
	assert_int_equal(l->a.error_index, index);
	if (!value) {
		assert_null(l->a.error_value);
		return;
	}
	assert_non_null(l->a.error_value);
	assert_string_equal(l->a.error_value, value);
	const char *word = l->argv[index];
	const char *next = index + 1 < l->argc ? l->argv[index + 1] : 0;
	assert_true(l->a.error_value == next ||
		    (l->a.error_value > word &&
		     l->a.error_value <= word + strlen(word)));
}

static void test_defaults(void **state)
{
	(void)state;
	struct hinit_config cfg;
	memset(&cfg, 0x77, sizeof cfg);
	config_defaults(&cfg);
	expect_default_config(&cfg);
	assert_int_equal(cfg.rewrite[0], 0);

	/* No words at all: run /core (command_index == argc). */
	struct cmdline l;
	parse_list(&l, (const char *const[]){0});
	expect_run(&l, 1);
	expect_default_config(&l.a.cfg);

	/* argc 0 (a kernel can exec init with an empty argv). */
	char *empty[] = {0};
	struct args a;
	parse_args(0, empty, &a);
	assert_int_equal(a.result, ARGS_RUN);
	assert_int_equal(a.command_index, 0);
	expect_default_config(&a.cfg);

	PARSE(&l, "sleep", "1");
	expect_run(&l, 1);
	expect_default_config(&l.a.cfg);
}

static void test_flags(void **state)
{
	(void)state;
	struct cmdline l;
	PARSE(&l, "--container", "cmd");
	expect_run(&l, 2);
	assert_int_equal(l.a.cfg.mode, MODE_CONTAINER);
	assert_int_equal(l.a.cfg.single_child, 0);
	assert_int_equal(l.a.cfg.verbose, 0);

	PARSE(&l, "--single-child", "cmd");
	expect_run(&l, 2);
	assert_int_equal(l.a.cfg.single_child, 1);
	assert_int_equal(l.a.cfg.mode, MODE_NODE);

	PARSE(&l, "-v", "cmd");
	expect_run(&l, 2);
	assert_int_equal(l.a.cfg.verbose, 1);

	PARSE(&l, "--verbose");
	expect_run(&l, 2);
	assert_int_equal(l.a.cfg.verbose, 1);

	PARSE(&l, "--no-seccomp", "cmd");
	expect_run(&l, 2);
	assert_int_equal(l.a.cfg.no_seccomp, 1);
	assert_int_equal(l.a.cfg.single_child, 0);

	PARSE(&l, "--container", "--single-child", "-v", "--verbose", "--",
	      "cmd", "--grace", "x");
	expect_run(&l, 6);
	assert_int_equal(l.a.cfg.mode, MODE_CONTAINER);
	assert_int_equal(l.a.cfg.single_child, 1);
	assert_int_equal(l.a.cfg.verbose, 1);
	assert_int_equal(l.a.cfg.grace_seconds, 5);

	/* Flags take no value, not even an empty one. */
	PARSE(&l, "--container=1", "cmd");
	expect_error(&l, ARGS_UNEXPECTED_VALUE, 1, "1");
	PARSE(&l, "-v", "--single-child=", "cmd");
	expect_error(&l, ARGS_UNEXPECTED_VALUE, 2, "");
	assert_int_equal(l.a.cfg.verbose, 1);
	PARSE(&l, "--verbose=yes");
	expect_error(&l, ARGS_UNEXPECTED_VALUE, 1, "yes");
	PARSE(&l, "--no-seccomp=0");
	expect_error(&l, ARGS_UNEXPECTED_VALUE, 1, "0");
	/* Short options have no '=' form and do not bundle. */
	PARSE(&l, "-v=1");
	expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
	PARSE(&l, "-vv");
	expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
}

static void test_help_version(void **state)
{
	(void)state;
	struct cmdline l;
	PARSE(&l, "-h");
	assert_int_equal(l.a.result, ARGS_HELP);
	assert_int_equal(l.a.error, ARGS_OK);
	PARSE(&l, "--help");
	assert_int_equal(l.a.result, ARGS_HELP);
	PARSE(&l, "--version");
	assert_int_equal(l.a.result, ARGS_VERSION);
	/* The first of them wins; later words are not looked at. */
	PARSE(&l, "--grace", "3", "--help", "--bogus");
	assert_int_equal(l.a.result, ARGS_HELP);
	PARSE(&l, "--version", "--help");
	assert_int_equal(l.a.result, ARGS_VERSION);
	PARSE(&l, "--bogus", "--help");
	expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
	/* After "--" or the command they belong to the command. */
	PARSE(&l, "--", "--help");
	expect_run(&l, 2);
	PARSE(&l, "cmd", "--version");
	expect_run(&l, 1);

	PARSE(&l, "--help=x");
	expect_error(&l, ARGS_UNEXPECTED_VALUE, 1, "x");
	PARSE(&l, "--version=");
	expect_error(&l, ARGS_UNEXPECTED_VALUE, 1, "");
	PARSE(&l, "-help");
	expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
	PARSE(&l, "--helpme");
	expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
	PARSE(&l, "--versio");
	expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
	PARSE(&l, "-h=1");
	expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
}

static void test_end_of_options(void **state)
{
	(void)state;
	struct cmdline l;
	PARSE(&l, "--");
	expect_run(&l, 2); /* nothing after "--": /core */
	PARSE(&l, "-v", "--");
	expect_run(&l, 3);
	assert_int_equal(l.a.cfg.verbose, 1);
	PARSE(&l, "--", "--");
	expect_run(&l, 2);
	PARSE(&l, "--", "-v");
	expect_run(&l, 2);
	assert_int_equal(l.a.cfg.verbose, 0);
	/* First non-option stops: its own options are its own. */
	PARSE(&l, "ls", "-l", "--container");
	expect_run(&l, 1);
	assert_int_equal(l.a.cfg.mode, MODE_NODE);
	PARSE(&l, "--grace", "3", "ls", "--grace", "4");
	expect_run(&l, 3);
	assert_int_equal(l.a.cfg.grace_seconds, 3);
	/* "-" and "" are words, not options. */
	PARSE(&l, "-");
	expect_run(&l, 1);
	PARSE(&l, "-v", "", "-v");
	expect_run(&l, 2);
	/* A value is the next word even if it looks like "--". */
	PARSE(&l, "--on-exit", "--", "cmd");
	expect_error(&l, ARGS_BAD_ON_EXIT, 1, "--");
	PARSE(&l, "--rewrite", "--container");
	expect_error(&l, ARGS_BAD_REWRITE, 1, "--container");
}

struct valued_case {
	const char *option;
	const char *value;
};

static void test_valued_both_forms(void **state)
{
	(void)state;
	static const char *const options[] = {
	    "--grace",	 "--reboot-delay", "--on-exit",
	    "--rewrite", "--remap-exit",
	};
	static const char *const values[] = {
	    "17", "17", "poweroff", "TERM:INT", "17",
	};
	for (unsigned i = 0; i < 5; i++) {
		char joined[64];
		snprintf(joined, sizeof joined, "%s=%s", options[i], values[i]);
		struct cmdline sep, eq;
		PARSE(&sep, options[i], values[i], "cmd");
		PARSE(&eq, joined, "cmd");
		expect_run(&sep, 3);
		expect_run(&eq, 2);
		expect_same_config(&sep.a.cfg, &eq.a.cfg);
		/* Exactly one field differs from the defaults. */
		struct hinit_config want;
		config_defaults(&want);
		switch (i) {
		case 0:
			want.grace_seconds = 17;
			break;
		case 1:
			want.reboot_delay_seconds = 17;
			break;
		case 2:
			want.on_exit = ON_EXIT_POWEROFF;
			break;
		case 3:
			want.rewrite[15] = 2;
			break;
		case 4:
			want.remap_exit[17] = 1;
			break;
		}
		expect_same_config(&sep.a.cfg, &want);

		/* Missing value at the end. */
		struct cmdline l;
		parse_list(&l, (const char *const[]){"-v", options[i], 0});
		expect_error(&l, ARGS_MISSING_VALUE, 2, 0);
		assert_int_equal(l.a.cfg.verbose, 1);
		/* Prefix of a longer word is not the option. */
		snprintf(joined, sizeof joined, "%sx", options[i]);
		parse_list(&l, (const char *const[]){joined, "1", 0});
		expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
		/* Single dash is not accepted for long options. */
		parse_list(&l, (const char *const[]){options[i] + 1, "1", 0});
		expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
	}
}

static void test_on_exit(void **state)
{
	(void)state;
	static const struct {
		const char *word;
		int how;
	} good[] = {
	    {"reboot", ON_EXIT_REBOOT},
	    {"poweroff", ON_EXIT_POWEROFF},
	    {"halt", ON_EXIT_HALT},
	};
	for (unsigned i = 0; i < 3; i++) {
		struct cmdline l;
		PARSE(&l, "--on-exit", "halt", "--on-exit", good[i].word);
		expect_run(&l, 5);
		assert_int_equal(l.a.cfg.on_exit, good[i].how);
		char joined[32];
		snprintf(joined, sizeof joined, "--on-exit=%s", good[i].word);
		parse_list(&l,
			   (const char *const[]){"--on-exit=halt", joined, 0});
		expect_run(&l, 3);
		assert_int_equal(l.a.cfg.on_exit, good[i].how);
	}
	static const char *const bad[] = {
	    "",		 "Reboot", "REBOOT", "reboot2", "rebo", "power-off",
	    "poweroff ", " halt",  "exit",   "0",	"1",	"kexec",
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct cmdline l;
		PARSE(&l, "--container", "--on-exit", bad[i], "cmd");
		expect_error(&l, ARGS_BAD_ON_EXIT, 2, bad[i]);
		/* What was parsed before the error is kept (main needs the
		 * mode). */
		assert_int_equal(l.a.cfg.mode, MODE_CONTAINER);
		char joined[32];
		snprintf(joined, sizeof joined, "--on-exit=%s", bad[i]);
		parse_list(&l, (const char *const[]){joined, 0});
		expect_error(&l, ARGS_BAD_ON_EXIT, 1, bad[i]);
	}
}

static void test_seconds(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int seconds; /* -1: rejected */
	} cases[] = {
	    {"0", 0},
	    {"1", 1},
	    {"00", 0},
	    {"007", 7},
	    {"30", 30},
	    {"31535999", 31535999},
	    {"31536000", 31536000},
	    {"031536000", 31536000},
	    {"31536001", -1},
	    {"31536010", -1},
	    {"99999999", -1},
	    {"2147483647", -1},
	    {"2147483648", -1},
	    {"4294967295", -1},
	    {"4294967296", -1},
	    {"4294967301", -1},		  /* wraps to 5 in 32 bits */
	    {"18446744073709551621", -1}, /* wraps to 5 in 64 bits */
	    {"99999999999999999999999999999999", -1},
	    {"", -1},
	    {"-1", -1},
	    {"-0", -1},
	    {"+5", -1},
	    {" 5", -1},
	    {"5 ", -1},
	    {"5s", -1},
	    {"0x10", -1},
	    {"1e3", -1},
	    {"1.5", -1},
	    {"five", -1},
	};
	static const char *const options[] = {"--grace", "--reboot-delay"};
	for (unsigned o = 0; o < 2; o++) {
		for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			char joined[64];
			snprintf(joined, sizeof joined, "%s=%s", options[o],
				 cases[i].text);
			struct cmdline sep, eq;
			PARSE(&sep, options[o], cases[i].text, "cmd");
			PARSE(&eq, joined, "cmd");
			if (cases[i].seconds < 0) {
				expect_error(&sep, ARGS_BAD_SECONDS, 1,
					     cases[i].text);
				expect_error(&eq, ARGS_BAD_SECONDS, 1,
					     cases[i].text);
				continue;
			}
			expect_run(&sep, 3);
			expect_run(&eq, 2);
			const struct hinit_config *c = &sep.a.cfg;
			assert_int_equal(o ? c->reboot_delay_seconds
					   : c->grace_seconds,
					 cases[i].seconds);
			assert_int_equal(o ? c->grace_seconds
					   : c->reboot_delay_seconds,
					 o ? 5 : 30);
			expect_same_config(&sep.a.cfg, &eq.a.cfg);
		}
	}
	/* Repeated: the last one counts. */
	struct cmdline l;
	PARSE(&l, "--grace", "9", "--grace=0", "--reboot-delay=0",
	      "--reboot-delay", "31536000");
	expect_run(&l, 7);
	assert_int_equal(l.a.cfg.grace_seconds, 0);
	assert_int_equal(l.a.cfg.reboot_delay_seconds, 31536000);
}

static void test_remap_exit(void **state)
{
	(void)state;
	for (int code = 0; code <= 255; code++) {
		char text[16], joined[32];
		snprintf(text, sizeof text, "%d", code);
		snprintf(joined, sizeof joined, "--remap-exit=%d", code);
		struct cmdline sep, eq;
		PARSE(&sep, "--remap-exit", text, "x");
		PARSE(&eq, joined, "x");
		expect_run(&sep, 3);
		expect_run(&eq, 2);
		for (int c = 0; c <= 255; c++) {
			assert_int_equal(sep.a.cfg.remap_exit[c], c == code);
			assert_int_equal(eq.a.cfg.remap_exit[c], c == code);
		}
	}
	/* Repeatable, accumulating. */
	struct cmdline l;
	PARSE(&l, "--remap-exit", "143", "--remap-exit=0", "--remap-exit=255",
	      "--remap-exit", "143", "--", "x");
	expect_run(&l, 8);
	for (int c = 0; c <= 255; c++)
		assert_int_equal(l.a.cfg.remap_exit[c],
				 c == 0 || c == 143 || c == 255);
	PARSE(&l, "--remap-exit", "0255");
	expect_run(&l, 3);
	assert_int_equal(l.a.cfg.remap_exit[255], 1);

	static const char *const bad[] = {
	    "256",
	    "1000",
	    "-1",
	    "",
	    "+1",
	    " 1",
	    "1 ",
	    "1.0",
	    "0x10",
	    "TERM",
	    "4294967297",
	    "2147483648",
	    "99999999999999999999",
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char joined[64];
		snprintf(joined, sizeof joined, "--remap-exit=%s", bad[i]);
		PARSE(&l, "--remap-exit", bad[i]);
		expect_error(&l, ARGS_BAD_EXIT_STATUS, 1, bad[i]);
		PARSE(&l, "-v", joined);
		expect_error(&l, ARGS_BAD_EXIT_STATUS, 2, bad[i]);
		for (int c = 0; c <= 255; c++)
			assert_int_equal(l.a.cfg.remap_exit[c], 0);
	}
}

/* --rewrite FROM:TO in both forms; want_to -1: error. */
static void check_rewrite(const char *spec, int want_from, int want_to,
			  int want_error)
{
	char joined[96];
	snprintf(joined, sizeof joined, "--rewrite=%s", spec);
	struct cmdline sep, eq;
	PARSE(&sep, "--rewrite", spec, "cmd");
	PARSE(&eq, "--single-child", joined, "cmd");
	if (want_error) {
		expect_error(&sep, want_error, 1, spec);
		expect_error(&eq, want_error, 2, spec);
		for (int sig = 1; sig <= HINIT_NSIG; sig++)
			assert_int_equal(sep.a.cfg.rewrite[sig], sig);
		return;
	}
	expect_run(&sep, 3);
	expect_run(&eq, 3);
	for (int sig = 1; sig <= HINIT_NSIG; sig++) {
		int want = sig == want_from ? want_to : sig;
		if (sep.a.cfg.rewrite[sig] != want)
			print_error("--rewrite %s: rewrite[%d] = %d, want %d\n",
				    spec, sig, sep.a.cfg.rewrite[sig], want);
		assert_int_equal(sep.a.cfg.rewrite[sig], want);
		assert_int_equal(eq.a.cfg.rewrite[sig], want);
	}
}

static void test_rewrite(void **state)
{
	(void)state;
	check_rewrite("TERM:INT", 15, 2, 0);
	check_rewrite("SIGTERM:SIGINT", 15, 2, 0);
	check_rewrite("term:int", 15, 2, 0);
	check_rewrite("SigTerm:sIgInT", 15, 2, 0);
	check_rewrite("15:2", 15, 2, 0);
	check_rewrite("015:02", 15, 2, 0);
	check_rewrite("TERM:0", 15, 0, 0); /* drop */
	check_rewrite("HUP:00", 1, 0, 0);
	check_rewrite("TERM:TERM", 15, 15, 0);
	check_rewrite("RTMIN:RTMAX", 34, 64, 0);
	check_rewrite("RTMIN+3:RTMAX-2", 37, 62, 0);
	check_rewrite("SIGRTMIN+3:SIGRTMAX-2", 37, 62, 0);
	check_rewrite("rtmin+0:rtmax-0", 34, 64, 0);
	check_rewrite("RTMIN+30:RTMAX-30", 64, 34, 0);
	check_rewrite("32:33", 32, 33, 0); /* below glibc's RTMIN */
	check_rewrite("64:1", 64, 1, 0);
	check_rewrite("1:64", 1, 64, 0);
	/* TO may be anything, even what cannot be caught. */
	check_rewrite("TERM:KILL", 15, 9, 0);
	check_rewrite("INT:STOP", 2, 19, 0);
	check_rewrite("USR1:CHLD", 10, 17, 0);
	check_rewrite("TSTP:CONT", 20, 18, 0);
	check_rewrite("IOT:CLD", 6, 17, 0);
	check_rewrite("POLL:IO", 29, 29, 0);
	check_rewrite("STKFLT:PWR", 16, 30, 0);
	check_rewrite("SYS:URG", 31, 23, 0);
	check_rewrite("SIGRTMAX-29:9", 35, 9, 0);

	/* FROM never reaches hinit as something to forward. */
	check_rewrite("KILL:TERM", 0, 0, ARGS_REWRITE_UNCATCHABLE);
	check_rewrite("SIGKILL:0", 0, 0, ARGS_REWRITE_UNCATCHABLE);
	check_rewrite("9:15", 0, 0, ARGS_REWRITE_UNCATCHABLE);
	check_rewrite("STOP:TERM", 0, 0, ARGS_REWRITE_UNCATCHABLE);
	check_rewrite("19:0", 0, 0, ARGS_REWRITE_UNCATCHABLE);
	check_rewrite("CHLD:TERM", 0, 0, ARGS_REWRITE_UNCATCHABLE);
	check_rewrite("CLD:TERM", 0, 0, ARGS_REWRITE_UNCATCHABLE);
	check_rewrite("17:0", 0, 0, ARGS_REWRITE_UNCATCHABLE);

	static const char *const bad[] = {
	    "",
	    "TERM",
	    ":",
	    ":TERM",
	    "TERM:",
	    "0:TERM",
	    "00:1",
	    "TERM:INT:HUP",
	    "TERM::INT",
	    "65:1",
	    "1:65",
	    "-1:1",
	    "1:-1",
	    "+1:1",
	    "TERM :INT",
	    "TERM: INT",
	    "FOO:TERM",
	    "TERM:FOO",
	    "SIG:TERM",
	    "SIGSIGTERM:1",
	    "RTMIN+31:1",
	    "1:RTMAX-31",
	    "RTMIN-1:1",
	    "RTMAX+1:1",
	    "RTMIN+:1",
	    "RTMIN+-1:1",
	    "RTMIN++1:1",
	    "RTMINX:1",
	    "TERMINATE:1",
	    "TER:1",
	    "SIG15:1",
	    "4294967311:1",
	    "1:4294967298",
	    "RTMIN+4294967296:1",
	    /* 16 characters before ':' do not fit FROM's buffer. */
	    "0000000000000015:1",
	    "SIGRTMIN+0000003:1",
	    "00000000000000000000000000000015:1",
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
		check_rewrite(bad[i], 0, 0, ARGS_BAD_REWRITE);
	/* 15 characters fit. */
	check_rewrite("000000000000015:1", 15, 1, 0);
	check_rewrite("SIGRTMIN+000003:1", 37, 1, 0);

	/* Repeatable; the last rewrite of a signal counts. */
	struct cmdline l;
	PARSE(&l, "--rewrite", "TERM:INT", "--rewrite=HUP:0",
	      "--rewrite=TERM:QUIT", "--rewrite", "RTMIN+1:USR1", "cmd");
	expect_run(&l, 7);
	for (int sig = 1; sig <= HINIT_NSIG; sig++) {
		int want = sig == 15 ? 3 : sig == 1 ? 0 : sig == 35 ? 10 : sig;
		assert_int_equal(l.a.cfg.rewrite[sig], want);
	}
	/* Every number as FROM and TO. */
	for (int from = 0; from <= 70; from++) {
		for (int to = 0; to <= 70; to++) {
			char spec[32];
			snprintf(spec, sizeof spec, "%d:%d", from, to);
			int err = 0;
			if (from < 1 || from > 64 || to > 64)
				err = ARGS_BAD_REWRITE;
			else if (from == 9 || from == 19 || from == 17)
				err = ARGS_REWRITE_UNCATCHABLE;
			check_rewrite(spec, from, to, err);
		}
	}
}

static void test_errors_keep_earlier_options(void **state)
{
	(void)state;
	struct cmdline l;
	PARSE(&l, "--container", "--grace", "1", "--bogus", "--grace", "2");
	expect_error(&l, ARGS_UNKNOWN_OPTION, 4, 0);
	assert_int_equal(l.a.cfg.mode, MODE_CONTAINER);
	assert_int_equal(l.a.cfg.grace_seconds, 1);
	PARSE(&l, "-x");
	expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
	PARSE(&l, "---");
	expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
	PARSE(&l, "--=x");
	expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
	PARSE(&l, "--CONTAINER");
	expect_error(&l, ARGS_UNKNOWN_OPTION, 1, 0);
	PARSE(&l, "--grace", "1", "--grace");
	expect_error(&l, ARGS_MISSING_VALUE, 3, 0);
	assert_int_equal(l.a.cfg.grace_seconds, 1);
	PARSE(&l, "--reboot-delay", "x", "--container");
	expect_error(&l, ARGS_BAD_SECONDS, 1, "x");
	assert_int_equal(l.a.cfg.mode, MODE_NODE);
	assert_int_equal(l.a.cfg.reboot_delay_seconds, 30);

	/* Every error has a text, and they differ. */
	for (int e = ARGS_UNKNOWN_OPTION; e <= ARGS_BAD_EXIT_STATUS; e++) {
		assert_non_null(args_error_text(e));
		assert_true(strlen(args_error_text(e)) > 10);
		for (int f = ARGS_UNKNOWN_OPTION; f < e; f++)
			assert_string_not_equal(args_error_text(e),
						args_error_text(f));
	}
	assert_non_null(args_error_text(-1));
	assert_non_null(args_error_text(999));
}

static void test_signal_from_text(void **state)
{
	(void)state;
	/* Numbers 0..64, also with leading zeros; nothing above. */
	for (int n = 0; n <= 200; n++) {
		char text[16];
		snprintf(text, sizeof text, "%d", n);
		assert_int_equal(signal_from_text(text), n <= 64 ? n : -1);
		snprintf(text, sizeof text, "000%d", n);
		assert_int_equal(signal_from_text(text), n <= 64 ? n : -1);
	}
	/* Every name, with and without SIG, any case, agrees with glibc
	 * (which calls 29 POLL, hinit IO: both are accepted). */
	for (int sig = 1; sig <= 31; sig++) {
		const char *name = signal_name(sig);
		assert_non_null(name);
		assert_string_equal(name, sig == 29 ? "IO" : sigabbrev_np(sig));
		assert_int_equal(signal_from_text(sigabbrev_np(sig)), sig);
		char text[32];
		assert_int_equal(signal_from_text(name), sig);
		snprintf(text, sizeof text, "SIG%s", name);
		assert_int_equal(signal_from_text(text), sig);
		for (char *p = text; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		assert_int_equal(signal_from_text(text), sig);
		assert_int_equal(signal_from_text(text + 3), sig);
		snprintf(text, sizeof text, "%sX", name);
		assert_int_equal(signal_from_text(text), -1);
		snprintf(text, sizeof text, "%.*s", (int)strlen(name) - 1,
			 name);
		assert_true(signal_from_text(text) != sig);
	}
	assert_int_equal(signal_from_text("TERM"), 15);
	assert_int_equal(signal_from_text("SIGTERM"), 15);
	assert_int_equal(signal_from_text("term"), 15);
	assert_int_equal(signal_from_text("IOT"), 6);
	assert_int_equal(signal_from_text("SIGCLD"), 17);
	assert_int_equal(signal_from_text("POLL"), 29);
	assert_int_equal(signal_from_text("IO"), 29);
	assert_int_equal(signal_from_text("sigpoll"), 29);
	/* Empty rows of the tables name nothing. */
	assert_int_equal(signal_from_text("SIG"), -1);
	assert_int_equal(signal_from_text(""), -1);
	assert_int_equal(signal_from_text("CLDX"), -1);
	assert_int_equal(signal_from_text("IOTA"), -1);
	/* Real-time: glibc's numbering (RTMIN 34). */
	for (int k = 0; k <= 30; k++) {
		char text[32];
		snprintf(text, sizeof text, "RTMIN+%d", k);
		assert_int_equal(signal_from_text(text), 34 + k);
		snprintf(text, sizeof text, "SIGRTMAX-%d", k);
		assert_int_equal(signal_from_text(text), 64 - k);
		snprintf(text, sizeof text, "rtmin+%02d", k);
		assert_int_equal(signal_from_text(text), 34 + k);
	}
	assert_int_equal(signal_from_text("RTMIN"), 34);
	assert_int_equal(signal_from_text("SIGRTMIN"), 34);
	assert_int_equal(signal_from_text("RTMAX"), 64);
	assert_int_equal(signal_from_text("RTMIN+3"), 37);
	assert_int_equal(signal_from_text("RTMAX-2"), 62);
	static const char *const bad[] = {
	    "",
	    "SIG",
	    "sig",
	    "SIGSIGTERM",
	    "SIG15",
	    "-1",
	    "+1",
	    "1x",
	    "x1",
	    " 1",
	    "1 ",
	    " TERM",
	    "TERM ",
	    "TERM\n",
	    "TE RM",
	    "TERMX",
	    "TER",
	    "T",
	    "KILLALL",
	    "ZERO",
	    "NULL",
	    "EXIT",
	    "RTMIN+31",
	    "RTMAX-31",
	    "RTMIN-1",
	    "RTMAX+1",
	    "RTMIN+",
	    "RTMAX-",
	    "RTMIN+-1",
	    "RTMIN+ 1",
	    "RTMIN 1",
	    "RTMIN1",
	    "RTMIN+1x",
	    "RT",
	    "RTMI",
	    "RTMID",
	    "SIGRT",
	    "65",
	    "100",
	    "4294967311",
	    "RTMIN+4294967297",
	    "99999999999999999999999",
	    "\xc3\xa9",
	    "TERM\xff",
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (signal_from_text(bad[i]) != -1)
			print_error("\"%s\" -> %d\n", bad[i],
				    signal_from_text(bad[i]));
		assert_int_equal(signal_from_text(bad[i]), -1);
	}
}

static void test_signal_name(void **state)
{
	(void)state;
	assert_string_equal(signal_name(1), "HUP");
	assert_string_equal(signal_name(9), "KILL");
	assert_string_equal(signal_name(15), "TERM");
	assert_string_equal(signal_name(16), "STKFLT");
	assert_string_equal(signal_name(17), "CHLD");
	assert_string_equal(signal_name(29), "IO");
	assert_string_equal(signal_name(31), "SYS");
	static const int none[] = {0,  -1, 32,	 33,	  34,
				   64, 65, 1000, INT_MIN, INT_MAX};
	for (unsigned i = 0; i < sizeof none / sizeof none[0]; i++)
		assert_null(signal_name(none[i]));
	for (int a = 1; a <= 31; a++)
		for (int b = 1; b < a; b++)
			assert_string_not_equal(signal_name(a), signal_name(b));
}

static void test_parse_decimal(void **state)
{
	(void)state;
	/* Every small max and value: exactly 0..max is accepted. */
	for (int max = -2; max <= 300; max++) {
		for (int n = 0; n <= 1100; n++) {
			char text[16];
			snprintf(text, sizeof text, "%d", n);
			int want = n <= max ? n : -1;
			int got = parse_decimal(text, max);
			if (got != want)
				print_error("parse_decimal(\"%s\", %d) = %d\n",
					    text, max, got);
			assert_int_equal(got, want);
		}
	}
	assert_int_equal(parse_decimal("", 10), -1);
	assert_int_equal(parse_decimal("0", 0), 0);
	assert_int_equal(parse_decimal("000", 0), 0);
	assert_int_equal(parse_decimal("1", 0), -1);
	assert_int_equal(parse_decimal("9", 8), -1);
	assert_int_equal(parse_decimal("2147483647", INT_MAX), INT_MAX);
	assert_int_equal(parse_decimal("02147483647", INT_MAX), INT_MAX);
	assert_int_equal(parse_decimal("2147483648", INT_MAX), -1);
	assert_int_equal(parse_decimal("21474836470", INT_MAX), -1);
	assert_int_equal(parse_decimal("4294967296", INT_MAX), -1);
	assert_int_equal(parse_decimal("2147483646", 2147483646), 2147483646);
	assert_int_equal(parse_decimal("2147483647", 2147483646), -1);
	assert_int_equal(parse_decimal("99999999999999999999", INT_MAX), -1);
	assert_int_equal(parse_decimal("-0", 10), -1);
	assert_int_equal(parse_decimal("+0", 10), -1);
	assert_int_equal(parse_decimal(" 1", 10), -1);
	assert_int_equal(parse_decimal("1 ", 10), -1);
	assert_int_equal(parse_decimal("1a", 10), -1);
	assert_int_equal(parse_decimal("/", 10), -1); /* '0' - 1 */
	assert_int_equal(parse_decimal(":", 10), -1); /* '9' + 1 */
	assert_int_equal(parse_decimal("0", -1), -1);
}

/* Random command lines from option-like pieces: whatever the words,
 * the result is one of the four, every index points into argv, and the
 * config stays within what the core accepts. */
static void test_random_command_lines(void **state)
{
	(void)state;
	static const char *const pieces[] = {
	    "--",
	    "-",
	    "",
	    "-v",
	    "-h",
	    "--help",
	    "--version",
	    "--verbose",
	    "--container",
	    "--single-child",
	    "--no-seccomp",
	    "--grace",
	    "--grace=",
	    "--grace=3",
	    "--reboot-delay",
	    "--reboot-delay=0",
	    "--on-exit",
	    "--on-exit=halt",
	    "--rewrite",
	    "--rewrite=TERM:0",
	    "--rewrite=KILL:1",
	    "--remap-exit",
	    "--remap-exit=300",
	    "0",
	    "1",
	    "31536001",
	    "TERM:INT",
	    "RTMIN+3:RTMAX",
	    "poweroff",
	    "x",
	    "-x",
	    "--x",
	    "STOP:1",
	    "64:0",
	    "65:1",
	    "--remap-exit=255",
	};
	const unsigned npieces = sizeof pieces / sizeof pieces[0];
	struct unit_rng rng;
	unit_rng_seed(&rng, 2026);
	int counts[4] = {0};
	for (int run = 0; run < 100000; run++) {
		struct cmdline l;
		const char *words[MAX_ARGS + 1];
		int n = (int)unit_rng_below(&rng, MAX_ARGS + 1);
		for (int i = 0; i < n; i++)
			words[i] = pieces[unit_rng_below(&rng, npieces)];
		words[n] = 0;
		parse_list(&l, words);
		const struct args *a = &l.a;
		assert_true(a->result >= ARGS_RUN && a->result <= ARGS_ERROR);
		counts[a->result]++;
		if (a->result == ARGS_RUN) {
			assert_true(a->command_index >= 1 &&
				    a->command_index <= l.argc);
			assert_int_equal(a->error, ARGS_OK);
			/* Everything before the command was an option. */
			for (int i = 1; i < a->command_index; i++)
				assert_true(l.argv[i][0] == '-' ||
					    (i > 1 && l.argv[i - 1][0] == '-'));
		}
		if (a->result == ARGS_ERROR) {
			assert_true(a->error >= ARGS_UNKNOWN_OPTION &&
				    a->error <= ARGS_BAD_EXIT_STATUS);
			assert_true(a->error_index >= 1 &&
				    a->error_index < l.argc);
			if (a->error_value) {
				const char *w = l.argv[a->error_index];
				const char *next =
				    a->error_index + 1 < l.argc
					? l.argv[a->error_index + 1]
					: 0;
				assert_true(a->error_value == next ||
					    (a->error_value > w &&
					     a->error_value <= w + strlen(w)));
			}
		}
		const struct hinit_config *c = &a->cfg;
		assert_true(c->mode == MODE_NODE || c->mode == MODE_CONTAINER);
		assert_true(c->on_exit >= ON_EXIT_REBOOT &&
			    c->on_exit <= ON_EXIT_HALT);
		assert_true(c->single_child == 0 || c->single_child == 1);
		assert_true(c->verbose == 0 || c->verbose == 1);
		assert_true(c->grace_seconds >= 0 &&
			    c->grace_seconds <= HINIT_MAX_SECONDS);
		assert_true(c->reboot_delay_seconds >= 0 &&
			    c->reboot_delay_seconds <= HINIT_MAX_SECONDS);
		for (int sig = 1; sig <= HINIT_NSIG; sig++)
			assert_true(c->rewrite[sig] <= HINIT_NSIG);
		assert_int_equal(c->rewrite[9], 9);
		assert_int_equal(c->rewrite[17], 17);
		assert_int_equal(c->rewrite[19], 19);
		for (int code = 0; code < 256; code++)
			assert_true(c->remap_exit[code] <= 1);
	}
	/* The generator reaches every outcome. */
	for (int r = 0; r < 4; r++)
		assert_true(counts[r] > 1000);
}

int unit_args_tests(int *run)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_flags),
	    cmocka_unit_test(test_help_version),
	    cmocka_unit_test(test_end_of_options),
	    cmocka_unit_test(test_valued_both_forms),
	    cmocka_unit_test(test_on_exit),
	    cmocka_unit_test(test_seconds),
	    cmocka_unit_test(test_remap_exit),
	    cmocka_unit_test(test_rewrite),
	    cmocka_unit_test(test_errors_keep_earlier_options),
	    cmocka_unit_test(test_signal_from_text),
	    cmocka_unit_test(test_signal_name),
	    cmocka_unit_test(test_parse_decimal),
	    cmocka_unit_test(test_random_command_lines),
	};
	*run = sizeof tests / sizeof tests[0];
	return cmocka_run_group_tests_name("args", tests, 0, 0);
}
