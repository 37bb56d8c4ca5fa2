/* args.c - the command line, parsed without side effects. */
#include <signal.h>
/* For the ACSL string predicates (valid_read_string) of the proofs. */
#include <string.h>
#include "args.h"
#include "signals.h"

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

/*@ requires valid_read_string(a) && valid_read_string(b);
    assigns \nothing;
*/
static int equal(const char *a, const char *b)
{
	/*@ loop invariant 0 <= a - \at(a, Pre) <= strlen(\at(a, Pre));
	    loop invariant b - \at(b, Pre) == a - \at(a, Pre);
	    loop invariant 0 <= b - \at(b, Pre) <= strlen(\at(b, Pre));
	    loop invariant \base_addr(a) == \base_addr(\at(a, Pre));
	    loop invariant \base_addr(b) == \base_addr(\at(b, Pre));
	    loop invariant valid_read_string(a) && valid_read_string(b);
	    loop assigns a, b;
	    loop variant strlen(a);
	*/
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* "--name" or "--name=value" matches name; *value gets what follows '='. */
/*@ requires valid_read_string(arg) && valid_read_string(name);
    requires \valid(value);
    requires *value == \null || valid_read_string(*value);
    assigns *value;
    ensures *value == \null || valid_read_string(*value);
*/
static int option_is(const char *arg, const char *name, const char **value)
{
	/*@ loop invariant 0 <= name - \at(name, Pre) <= strlen(\at(name, Pre));
	    loop invariant arg - \at(arg, Pre) == name - \at(name, Pre);
	    loop invariant 0 <= arg - \at(arg, Pre) <= strlen(\at(arg, Pre));
	    loop invariant \base_addr(arg) == \base_addr(\at(arg, Pre));
	    loop invariant \base_addr(name) == \base_addr(\at(name, Pre));
	    loop invariant valid_read_string(arg) && valid_read_string(name);
	    loop assigns arg, name;
	    loop variant strlen(name);
	*/
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

/*@ requires valid_read_string(text) && \valid(cfg);
    assigns cfg->rewrite[1 .. HINIT_NSIG];
*/
static int parse_rewrite(const char *text, struct hinit_config *cfg)
{
	char from_text[16];
	unsigned len = 0;
	/*@ loop invariant 0 <= len <= strlen(text) && len <= 15;
	    loop invariant \forall integer k; 0 <= k < len ==>
	      from_text[k] == text[k] && text[k] != 0;
	    loop assigns len, from_text[0 .. 14];
	    loop variant strlen(text) - len;
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

/*@ requires valid_read_string(opt) && valid_read_string(value);
    requires \valid(cfg);
    assigns cfg->grace_seconds, cfg->reboot_delay_seconds, cfg->on_exit,
      cfg->rewrite[1 .. HINIT_NSIG], cfg->remap_exit[0 .. 255];
*/
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

/* argv is what the kernel gives main: argc strings. */
/*@ requires 0 <= argc;
    requires \valid_read(argv + (0 .. argc - 1));
    requires \forall integer i; 0 <= i < argc ==> valid_read_string(argv[i]);
    requires \valid(out) && \separated(out, argv + (0 .. argc - 1));
    assigns *out;
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
		else if (option_is(arg, "--no-seccomp", &value))
			flag = &out->cfg.no_seccomp;
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
		/*@ loop invariant 0 <= k <= 5;
		    loop invariant value == \null || valid_read_string(value);
		    loop assigns k, value;
		    loop variant 5 - k;
		*/
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
