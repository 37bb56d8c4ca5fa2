/* fuzz_common.h - what every hinit fuzz target shares: a byte reader over
 * the input, failure reporting, and the indirection that lets the E-ACSL
 * build route core calls through its instrumented glue. */
#ifndef HINIT_FUZZ_COMMON_H
#define HINIT_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A finding must stop the run the same way under every engine: libFuzzer,
 * AFL++ and the plain replay driver all treat SIGABRT as a crash. */
#define FUZZ_CHECK(cond, ...)                                                  \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr,                                        \
				"fuzz: %s:%d: check failed: %s: ", __FILE__,   \
				__LINE__, #cond);                              \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
			abort();                                               \
		}                                                              \
	} while (0)

/* Reads the input front to back; past its end every byte reads as 0, so
 * any prefix of an input is an input too (which keeps minimisation easy). */
struct reader {
	const uint8_t *data;
	size_t size;
	size_t pos;
};

static inline int rd_more(const struct reader *r)
{
	return r->pos < r->size;
}

static inline unsigned rd_u8(struct reader *r)
{
	return r->pos < r->size ? r->data[r->pos++] : 0;
}

static inline unsigned rd_u16(struct reader *r)
{
	unsigned lo = rd_u8(r);
	return lo | rd_u8(r) << 8;
}

static inline uint32_t rd_u32(struct reader *r)
{
	uint32_t lo = rd_u16(r);
	return lo | (uint32_t)rd_u16(r) << 16;
}

/* The E-ACSL build (fuzz/eacsl/) links an instrumented core whose entry
 * points are wrapped so the runtime checker sees its contracts. */
#ifdef FUZZ_EACSL
void eacsl_core_init(struct core *c, const struct hinit_config *cfg,
		     int is_pid1, int can_reboot);
void eacsl_core_step(struct core *c, const struct event *ev,
		     struct actions *out);
int eacsl_status_to_exit_code(int raw_status);
int eacsl_spawn_error_exit_code(int err);
#define core_init eacsl_core_init
#define core_step eacsl_core_step
#define status_to_exit_code eacsl_status_to_exit_code
#define spawn_error_exit_code eacsl_spawn_error_exit_code
#endif

#endif
