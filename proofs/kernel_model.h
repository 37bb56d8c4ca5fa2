/* kernel_model.h - what the proofs of the syscall layer's loops take as
 * given about functions they do not prove (proofs/ASSUMPTIONS.md says
 * why each is sound).  Included before src/sys_loop.c by proofs/prove.sh;
 * the contracts of waitpid's wrapper (wait_any) and of execute() stay
 * beside their code in src/sys_loop.c. */
#ifndef HINIT_PROOFS_KERNEL_MODEL_H
#define HINIT_PROOFS_KERNEL_MODEL_H
#include <signal.h>
#include <time.h>
/* valid_read_string and strlen, for the contracts on strings. */
#include <string.h>

/* Frama-C's libc declares neither; the proofs do not cover their caller
 * (sys_wait_event), the prototypes only let src/sys_loop.c parse. */
int sigwaitinfo(const sigset_t *set, siginfo_t *info);
int sigtimedwait(const sigset_t *set, siginfo_t *info,
		 const struct timespec *timeout);

/* Nor wait4 (BSD, declared by musl's sys/wait.h); the proofs use the
 * contract of its wrapper wait_any (src/sys_loop.c), not this. */
#include <sys/types.h>
struct rusage;
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage);

/* log.c: one write(2) to stderr; no state of hinit changes. */
/*@ assigns \nothing; */
void log_msg(const char *a, const char *b, const char *c);
#endif
