/* log.c - hinit's messages: one line each, on stderr, one write() each.
 *
 * One write() per line keeps lines from interleaving with the command's
 * output.  stderr may be a console or pipe that nobody drains; PID 1 must
 * not hang on it, so each write waits at most LOG_WAIT_MS for the fd to
 * accept data and the line is dropped otherwise.  No stdio: it would cost
 * more than the rest of hinit. */
#include <errno.h>
#include <poll.h>
#include <unistd.h>
#include "log.h"
#include "signals.h"

#define LOG_WAIT_MS 250
/* One try per byte, as for a reader that takes one byte at a time, plus
 * a few interrupted ones: a log line never holds PID 1 longer. */
#define LOG_TRIES (LOG_LINE_MAX + 4)

/*@ requires \valid(l);
    assigns l->len, l->text[0 .. LOG_LINE_MAX - 1];
    ensures line_ok(l);
*/
void log_start(struct line *l)
{
	static const char prefix[] = "hinit: ";
	l->len = 0;
	log_word(l, prefix, sizeof prefix);
}

/* The text reaches its NUL or the line is full: what does not fit is cut. */
/*@ requires line_ok(l) && valid_read_string(s);
    requires \separated(l, s + (0 .. strlen(s)));
    assigns l->len, l->text[0 .. LOG_LINE_MAX - 1];
    ensures line_ok(l) && \old(l->len) <= l->len;
*/
void log_str(struct line *l, const char *s)
{
	/*@ loop invariant line_ok(l) && \at(l->len, Pre) <= l->len;
	    loop invariant 0 <= i <= \at(strlen(s), Pre);
	    loop assigns i, l->len, l->text[0 .. LOG_LINE_MAX - 1];
	    loop variant LOG_LINE_MAX - l->len;
	*/
	for (unsigned i = 0; s[i] && l->len < LOG_LINE_MAX - 1; i++)
		l->text[l->len++] = s[i];
}

/* A word of a table: it ends at its NUL or after size chars. */
/* No separation needed: nothing here depends on what the word says. */
/*@ requires line_ok(l) && 0 < size && \valid_read(word + (0 .. size - 1));
    assigns l->len, l->text[0 .. LOG_LINE_MAX - 1];
    ensures line_ok(l) && \old(l->len) <= l->len;
*/
void log_word(struct line *l, const char *word, int size)
{
	/*@ loop invariant line_ok(l) && \at(l->len, Pre) <= l->len;
	    loop invariant 0 <= i <= size;
	    loop assigns i, l->len, l->text[0 .. LOG_LINE_MAX - 1];
	    loop variant size - i;
	*/
	for (int i = 0; i < size && word[i] && l->len < LOG_LINE_MAX - 1; i++)
		l->text[l->len++] = word[i];
}

/*@ requires line_ok(l);
    assigns l->len, l->text[0 .. LOG_LINE_MAX - 1];
    ensures line_ok(l) && \old(l->len) <= l->len;
*/
void log_int(struct line *l, long long n)
{
	static const char minus[] = "-";
	/* 20 digits hold 2^64 - 1: the loop never fills the buffer. */
	char digits[24];
	unsigned count = 0;
	unsigned long long u =
	    n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	/*@ loop invariant 0 <= count < sizeof(digits);
	    loop assigns count, u, digits[0 .. 23];
	    loop variant sizeof(digits) - count;
	*/
	do {
		digits[count++] = (char)('0' + u % 10);
		u /= 10;
	} while (u && count < sizeof digits);
	if (n < 0)
		log_word(l, minus, sizeof minus);
	/*@ loop invariant line_ok(l) && \at(l->len, Pre) <= l->len;
	    loop invariant 0 <= count <= sizeof(digits);
	    loop assigns count, l->len, l->text[0 .. LOG_LINE_MAX - 1];
	    loop variant count;
	*/
	while (count > 0 && l->len < LOG_LINE_MAX - 1)
		l->text[l->len++] = digits[--count];
}

/*@ requires line_ok(l);
    assigns l->len, l->text[0 .. LOG_LINE_MAX - 1];
    ensures line_ok(l);
*/
void log_signal(struct line *l, int sig)
{
	static const char unnamed[] = "signal ";
	static const char sig_prefix[] = "SIG";
	static const char open[] = " (";
	static const char close[] = ")";
	const char *name = signal_name(sig);
	if (!name) {
		log_word(l, unnamed, sizeof unnamed);
		log_int(l, sig);
		return;
	}
	log_word(l, sig_prefix, sizeof sig_prefix);
	log_word(l, name, SIGNAL_NAME_SIZE);
	log_word(l, open, sizeof open);
	log_int(l, sig);
	log_word(l, close, sizeof close);
}

/* Whether stderr takes data within LOG_WAIT_MS: 1 yes, 0 not in time or
 * hung up, -1 interrupted (try again).  Its contract is trusted
 * (proofs/ASSUMPTIONS.md): Frama-C's poll() specification does not go
 * through why3 1.5. */
/*@ assigns \nothing;
    ensures -1 <= \result <= 1;
*/
static int stderr_ready(void)
{
	struct pollfd p = {.fd = 2, .events = POLLOUT};
	int ready = poll(&p, 1, LOG_WAIT_MS);
	if (ready < 0)
		return errno == EINTR ? -1 : 0;
	return ready > 0 && !(p.revents & (POLLERR | POLLNVAL));
}

/* __fc_fds: Frama-C's model of the open files, which write() changes. */
/*@ requires line_ok(l);
    assigns l->len, l->text[0 .. LOG_LINE_MAX - 1], __fc_fds[2];
*/
void log_send(struct line *l)
{
	l->text[l->len++] = '\n';
	unsigned done = 0;
	/*@ loop invariant 0 <= done <= l->len <= LOG_LINE_MAX;
	    loop invariant 0 <= tries <= LOG_TRIES;
	    loop assigns tries, done, __fc_fds[2];
	    loop variant LOG_TRIES - tries;
	*/
	for (int tries = 0; done < l->len && tries < LOG_TRIES; tries++) {
		int ready = stderr_ready();
		if (ready < 0)
			continue;
		if (ready == 0)
			return; /* nobody listens, or not in time: drop */
		ssize_t n = write(2, l->text + done, l->len - done);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return;
		done += (unsigned)n;
	}
}

/* Not proved itself (its callers' strings are not), but all it does is
 * call the proved functions above. */
void log_msg(const char *a, const char *b, const char *c)
{
	struct line l;
	log_start(&l);
	log_str(&l, a);
	if (b)
		log_str(&l, b);
	if (c)
		log_str(&l, c);
	log_send(&l);
}
