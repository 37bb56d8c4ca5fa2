/* signals.c - signal names and numbers as users type them. */
/* For the ACSL string predicates (valid_read_string) of the proofs. */
#include <string.h>
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

/*@ assigns \nothing;
    ensures ch == 0 <==> \result == 0;
*/
static char upper(char ch)
{
	return (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
}

/* text starts with word (case-insensitive); returns what follows or 0. */
/*@ requires valid_read_string(text) && valid_read_string(word);
    assigns \nothing;
    ensures \result == \null || valid_read_string(\result);
*/
static const char *skip_word(const char *text, const char *word)
{
	/*@ loop invariant \base_addr(text) == \base_addr(\at(text, Pre));
	    loop invariant \base_addr(word) == \base_addr(\at(word, Pre));
	    loop invariant 0 <= word - \at(word, Pre) <= strlen(\at(word, Pre));
	    loop invariant text - \at(text, Pre) == word - \at(word, Pre);
	    loop invariant 0 <= text - \at(text, Pre) <= strlen(\at(text, Pre));
	    loop invariant valid_read_string(text) && valid_read_string(word);
	    loop assigns text, word;
	    loop variant strlen(word);
	*/
	while (*word) {
		if (upper(*text) != *word)
			return 0;
		text++;
		word++;
	}
	return text;
}

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
	const char *name = skip_word(text, "SIG");
	if (!name)
		name = text;
	const char *rest = skip_word(name, "RTMIN");
	if (rest)
		return realtime_from_text(rest, HINIT_RTMIN, 1);
	rest = skip_word(name, "RTMAX");
	if (rest)
		return realtime_from_text(rest, HINIT_RTMAX, -1);
	/*@ loop invariant 1 <= sig <= 32;
	    loop assigns sig, rest;
	    loop variant 32 - sig;
	*/
	for (int sig = 1; sig < 32; sig++) {
		rest = skip_word(name, names[sig]);
		if (rest && *rest == 0)
			return sig;
	}
	/*@ loop invariant 0 <= i <= 3;
	    loop assigns i, rest;
	    loop variant 3 - i;
	*/
	for (unsigned i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
		rest = skip_word(name, aliases[i].name);
		if (rest && *rest == 0)
			return aliases[i].sig;
	}
	return -1;
}

/*@ assigns \nothing;
    ensures \result == \null || valid_read_string(\result);
*/
const char *signal_name(int sig)
{
	if (sig < 1 || sig > 31)
		return 0;
	return names[sig];
}
