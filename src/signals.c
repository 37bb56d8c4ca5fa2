/* signals.c - signal names and numbers as users type them. */
/* For the ACSL string predicates (valid_read_string) of the proofs. */
#include <string.h>
#include "signals.h"
#include "words.h"

/* The longest name, VTALRM or STKFLT, and its NUL fit in a row. */
#define NAME_SIZE SIGNAL_NAME_SIZE

/* Linux x86-64 numbering, which is also every other common Linux ABI's
 * for these names except the few that differ on alpha, mips and sparc.
 * Rows, not pointers to literals: words.h says why. */
static const char names[32][NAME_SIZE] = {
    "",	      "HUP",  "INT",	"QUIT", "ILL",	 "TRAP", "ABRT", "BUS",
    "FPE",    "KILL", "USR1",	"SEGV", "USR2",	 "PIPE", "ALRM", "TERM",
    "STKFLT", "CHLD", "CONT",	"STOP", "TSTP",	 "TTIN", "TTOU", "URG",
    "XCPU",   "XFSZ", "VTALRM", "PROF", "WINCH", "IO",	 "PWR",	 "SYS",
};

/* Other names the kernel headers give the same numbers, in the row of
 * that number as in names[]. */
static const char aliases[32][NAME_SIZE] = {
    [6] = "IOT",
    [17] = "CLD",
    [29] = "POLL",
};

static const char word_sig[NAME_SIZE] = "SIG";
static const char word_rtmin[NAME_SIZE] = "RTMIN";
static const char word_rtmax[NAME_SIZE] = "RTMAX";

/*@ requires valid_read_string(text);
    requires 0 <= max;
    assigns \nothing;
    ensures -1 <= \result <= max;
*/
int parse_decimal(const char *text, int max)
{
	int value = 0;
	if (*text == 0)
		return -1;
	/*@ loop invariant valid_read_string(text);
	    loop invariant 0 <= value <= max;
	    loop assigns text, value;
	    loop variant strlen(text);
	*/
	for (; *text; text++) {
		if (*text < '0' || *text > '9')
			return -1;
		int digit = *text - '0';
		/* digit > max first: (max - digit) / 10 rounds a negative
		 * quotient up to 0, which would let "5" through for max 3. */
		if (digit > max || value > (max - digit) / 10)
			return -1;
		value = value * 10 + digit;
	}
	return value;
}

/*@ requires valid_read_string(rest);
    requires HINIT_RTMIN <= base <= HINIT_RTMAX;
    requires sign == 1 || sign == -1;
    requires sign == 1 ==> base == HINIT_RTMIN;
    requires sign == -1 ==> base == HINIT_RTMAX;
    assigns \nothing;
    ensures \result == -1 || HINIT_RTMIN <= \result <= HINIT_RTMAX;
*/
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

/*@ requires valid_read_string(text);
    assigns \nothing;
    ensures -1 <= \result <= HINIT_RTMAX;
*/
int signal_from_text(const char *text)
{
	if (*text >= '0' && *text <= '9')
		return parse_decimal(text, HINIT_RTMAX);
	const char *name = skip_word(text, word_sig, NAME_SIZE, 1);
	if (!name)
		name = text;
	const char *rest = skip_word(name, word_rtmin, NAME_SIZE, 1);
	if (rest)
		return realtime_from_text(rest, HINIT_RTMIN, 1);
	rest = skip_word(name, word_rtmax, NAME_SIZE, 1);
	if (rest)
		return realtime_from_text(rest, HINIT_RTMAX, -1);
	/*@ loop invariant 1 <= sig <= 32;
	    loop assigns sig;
	    loop variant 32 - sig;
	*/
	for (int sig = 1; sig < 32; sig++) {
		if (word_is(name, names[sig], NAME_SIZE, 1))
			return sig;
		/* An empty row is no alias: it would match "SIG" alone. */
		if (aliases[sig][0] != 0 &&
		    word_is(name, aliases[sig], NAME_SIZE, 1))
			return sig;
	}
	return -1;
}

/* A row of names[]: every name there is shorter than its row, so the
 * row holds its NUL too (test_signal_name compares every one). */
/*@ assigns \nothing;
    ensures \result == \null || \valid_read(\result + (0 .. NAME_SIZE - 1));
*/
const char *signal_name(int sig)
{
	if (sig < 1 || sig > 31)
		return 0;
	return names[sig];
}
