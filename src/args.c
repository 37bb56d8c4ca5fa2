/* args.c - the command line, parsed without side effects. */
#include <signal.h>
#include "args.h"
#include "signals.h"

void config_defaults(struct hinit_config *cfg)
{
	cfg->mode = MODE_NODE;
	cfg->on_exit = ON_EXIT_REBOOT;
	cfg->single_child = 0;
	cfg->verbose = 0;
	cfg->grace_seconds = 5;
	cfg->reboot_delay_seconds = 30;
	for (int sig = 0; sig <= HINIT_NSIG; sig++)
		cfg->rewrite[sig] = (unsigned char)sig;
	for (int code = 0; code < 256; code++)
		cfg->remap_exit[code] = 0;
}

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

static int equal(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* "--name" or "--name=value" matches name; *value gets what follows '='. */
static int option_is(const char *arg, const char *name, const char **value)
{
	while (*name && *arg == *name) {
		arg++;
		name++;
	}
	if (*name)
		return 0;
	if (*arg == '=') {
		*value = arg + 1;
		return 1;
	}
	return *arg == 0;
}

static int parse_rewrite(const char *text, struct hinit_config *cfg)
{
	char from_text[16];
	unsigned len = 0;
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

static int parse_value(const char *opt, const char *value,
		       struct hinit_config *cfg)
{
	int n;
	if (equal(opt, "--grace") || equal(opt, "--reboot-delay")) {
		n = parse_decimal(value, HINIT_MAX_SECONDS);
		if (n < 0)
			return ARGS_BAD_SECONDS;
		if (equal(opt, "--grace"))
			cfg->grace_seconds = n;
		else
			cfg->reboot_delay_seconds = n;
		return ARGS_OK;
	}
	if (equal(opt, "--on-exit")) {
		if (equal(value, "reboot"))
			cfg->on_exit = ON_EXIT_REBOOT;
		else if (equal(value, "poweroff"))
			cfg->on_exit = ON_EXIT_POWEROFF;
		else if (equal(value, "halt"))
			cfg->on_exit = ON_EXIT_HALT;
		else
			return ARGS_BAD_ON_EXIT;
		return ARGS_OK;
	}
	if (equal(opt, "--rewrite"))
		return parse_rewrite(value, cfg);
	/* --remap-exit */
	n = parse_decimal(value, 255);
	if (n < 0)
		return ARGS_BAD_EXIT_STATUS;
	cfg->remap_exit[n] = 1;
	return ARGS_OK;
}

static const char *const valued[] = {
    "--grace", "--reboot-delay", "--on-exit", "--rewrite", "--remap-exit",
};

static void fail(struct args *out, int error, int index, const char *value)
{
	out->result = ARGS_ERROR;
	out->error = error;
	out->error_index = index;
	out->error_value = value;
}

void parse_args(int argc, char *const argv[], struct args *out)
{
	config_defaults(&out->cfg);
	out->result = ARGS_RUN;
	out->command_index = argc;
	out->error = ARGS_OK;
	out->error_index = 0;
	out->error_value = 0;

	int i = 1;
	while (i < argc) {
		const char *arg = argv[i];
		const char *value = 0;
		int option_index = i;
		if (equal(arg, "--")) {
			out->command_index = i + 1;
			return;
		}
		if (arg[0] != '-' || arg[1] == 0) {
			out->command_index = i;
			return;
		}
		if (equal(arg, "-h") || option_is(arg, "--help", &value)) {
			if (value) {
				fail(out, ARGS_UNEXPECTED_VALUE, i, value);
				return;
			}
			out->result = ARGS_HELP;
			return;
		}
		if (option_is(arg, "--version", &value)) {
			if (value) {
				fail(out, ARGS_UNEXPECTED_VALUE, i, value);
				return;
			}
			out->result = ARGS_VERSION;
			return;
		}
		int *flag = 0;
		int flag_value = 1;
		if (equal(arg, "-v") || option_is(arg, "--verbose", &value))
			flag = &out->cfg.verbose;
		else if (option_is(arg, "--single-child", &value))
			flag = &out->cfg.single_child;
		else if (option_is(arg, "--container", &value)) {
			flag = &out->cfg.mode;
			flag_value = MODE_CONTAINER;
		}
		if (flag) {
			if (value) {
				fail(out, ARGS_UNEXPECTED_VALUE, i, value);
				return;
			}
			*flag = flag_value;
			i++;
			continue;
		}
		unsigned k = 0;
		while (k < sizeof valued / sizeof valued[0] &&
		       !option_is(arg, valued[k], &value))
			k++;
		if (k == sizeof valued / sizeof valued[0]) {
			fail(out, ARGS_UNKNOWN_OPTION, i, 0);
			return;
		}
		if (!value) {
			if (i + 1 >= argc) {
				fail(out, ARGS_MISSING_VALUE, i, 0);
				return;
			}
			value = argv[i + 1];
			i++;
		}
		int error = parse_value(valued[k], value, &out->cfg);
		if (error != ARGS_OK) {
			fail(out, error, option_index, value);
			return;
		}
		i++;
	}
}
