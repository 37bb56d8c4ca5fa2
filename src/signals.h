/* signals.h - signal names and numbers as users type them. */
#ifndef HINIT_SIGNALS_H
#define HINIT_SIGNALS_H

/* glibc's SIGRTMIN: what "RTMIN" means to the programs hinit runs and to
 * kill -l (the kernel's first real-time signal is 32; musl's SIGRTMIN is 35
 * and glibc's 34, because each C library keeps some for itself). */
#define HINIT_RTMIN 34
#define HINIT_RTMAX 64

/* "15", "TERM", "SIGTERM", "term", "RTMIN", "RTMIN+3", "SIGRTMAX-2" ->
 * 0..64; -1 when the text names no signal.  "0" is accepted (as the
 * "drop" target of --rewrite); names never give 0. */
int signal_from_text(const char *text);

/* The rows of signal_name's table. */
#define SIGNAL_NAME_SIZE 8

/* 1..31 -> "TERM" etc., a row of SIGNAL_NAME_SIZE chars (words.h); NULL
 * for the rest (callers print the number). */
const char *signal_name(int sig);

/* "0".."max" in decimal, no sign, no spaces -> 0..max; -1 otherwise. */
int parse_decimal(const char *text, int max);

#endif
