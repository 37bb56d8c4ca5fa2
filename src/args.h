/* args.h - the command line, parsed without side effects. */
#ifndef HINIT_ARGS_H
#define HINIT_ARGS_H

#include "core.h"

enum args_result {
	ARGS_RUN = 0,	  /* run the command */
	ARGS_HELP = 1,	  /* --help: print usage, status 0 */
	ARGS_VERSION = 2, /* --version: print version, status 0 */
	ARGS_ERROR = 3,	  /* bad argument: message, status 2 */
};

enum args_error {
	ARGS_OK = 0,
	ARGS_UNKNOWN_OPTION,
	ARGS_MISSING_VALUE,
	ARGS_UNEXPECTED_VALUE,
	ARGS_BAD_SECONDS,
	ARGS_BAD_ON_EXIT,
	ARGS_BAD_REWRITE,
	ARGS_REWRITE_UNCATCHABLE,
	ARGS_BAD_EXIT_STATUS,
};

struct args {
	struct hinit_config cfg;
	int result;	   /* enum args_result */
	int command_index; /* argv index of COMMAND; argc if none: run /core */
	int error;	   /* enum args_error */
	int error_index;   /* argv index of the option in error */
	const char *error_value; /* the value in error, or 0 */
};

void config_defaults(struct hinit_config *cfg);

/* Options stop at "--" or at the first word that is not an option, so
 * `hinit ls -l` runs `ls -l`.  Options: --container, --single-child,
 * --no-seccomp, -v/--verbose, --grace S, --reboot-delay S,
 * --on-exit reboot|poweroff|halt,
 * --rewrite FROM:TO, --remap-exit N, --version, -h/--help; a value goes in
 * the next word or after '='.  On ARGS_ERROR, out->cfg holds what was
 * parsed before the error (main needs its mode). */
void parse_args(int argc, char *const argv[], struct args *out);

/* One line saying what is wrong, for ARGS_ERROR. */
const char *args_error_text(int error);

#endif
