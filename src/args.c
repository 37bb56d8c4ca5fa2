/* args.c - the command line, parsed without side effects. */
#include <signal.h>
/* For the ACSL string predicates (valid_read_string) of the proofs. */
#include <string.h>
#include "args.h"
#include "signals.h"
#include "words.h"

/*@ requires \valid(cfg);
    assigns *cfg;
*/
void config_defaults(struct hinit_config *cfg)
{
	cfg->mode = MODE_NODE;
	cfg->on_exit = ON_EXIT_REBOOT;
	cfg->single_child = 0;
	cfg->verbose = 0;
	cfg->no_seccomp = 0;
	cfg->grace_seconds = 5;
	cfg->reboot_delay_seconds = 30;
	/*@ loop invariant 0 <= sig <= HINIT_NSIG + 1;
	    loop assigns sig, cfg->rewrite[0 .. HINIT_NSIG];
	    loop variant HINIT_NSIG + 1 - sig;
	*/
	for (int sig = 0; sig <= HINIT_NSIG; sig++)
		cfg->rewrite[sig] = (unsigned char)sig;
	/*@ loop invariant 0 <= code <= 256;
	    loop assigns code, cfg->remap_exit[0 .. 255];
	    loop variant 256 - code;
	*/
	for (int code = 0; code < 256; code++)
		cfg->remap_exit[code] = 0;
}

/*@ assigns \nothing;
    ensures \result != \null;
*/
const char *args_error_text(int error)
{
	switch (error) {
	case ARGS_UNKNOWN_OPTION:
		return "unknown option (see hinit --help)";
	case ARGS_MISSING_VALUE:
		return "this option needs a value";
	case ARGS_UNEXPECTED_VALUE:
		return "this option takes no value";
	case ARGS_BAD_SECONDS:
		return "expected whole seconds from 0 to 31536000";
	case ARGS_BAD_ON_EXIT:
		return "expected reboot, poweroff or halt";
	case ARGS_BAD_REWRITE:
		return "expected FROM:TO, signals as names (TERM, SIGTERM, "
		       "RTMIN+3) or numbers 1-64; TO may be 0 to drop";
	case ARGS_REWRITE_UNCATCHABLE:
		return "KILL, STOP and CHLD are never forwarded, so cannot be "
		       "rewritten";
	case ARGS_BAD_EXIT_STATUS:
		return "expected an exit status from 0 to 255";
	default:
		return "invalid argument";
	}
}

/* Every word the parser compares an argument with, in rows (words.h
 * says why).  The options before OPT_GRACE take no value. */
#define WORD_SIZE 16

enum option_id {
	OPT_END, /* "--" */
	OPT_HELP_SHORT,
	OPT_HELP,
	OPT_VERSION,
	OPT_VERBOSE_SHORT,
	OPT_VERBOSE,
	OPT_SINGLE_CHILD,
	OPT_NO_SECCOMP,
	OPT_CONTAINER,
	OPT_GRACE,
	OPT_REBOOT_DELAY,
	OPT_ON_EXIT,
	OPT_REWRITE,
	OPT_REMAP_EXIT,
	OPT_COUNT,
	OPT_UNKNOWN = -1,
};

static const char option_names[OPT_COUNT][WORD_SIZE] = {
    [OPT_END] = "--",
    [OPT_HELP_SHORT] = "-h",
    [OPT_HELP] = "--help",
    [OPT_VERSION] = "--version",
    [OPT_VERBOSE_SHORT] = "-v",
    [OPT_VERBOSE] = "--verbose",
    [OPT_SINGLE_CHILD] = "--single-child",
    [OPT_NO_SECCOMP] = "--no-seccomp",
    [OPT_CONTAINER] = "--container",
    [OPT_GRACE] = "--grace",
    [OPT_REBOOT_DELAY] = "--reboot-delay",
    [OPT_ON_EXIT] = "--on-exit",
    [OPT_REWRITE] = "--rewrite",
    [OPT_REMAP_EXIT] = "--remap-exit",
};

static const char on_exit_names[3][WORD_SIZE] = {
    [ON_EXIT_REBOOT] = "reboot",
    [ON_EXIT_POWEROFF] = "poweroff",
    [ON_EXIT_HALT] = "halt",
};

/* arg is the option id names, exactly or, for a long option, as
 * "--name=value" (then *value gets what follows '='). */
/*@ requires valid_read_string(arg);
    requires 0 <= id < OPT_COUNT;
    requires \valid(value) && *value == \null;
    assigns *value;
    ensures \result == 0 ==> *value == \null;
    ensures *value == \null || valid_read_string(*value);
*/
static int option_is(const char *arg, int id, const char **value)
{
	const char *name = option_names[id];
	const char *rest = skip_word(arg, name, WORD_SIZE, 0);
	if (!rest)
		return 0;
	if (*rest == '=' && name[1] == '-' && name[2] != 0) {
		*value = rest + 1;
		return 1;
	}
	/* "--" and the short options never take "=value". */
	return *rest == 0;
}

/* Which option arg is; OPT_UNKNOWN if none. */
/*@ requires valid_read_string(arg);
    requires \valid(value) && *value == \null;
    assigns *value;
    ensures OPT_UNKNOWN <= \result < OPT_COUNT;
    ensures *value == \null || valid_read_string(*value);
*/
static int find_option(const char *arg, const char **value)
{
	/*@ loop invariant 0 <= id <= OPT_COUNT;
	    loop invariant *value == \null;
	    loop assigns id, *value;
	    loop variant OPT_COUNT - id;
	*/
	for (int id = 0; id < OPT_COUNT; id++)
		if (option_is(arg, id, value))
			return id;
	return OPT_UNKNOWN;
}

/*@ requires valid_read_string(text);
    assigns \nothing;
    ensures -1 <= \result <= ON_EXIT_HALT;
*/
static int on_exit_from_text(const char *text)
{
	/*@ loop invariant 0 <= how <= 3;
	    loop assigns how;
	    loop variant 3 - how;
	*/
	for (int how = 0; how < 3; how++)
		if (word_is(text, on_exit_names[how], WORD_SIZE, 0))
			return how;
	return -1;
}

/*@ requires valid_read_string(text) && \valid(cfg);
    assigns cfg->rewrite[1 .. HINIT_NSIG];
*/
static int parse_rewrite(const char *text, struct hinit_config *cfg)
{
	char from_text[16];
	unsigned len = 0;
	/*@ loop invariant 0 <= len <= 15;
	    loop invariant len <= \at(strlen(text), Pre);
	    loop invariant \forall integer k; 0 <= k < len ==>
	      from_text[k] == text[k] && text[k] != 0;
	    loop assigns len, from_text[0 .. 14];
	    loop variant 15 - len;
	*/
	while (text[len] && text[len] != ':') {
		if (len + 1 >= sizeof from_text)
			return ARGS_BAD_REWRITE;
		from_text[len] = text[len];
		len++;
	}
	if (text[len] != ':')
		return ARGS_BAD_REWRITE;
	from_text[len] = 0;
	int from = signal_from_text(from_text);
	int to = signal_from_text(text + len + 1);
	if (from < 1 || to < 0)
		return ARGS_BAD_REWRITE;
	if (from == SIGKILL || from == SIGSTOP || from == SIGCHLD)
		return ARGS_REWRITE_UNCATCHABLE;
	cfg->rewrite[from] = (unsigned char)to;
	return ARGS_OK;
}

/*@ requires OPT_GRACE <= id <= OPT_REMAP_EXIT;
    requires valid_read_string(value) && \valid(cfg);
    assigns cfg->grace_seconds, cfg->reboot_delay_seconds, cfg->on_exit,
      cfg->rewrite[1 .. HINIT_NSIG], cfg->remap_exit[0 .. 255];
*/
static int parse_value(int id, const char *value, struct hinit_config *cfg)
{
	int n;
	switch (id) {
	case OPT_GRACE:
	case OPT_REBOOT_DELAY:
		n = parse_decimal(value, HINIT_MAX_SECONDS);
		if (n < 0)
			return ARGS_BAD_SECONDS;
		if (id == OPT_GRACE)
			cfg->grace_seconds = n;
		else
			cfg->reboot_delay_seconds = n;
		return ARGS_OK;
	case OPT_ON_EXIT:
		n = on_exit_from_text(value);
		if (n < 0)
			return ARGS_BAD_ON_EXIT;
		cfg->on_exit = n;
		return ARGS_OK;
	case OPT_REWRITE:
		return parse_rewrite(value, cfg);
	default: /* OPT_REMAP_EXIT */
		n = parse_decimal(value, 255);
		if (n < 0)
			return ARGS_BAD_EXIT_STATUS;
		cfg->remap_exit[n] = 1;
		return ARGS_OK;
	}
}

/*@ requires \valid(out);
    assigns out->result, out->error, out->error_index, out->error_value;
*/
static void fail(struct args *out, int error, int index, const char *value)
{
	out->result = ARGS_ERROR;
	out->error = error;
	out->error_index = index;
	out->error_value = value;
}

/* An option without a value: what it sets (out->result for --help and
 * --version, which end the parsing). */
/*@ requires \valid(out);
    requires OPT_HELP_SHORT <= id < OPT_GRACE;
    assigns out->result, out->cfg.verbose, out->cfg.single_child,
      out->cfg.no_seccomp, out->cfg.mode;
*/
static void apply_flag(struct args *out, int id)
{
	switch (id) {
	case OPT_HELP_SHORT:
	case OPT_HELP:
		out->result = ARGS_HELP;
		break;
	case OPT_VERSION:
		out->result = ARGS_VERSION;
		break;
	case OPT_VERBOSE_SHORT:
	case OPT_VERBOSE:
		out->cfg.verbose = 1;
		break;
	case OPT_SINGLE_CHILD:
		out->cfg.single_child = 1;
		break;
	case OPT_NO_SECCOMP:
		out->cfg.no_seccomp = 1;
		break;
	default: /* OPT_CONTAINER */
		out->cfg.mode = MODE_CONTAINER;
		break;
	}
}

/* argv is what the kernel gives main: argc strings. */
/*@ requires 0 <= argc;
    requires \valid_read(argv + (0 .. argc - 1));
    requires \forall integer i; 0 <= i < argc ==> valid_read_string(argv[i]);
    requires \valid(out) && \separated(out, argv + (0 .. argc - 1));
    assigns *out;
    ensures 0 <= out->command_index <= argc;
*/
void parse_args(int argc, char *const argv[], struct args *out)
{
	config_defaults(&out->cfg);
	out->result = ARGS_RUN;
	out->command_index = argc;
	out->error = ARGS_OK;
	out->error_index = 0;
	out->error_value = 0;

	int i = 1;
	/*@ loop invariant 1 <= i && (argc >= 1 ==> i <= argc);
	    loop invariant 0 <= out->command_index <= argc;
	    loop assigns i, out->cfg, out->result, out->command_index,
	      out->error, out->error_index, out->error_value;
	    loop variant argc - i;
	*/
	while (i < argc) {
		const char *arg = argv[i];
		const char *value = 0;
		int option_index = i;
		if (arg[0] != '-' || arg[1] == 0) {
			out->command_index = i;
			return;
		}
		int id = find_option(arg, &value);
		if (id == OPT_END) {
			out->command_index = i + 1;
			return;
		}
		if (id == OPT_UNKNOWN) {
			fail(out, ARGS_UNKNOWN_OPTION, i, 0);
			return;
		}
		if (id < OPT_GRACE) {
			if (value) {
				fail(out, ARGS_UNEXPECTED_VALUE, i, value);
				return;
			}
			apply_flag(out, id);
			if (out->result != ARGS_RUN)
				return;
			i++;
			continue;
		}
		if (!value) {
			if (i + 1 >= argc) {
				fail(out, ARGS_MISSING_VALUE, i, 0);
				return;
			}
			value = argv[i + 1];
			i++;
		}
		int error = parse_value(id, value, &out->cfg);
		if (error != ARGS_OK) {
			fail(out, error, option_index, value);
			return;
		}
		i++;
	}
}
