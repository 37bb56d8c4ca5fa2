/* signals.c - signal names and numbers as users type them. */
#include "signals.h"

/* Linux x86-64 numbering, which is also every other common Linux ABI's
 * for these names except the few that differ on alpha, mips and sparc. */
static const char *const names[32] = {
    0,	      "HUP",  "INT",	"QUIT", "ILL",	 "TRAP", "ABRT", "BUS",
    "FPE",    "KILL", "USR1",	"SEGV", "USR2",	 "PIPE", "ALRM", "TERM",
    "STKFLT", "CHLD", "CONT",	"STOP", "TSTP",	 "TTIN", "TTOU", "URG",
    "XCPU",   "XFSZ", "VTALRM", "PROF", "WINCH", "IO",	 "PWR",	 "SYS",
};

/* Other names the kernel headers give the same numbers. */
static const struct {
	const char *name;
	int sig;
} aliases[] = {
    {"IOT", 6},
    {"CLD", 17},
    {"POLL", 29},
};

static char upper(char ch)
{
	return (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
}

/* text starts with word (case-insensitive); returns what follows or 0. */
static const char *skip_word(const char *text, const char *word)
{
	while (*word) {
		if (upper(*text) != *word)
			return 0;
		text++;
		word++;
	}
	return text;
}

int parse_decimal(const char *text, int max)
{
	int value = 0;
	if (*text == 0)
		return -1;
	for (; *text; text++) {
		if (*text < '0' || *text > '9')
			return -1;
		int digit = *text - '0';
		if (value > (max - digit) / 10)
			return -1;
		value = value * 10 + digit;
	}
	return value;
}

static int realtime_from_text(const char *rest, int base, int sign)
{
	if (*rest == 0)
		return base;
	if (*rest != (sign > 0 ? '+' : '-'))
		return -1;
	int offset = parse_decimal(rest + 1, HINIT_RTMAX - HINIT_RTMIN);
	if (offset < 0)
		return -1;
	return base + sign * offset;
}

int signal_from_text(const char *text)
{
	if (*text >= '0' && *text <= '9')
		return parse_decimal(text, HINIT_RTMAX);
	const char *name = skip_word(text, "SIG");
	if (!name)
		name = text;
	const char *rest = skip_word(name, "RTMIN");
	if (rest)
		return realtime_from_text(rest, HINIT_RTMIN, 1);
	rest = skip_word(name, "RTMAX");
	if (rest)
		return realtime_from_text(rest, HINIT_RTMAX, -1);
	for (int sig = 1; sig < 32; sig++) {
		rest = skip_word(name, names[sig]);
		if (rest && *rest == 0)
			return sig;
	}
	for (unsigned i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
		rest = skip_word(name, aliases[i].name);
		if (rest && *rest == 0)
			return aliases[i].sig;
	}
	return -1;
}

const char *signal_name(int sig)
{
	if (sig < 1 || sig > 31)
		return 0;
	return names[sig];
}
