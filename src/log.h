/* log.h - hinit's messages: one line each, on stderr, one write() each. */
#ifndef HINIT_LOG_H
#define HINIT_LOG_H

/* Long enough for any message with a shortened argument in it. */
#define LOG_LINE_MAX 256

struct line {
	unsigned len;
	char text[LOG_LINE_MAX];
};

/* A line being built always keeps room for log_send's newline. */
/*@ predicate line_ok(struct line *l) =
      \valid(l) && 0 <= l->len <= LOG_LINE_MAX - 1;
*/

/* Starts "hinit: "; the appenders cut what does not fit, so a line can
 * never overflow, and log_send ends it with a newline. */
void log_start(struct line *l);
void log_str(struct line *l, const char *s);
/* A word of a table (words.h): up to its NUL or size chars. */
void log_word(struct line *l, const char *word, int size);
void log_int(struct line *l, long long n);
void log_signal(struct line *l, int sig); /* "SIGTERM (15)" or "signal 40" */
void log_send(struct line *l);

/* The common case: "hinit: " a b c "\n" (b and c may be 0). */
void log_msg(const char *a, const char *b, const char *c);

#endif
