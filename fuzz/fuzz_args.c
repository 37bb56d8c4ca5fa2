/* fuzz_args.c - the command line parser under arbitrary argv.
 *
 * Input: the words of argv[1..], separated by NUL bytes (argv[0] is
 * "hinit"; at most 48 words).  Checks:
 *   - no crash and no read outside the words (each word is its own heap
 *     block, so ASan sees an over-read);
 *   - every rejection names a known error with a message, an index that
 *     points at an option, a value that is part of argv, keeps what was
 *     parsed before it, and means exit status 2;
 *   - every acceptance round-trips: the configuration written back as
 *     options parses to the same configuration;
 *   - a reference parser written from the usage text agrees on the
 *     result, the command's index, the error, its index and value, and
 *     the configuration (a self-consistent parser bug still round-trips);
 *   - every word also goes through signal_from_text and parse_decimal and
 *     is compared with references built on libc (sigabbrev_np, SIGRTMIN
 *     as glibc numbers it). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sigabbrev_np */
#endif
#include <ctype.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "fuzz_common.h"
#include "signals.h"

#define MAX_WORDS 48

#ifdef FUZZ_EACSL
int eacsl_signal_from_text(const char *text);
int eacsl_parse_decimal(const char *text, int max);
void eacsl_parse_args(int argc, char *const argv[], struct args *out);
#define signal_from_text eacsl_signal_from_text
#define parse_decimal eacsl_parse_decimal
#define parse_args eacsl_parse_args
#endif

/* ---- references for signals.c ------------------------------------------ */

static int ref_decimal(const char *text, int max)
{
	unsigned long long v = 0;
	if (!*text)
		return -1;
	for (; *text; text++) {
		if (!isdigit((unsigned char)*text))
			return -1;
		v = v * 10 + (unsigned)(*text - '0');
		if (v > (unsigned long long)max)
			return -1;
	}
	return (int)v;
}

static int ref_signal(const char *text)
{
	if (isdigit((unsigned char)*text))
		return ref_decimal(text, 64);
	const char *name = strncasecmp(text, "SIG", 3) == 0 ? text + 3 : text;
	/* glibc keeps 32 and 33 for itself: its SIGRTMIN is 34. */
	static const struct {
		const char *word;
		int base, sign;
	} rt[] = {{"RTMIN", 34, 1}, {"RTMAX", 64, -1}};
	for (int i = 0; i < 2; i++) {
		if (strncasecmp(name, rt[i].word, 5) != 0)
			continue;
		const char *rest = name + 5;
		if (!*rest)
			return rt[i].base;
		if (*rest != (rt[i].sign > 0 ? '+' : '-'))
			return -1;
		int off = ref_decimal(rest + 1, 30);
		return off < 0 ? -1 : rt[i].base + rt[i].sign * off;
	}
	for (int sig = 1; sig < 32; sig++) {
		const char *abbrev = sigabbrev_np(sig);
		if (abbrev && strcasecmp(name, abbrev) == 0)
			return sig;
	}
	static const struct {
		const char *word;
		int sig;
	} alias[] = {{"IOT", SIGABRT}, {"CLD", SIGCHLD}, {"POLL", SIGIO},
		     {"IO", SIGIO},    {"STKFLT", 16},	 {"PWR", SIGPWR},
		     {"SYS", SIGSYS}};
	for (unsigned i = 0; i < sizeof alias / sizeof alias[0]; i++)
		if (strcasecmp(name, alias[i].word) == 0)
			return alias[i].sig;
	return -1;
}

static void check_word(const char *w)
{
	int got = signal_from_text(w), want = ref_signal(w);
	FUZZ_CHECK(got == want, "signal_from_text(\"%s\") = %d, expected %d", w,
		   got, want);
	/* Names only for 1..31, and each reads back as its number. */
	const char *name = signal_name(got);
	if (got >= 1 && got <= 31)
		FUZZ_CHECK(name && signal_from_text(name) == got &&
			       ref_signal(name) == got,
			   "signal_name(%d) = %s", got, name ? name : "NULL");
	else
		FUZZ_CHECK(!name, "signal_name(%d) = %s", got, name);
	static const int maxes[] = {0, 9, 64, 255, HINIT_MAX_SECONDS, INT_MAX};
	for (unsigned i = 0; i < sizeof maxes / sizeof maxes[0]; i++) {
		got = parse_decimal(w, maxes[i]);
		want = ref_decimal(w, maxes[i]);
		FUZZ_CHECK(got == want,
			   "parse_decimal(\"%s\", %d) = %d, "
			   "expected %d",
			   w, maxes[i], got, want);
	}
}

/* ---- round trip -------------------------------------------------------- */

static void check_same(const struct hinit_config *a,
		       const struct hinit_config *b, const char *what)
{
	FUZZ_CHECK(a->mode == b->mode && a->on_exit == b->on_exit &&
		       a->single_child == b->single_child &&
		       a->verbose == b->verbose &&
		       a->no_seccomp == b->no_seccomp &&
		       a->grace_seconds == b->grace_seconds &&
		       a->reboot_delay_seconds == b->reboot_delay_seconds,
		   "%s: flags or timers differ", what);
	FUZZ_CHECK(memcmp(a->rewrite, b->rewrite, sizeof a->rewrite) == 0,
		   "%s: rewrite differs", what);
	FUZZ_CHECK(memcmp(a->remap_exit, b->remap_exit, sizeof a->remap_exit) ==
		       0,
		   "%s: remap differs", what);
}

/* The configuration as options: every field that differs from the
 * default, then "--" and a command.  Returns argc. */
static int render(const struct hinit_config *cfg, char pool[][32], char **argv,
		  int max)
{
	static const char *const how[] = {"reboot", "poweroff", "halt"};
	int n = 0;
	argv[n++] = "hinit";
	if (cfg->mode == MODE_CONTAINER)
		argv[n++] = "--container";
	if (cfg->single_child)
		argv[n++] = "--single-child";
	if (cfg->verbose)
		argv[n++] = "-v";
	if (cfg->no_seccomp)
		argv[n++] = "--no-seccomp";
	FUZZ_CHECK(cfg->on_exit >= 0 && cfg->on_exit <= 2, "on_exit %d",
		   cfg->on_exit);
	snprintf(pool[n], 32, "--grace=%d", cfg->grace_seconds);
	argv[n] = pool[n];
	n++;
	argv[n++] = "--reboot-delay";
	snprintf(pool[n], 32, "%d", cfg->reboot_delay_seconds);
	argv[n] = pool[n];
	n++;
	snprintf(pool[n], 32, "--on-exit=%s", how[cfg->on_exit]);
	argv[n] = pool[n];
	n++;
	for (int s = 1; s <= HINIT_NSIG; s++) {
		if (cfg->rewrite[s] == s)
			continue;
		FUZZ_CHECK(n + 3 < max, "too many options");
		snprintf(pool[n], 32, "--rewrite=%d:%d", s, cfg->rewrite[s]);
		argv[n] = pool[n];
		n++;
	}
	for (int code = 0; code < 256; code++) {
		if (!cfg->remap_exit[code])
			continue;
		FUZZ_CHECK(n + 3 < max, "too many options");
		snprintf(pool[n], 32, "--remap-exit=%d", code);
		argv[n] = pool[n];
		n++;
	}
	argv[n++] = "--";
	argv[n++] = "cmd";
	argv[n] = 0;
	return n;
}

static void check_round_trip(const struct hinit_config *cfg)
{
	static char pool[400][32];
	static char *argv[400];
	int argc = render(cfg, pool, argv, 400);
	struct args again;
	parse_args(argc, argv, &again);
	FUZZ_CHECK(again.result == ARGS_RUN,
		   "rendered options rejected: %d "
		   "at %d",
		   again.error, again.error_index);
	FUZZ_CHECK(again.command_index == argc - 1, "command at %d of %d",
		   again.command_index, argc);
	check_same(cfg, &again.cfg, "round trip");
}

/* ---- reference parser -------------------------------------------------- */

struct ref {
	int result, command_index, error, error_index;
	const char *error_value;
	struct hinit_config cfg;
};

static void ref_fail(struct ref *r, int error, int index, const char *value)
{
	r->result = ARGS_ERROR;
	r->error = error;
	r->error_index = index;
	r->error_value = value;
}

static int ref_value(const char *opt, const char *v, struct hinit_config *cfg)
{
	if (!strcmp(opt, "--grace") || !strcmp(opt, "--reboot-delay")) {
		int n = ref_decimal(v, 31536000);
		if (n < 0)
			return ARGS_BAD_SECONDS;
		*(opt[2] == 'g' ? &cfg->grace_seconds
				: &cfg->reboot_delay_seconds) = n;
	} else if (!strcmp(opt, "--on-exit")) {
		static const char *const how[] = {"reboot", "poweroff", "halt"};
		int k = 0;
		while (k < 3 && strcmp(v, how[k]))
			k++;
		if (k == 3)
			return ARGS_BAD_ON_EXIT;
		cfg->on_exit = k;
	} else if (!strcmp(opt, "--rewrite")) {
		const char *colon = strchr(v, ':');
		if (!colon)
			return ARGS_BAD_REWRITE;
		/* FROM is a signal name or number: 15 characters at most. */
		char from_text[64];
		size_t len = (size_t)(colon - v);
		if (len >= 16)
			return ARGS_BAD_REWRITE;
		memcpy(from_text, v, len);
		from_text[len] = 0;
		int from = ref_signal(from_text), to = ref_signal(colon + 1);
		if (from < 1 || to < 0)
			return ARGS_BAD_REWRITE;
		if (from == SIGKILL || from == SIGSTOP || from == SIGCHLD)
			return ARGS_REWRITE_UNCATCHABLE;
		cfg->rewrite[from] = (unsigned char)to;
	} else {
		int n = ref_decimal(v, 255);
		if (n < 0)
			return ARGS_BAD_EXIT_STATUS;
		cfg->remap_exit[n] = 1;
	}
	return ARGS_OK;
}

static void ref_parse(int argc, char **argv, struct ref *r)
{
	memset(r, 0, sizeof *r);
	r->cfg.grace_seconds = 5;
	r->cfg.reboot_delay_seconds = 30;
	for (int s = 0; s <= HINIT_NSIG; s++)
		r->cfg.rewrite[s] = (unsigned char)s;
	r->result = ARGS_RUN;
	r->command_index = argc;
	static const char *const flags[] = {
	    "-h",	 "--help",	   "--version",	  "-v",
	    "--verbose", "--single-child", "--container", "--no-seccomp"};
	static const char *const valued[] = {"--grace", "--reboot-delay",
					     "--on-exit", "--rewrite",
					     "--remap-exit"};
	for (int i = 1; i < argc; i++) {
		const char *w = argv[i];
		if (!strcmp(w, "--")) {
			r->command_index = i + 1;
			return;
		}
		if (w[0] != '-' || !w[1]) {
			r->command_index = i;
			return;
		}
		/* Only long options take "=value". */
		const char *eq = strncmp(w, "--", 2) ? 0 : strchr(w, '=');
		char name[64] = "";
		size_t len = eq ? (size_t)(eq - w) : strlen(w);
		if (len < sizeof name) {
			memcpy(name, w, len);
			name[len] = 0;
		}
		const char *value = eq ? eq + 1 : 0;
		int f = 0;
		int nflags = (int)(sizeof flags / sizeof flags[0]);
		while (f < nflags && strcmp(name, flags[f]))
			f++;
		if (f < nflags) {
			if (value) {
				ref_fail(r, ARGS_UNEXPECTED_VALUE, i, value);
				return;
			}
			if (f < 2) {
				r->result = ARGS_HELP;
				return;
			}
			if (f == 2) {
				r->result = ARGS_VERSION;
				return;
			}
			if (f < 5)
				r->cfg.verbose = 1;
			else if (f == 5)
				r->cfg.single_child = 1;
			else if (f == 6)
				r->cfg.mode = MODE_CONTAINER;
			else
				r->cfg.no_seccomp = 1;
			continue;
		}
		int k = 0;
		while (k < 5 && strcmp(name, valued[k]))
			k++;
		if (k == 5) {
			ref_fail(r, ARGS_UNKNOWN_OPTION, i, 0);
			return;
		}
		int at = i;
		if (!value) {
			if (i + 1 == argc) {
				ref_fail(r, ARGS_MISSING_VALUE, i, 0);
				return;
			}
			value = argv[++i];
		}
		int error = ref_value(valued[k], value, &r->cfg);
		if (error) {
			ref_fail(r, error, at, value);
			return;
		}
	}
}

static void check_reference(int argc, char **argv, const struct args *a)
{
	struct ref r;
	ref_parse(argc, argv, &r);
	FUZZ_CHECK(a->result == r.result, "result %d, reference %d", a->result,
		   r.result);
	if (a->result == ARGS_RUN)
		FUZZ_CHECK(a->command_index == r.command_index,
			   "command index %d, reference %d", a->command_index,
			   r.command_index);
	if (a->result == ARGS_ERROR)
		FUZZ_CHECK(a->error == r.error &&
			       a->error_index == r.error_index &&
			       a->error_value == r.error_value,
			   "error %d at %d, reference %d at %d", a->error,
			   a->error_index, r.error, r.error_index);
	check_same(&a->cfg, &r.cfg, "reference");
}

/* ---- the target -------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_WORDS + 2];
	int argc = 0;
	argv[argc++] = strdup("hinit");
	size_t start = 0;
	while (start <= size && argc <= MAX_WORDS) {
		const uint8_t *end =
		    size > start ? memchr(data + start, 0, size - start) : 0;
		size_t len =
		    end ? (size_t)(end - (data + start)) : size - start;
		char *w = malloc(len + 1);
		FUZZ_CHECK(w, "out of memory");
		memcpy(w, data + start, len);
		w[len] = 0;
		argv[argc++] = w;
		start += len + 1;
	}
	argv[argc] = 0;

	for (int i = 1; i < argc; i++)
		check_word(argv[i]);

	struct args a;
	memset(&a, 0xa5, sizeof a);
	parse_args(argc, argv, &a);
	check_reference(argc, argv, &a);
	/* Codes that are no error have the generic text. */
	static const int not_errors[] = {ARGS_OK, -1, ARGS_BAD_EXIT_STATUS + 1};
	for (unsigned i = 0; i < 3; i++)
		FUZZ_CHECK(
		    !strcmp(args_error_text(not_errors[i]), "invalid argument"),
		    "args_error_text(%d)", not_errors[i]);
	FUZZ_CHECK(HINIT_EXIT_USAGE == 2, "usage status %d", HINIT_EXIT_USAGE);
	switch (a.result) {
	case ARGS_RUN:
		FUZZ_CHECK(a.error == ARGS_OK, "run with error %d", a.error);
		FUZZ_CHECK(a.command_index >= 1 && a.command_index <= argc,
			   "command index %d", a.command_index);
		if (a.command_index < argc &&
		    strcmp(argv[a.command_index - 1], "--") != 0)
			FUZZ_CHECK(argv[a.command_index][0] != '-' ||
				       argv[a.command_index][1] == 0,
				   "command \"%s\" looks like an option",
				   argv[a.command_index]);
		check_round_trip(&a.cfg);
		break;
	case ARGS_HELP:
	case ARGS_VERSION:
		break;
	case ARGS_ERROR: {
		FUZZ_CHECK(a.error > ARGS_OK && a.error <= ARGS_BAD_EXIT_STATUS,
			   "error %d", a.error);
		const char *text = args_error_text(a.error);
		FUZZ_CHECK(text && *text && strcmp(text, "invalid argument"),
			   "error %d has no message", a.error);
		FUZZ_CHECK(a.error_index >= 1 && a.error_index < argc,
			   "error index %d of %d", a.error_index, argc);
		const char *opt = argv[a.error_index];
		FUZZ_CHECK(opt[0] == '-', "error at non-option \"%s\"", opt);
		if (a.error_value) {
			const char *eq = strchr(opt, '=');
			FUZZ_CHECK(
			    (eq && a.error_value == eq + 1) ||
				(a.error_index + 1 < argc &&
				 a.error_value == argv[a.error_index + 1]),
			    "error value not from argv");
		}
		/* What came before the bad option is kept (main needs
		 * the mode) and is exactly what those words alone give. */
		struct args before;
		parse_args(a.error_index, argv, &before);
		FUZZ_CHECK(before.result == ARGS_RUN &&
			       before.command_index == a.error_index,
			   "options before the error: result %d",
			   before.result);
		check_same(&before.cfg, &a.cfg, "before the error");
		break;
	}
	default:
		FUZZ_CHECK(0, "result %d", a.result);
	}
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	return 0;
}
