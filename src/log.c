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

void log_start(struct line *l)
{
	l->len = 0;
	log_str(l, "hinit: ");
}

void log_str(struct line *l, const char *s)
{
	/* Keep one byte for the newline. */
	while (*s && l->len < LOG_LINE_MAX - 1)
		l->text[l->len++] = *s++;
}

void log_int(struct line *l, long long n)
{
	char digits[24];
	unsigned count = 0;
	unsigned long long u =
	    n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	do {
		digits[count++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		log_str(l, "-");
	while (count > 0 && l->len < LOG_LINE_MAX - 1)
		l->text[l->len++] = digits[--count];
}

void log_signal(struct line *l, int sig)
{
	const char *name = signal_name(sig);
	if (!name) {
		log_str(l, "signal ");
		log_int(l, sig);
		return;
	}
	log_str(l, "SIG");
	log_str(l, name);
	log_str(l, " (");
	log_int(l, sig);
	log_str(l, ")");
}

void log_send(struct line *l)
{
	l->text[l->len++] = '\n';
	unsigned done = 0;
	while (done < l->len) {
		struct pollfd p = {.fd = 2, .events = POLLOUT};
		int ready = poll(&p, 1, LOG_WAIT_MS);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0 || (p.revents & (POLLERR | POLLNVAL)))
			return; /* nobody listens, or not in time: drop */
		ssize_t n = write(2, l->text + done, l->len - done);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return;
		done += (unsigned)n;
	}
}

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
