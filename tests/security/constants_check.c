/* constants_check.c - compiled (never run) with gcc against the kernel's
 * own headers: the seccomp ABI values sys_seccomp.c spells out for
 * musl-gcc (which cannot see <linux/...>) must equal the kernel's. */
#include <stddef.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <asm/unistd.h>
#include "../../src/sys_seccomp.c"

_Static_assert(HINIT_BPF_LD_W_ABS == (BPF_LD | BPF_W | BPF_ABS), "ld");
_Static_assert(HINIT_BPF_JEQ_K == (BPF_JMP | BPF_JEQ | BPF_K), "jeq");
_Static_assert(HINIT_BPF_JSET_K == (BPF_JMP | BPF_JSET | BPF_K), "jset");
_Static_assert(HINIT_BPF_RET_K == (BPF_RET | BPF_K), "ret");
_Static_assert(sizeof(struct hinit_sock_filter) == sizeof(struct sock_filter),
	       "sock_filter size");
_Static_assert(offsetof(struct hinit_sock_filter, k) ==
		   offsetof(struct sock_filter, k),
	       "sock_filter.k");
_Static_assert(sizeof(struct hinit_sock_fprog) == sizeof(struct sock_fprog),
	       "sock_fprog size");
_Static_assert(offsetof(struct hinit_sock_fprog, filter) ==
		   offsetof(struct sock_fprog, filter),
	       "sock_fprog.filter");
_Static_assert(HINIT_SECCOMP_SET_MODE_FILTER == SECCOMP_SET_MODE_FILTER,
	       "mode");
_Static_assert(HINIT_SECCOMP_FILTER_FLAG_LOG == SECCOMP_FILTER_FLAG_LOG,
	       "flag log");
_Static_assert(HINIT_SECCOMP_RET_ALLOW == SECCOMP_RET_ALLOW, "allow");
_Static_assert(HINIT_SECCOMP_RET_ERRNO == SECCOMP_RET_ERRNO, "errno");
_Static_assert(HINIT_SECCOMP_NR == offsetof(struct seccomp_data, nr), "nr");
_Static_assert(HINIT_SECCOMP_ARCH == offsetof(struct seccomp_data, arch),
	       "arch");
_Static_assert(HINIT_SECCOMP_ARG_LO(0) == offsetof(struct seccomp_data, args),
	       "args[0]");
_Static_assert(HINIT_SECCOMP_ARG_LO(1) ==
		   offsetof(struct seccomp_data, args) + 8,
	       "args[1]");
_Static_assert(HINIT_AUDIT_ARCH_X86_64 == AUDIT_ARCH_X86_64, "arch x86_64");
_Static_assert(HINIT_X32_SYSCALL_BIT == __X32_SYSCALL_BIT, "x32 bit");
/* The syscall numbers musl's headers gave the filter are the kernel's. */
_Static_assert(SYS_rt_sigtimedwait == __NR_rt_sigtimedwait, "nr");
_Static_assert(SYS_wait4 == __NR_wait4 && SYS_kill == __NR_kill, "nr");
_Static_assert(SYS_poll == __NR_poll && SYS_write == __NR_write, "nr");
_Static_assert(SYS_open == __NR_open && SYS_fcntl == __NR_fcntl, "nr");
_Static_assert(SYS_reboot == __NR_reboot && SYS_sync == __NR_sync, "nr");
_Static_assert(SYS_exit_group == __NR_exit_group, "nr");
