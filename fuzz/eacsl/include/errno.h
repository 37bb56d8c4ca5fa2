/* Stand-in for <errno.h> in the E-ACSL build of the core: only the
 * numbers (Linux generic ABI; the harness checks them against the real
 * header), none of Frama-C's libc specifications. */
#ifndef HINIT_EACSL_ERRNO_H
#define HINIT_EACSL_ERRNO_H
#define EPERM 1
#define ENOENT 2
#define E2BIG 7
#define ENOEXEC 8
#define EACCES 13
#define ETXTBSY 26
#define ENOTDIR 20
#define EISDIR 21
#define ENAMETOOLONG 36
#define ELOOP 40
#define ELIBBAD 80
#endif
