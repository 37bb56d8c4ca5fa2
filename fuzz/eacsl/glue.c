/* glue.c - the E-ACSL build's entry points, instrumented with the core.
 *
 * E-ACSL checks a contract where an instrumented caller calls the
 * function, and checks \valid and friends against the memory it has seen
 * allocated.  The harnesses are not instrumented (they need libc headers,
 * which E-ACSL 25 cannot take), so each entry point here copies its
 * arguments into globals of this file, calls the core from instrumented
 * code, and copies the results back.  main is here too, so the runtime's memory
 * model is set up before the first call; driver.c does the reading. */
#include "args.h"
#include "signals.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, unsigned long size);
long eacsl_read_input(unsigned char *buf, long cap);

#define INPUT_MAX 65536
#define POOL_MAX (2 * INPUT_MAX + 8192)
#define WORDS_MAX 512

static unsigned char input[INPUT_MAX];

/* The core's objects live here, where the runtime has registered them
 * (E-ACSL tracks the globals of instrumented files; these functions are
 * called only from the uninstrumented harness, so their locals would not
 * be tracked). */
static struct core the_core;
static struct hinit_config the_config;
static struct event the_event;
static struct actions the_actions;

void eacsl_core_init(struct core *c, const struct hinit_config *cfg,
		     int is_pid1, int can_reboot)
{
	the_config = *cfg;
	core_init(&the_core, &the_config, is_pid1, can_reboot);
	*c = the_core;
}

void eacsl_core_step(struct core *c, const struct event *ev,
		     struct actions *out)
{
	the_core = *c;
	the_event = *ev;
	core_step(&the_core, &the_event, &the_actions);
	*c = the_core;
	*out = the_actions;
}

int eacsl_status_to_exit_code(int raw_status)
{
	return status_to_exit_code(raw_status);
}

int eacsl_spawn_error_exit_code(int err)
{
	return spawn_error_exit_code(err);
}

/* Strings go into pool, which the runtime knows, NUL included. */
static char pool[POOL_MAX];
static char *words[WORDS_MAX + 1];
static struct args the_args;

static char *copy_in(const char *s, unsigned long *used)
{
	char *start = pool + *used;
	unsigned long i = 0;
	while (*used + i + 1 < POOL_MAX && s[i]) {
		start[i] = s[i];
		i++;
	}
	start[i] = 0;
	*used += i + 1;
	return start;
}

int eacsl_signal_from_text(const char *text)
{
	unsigned long used = 0;
	return signal_from_text(copy_in(text, &used));
}

int eacsl_parse_decimal(const char *text, int max)
{
	unsigned long used = 0;
	return parse_decimal(copy_in(text, &used), max);
}

void eacsl_parse_args(int argc, char *const argv[], struct args *out)
{
	unsigned long used = 0;
	int n = argc < WORDS_MAX ? argc : WORDS_MAX;
	for (int i = 0; i < n; i++)
		words[i] = copy_in(argv[i], &used);
	words[n] = 0;
	parse_args(n, words, &the_args);
	struct args la = the_args;
	/* error_value points into a word: give the caller's address back. */
	if (la.error_value) {
		for (int i = 0; i < n; i++) {
			unsigned long len = 0;
			while (words[i][len])
				len++;
			if (la.error_value >= words[i] &&
			    la.error_value <= words[i] + len) {
				la.error_value =
				    argv[i] + (la.error_value - words[i]);
				break;
			}
		}
	}
	*out = la;
}

/* E-ACSL decides which memory to track from what main can reach, and the
 * harness that calls the entry points is outside its view: one call of
 * each here, on plain inputs, makes them reachable. */
static void reach_entry_points(void)
{
	static struct core c;
	static struct hinit_config cfg;
	static struct event ev = {EV_SIGNAL, 0, 15};
	static struct actions out;
	static char *argv[] = {"hinit", "--", 0};
	static struct args a;
	config_defaults(&cfg);
	eacsl_core_init(&c, &cfg, 0, 0);
	eacsl_core_step(&c, &ev, &out);
	eacsl_status_to_exit_code(0);
	eacsl_spawn_error_exit_code(0);
	eacsl_signal_from_text("TERM");
	eacsl_parse_decimal("1", 1);
	eacsl_parse_args(2, argv, &a);
}

int main(void)
{
	reach_entry_points();
	long n = eacsl_read_input(input, INPUT_MAX);
	if (n < 0)
		return 1;
	LLVMFuzzerTestOneInput(input, (unsigned long)n);
	return 0;
}
