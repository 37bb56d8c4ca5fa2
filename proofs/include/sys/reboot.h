/* sys/reboot.h for the proofs: Frama-C's libc has none.  The constants
 * are the kernel's (include/uapi/linux/reboot.h, as glibc and musl
 * define them); reboot() is specified in proofs/kernel_model.h. */
#ifndef HINIT_PROOFS_SYS_REBOOT_H
#define HINIT_PROOFS_SYS_REBOOT_H
#define RB_AUTOBOOT 0x01234567
#define RB_HALT_SYSTEM 0xcdef0123
#define RB_ENABLE_CAD 0x89abcdef
#define RB_DISABLE_CAD 0
#define RB_POWER_OFF 0x4321fedc
int reboot(int cmd);
#endif
