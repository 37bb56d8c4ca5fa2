# hinit in an initramfs, and the VM test: build/hinit as PID 1 of Debian's
# kernel under qemu (TCG, no KVM), one boot per scenario, checked from the
# host by the serial console and how qemu ended (tests/vm/run.sh, prints
# "N passed, N failed").  See build/docs/vm.md.
#
#   make initramfs CORE=path/to/static-program [INITRAMFS=out.cpio]
#                  [INITRAMFS_EXTRA=dir]
#   make vm-test   [VM_JOBS=2] [VM_ONLY="exit0 disk"] [VM_KERNEL=/boot/...]
VM_DIR := $(BUILD)/vm
INITRAMFS ?= $(BUILD)/initramfs.cpio
# cpio: the archive; linux-image-amd64: the kernel and its modules (virtio,
# minix); util-linux: mkfs.minix; binutils: readelf (is /core static?, a
# PVH note); xz-utils: the vmlinux inside the bzImage (see run.sh).
INITRAMFS_PACKAGES := cpio binutils
VM_PACKAGES := $(INITRAMFS_PACKAGES) qemu-system-x86 linux-image-amd64 xz-utils \
	util-linux musl-tools

.PHONY: initramfs vm-test vm-deps initramfs-deps
initramfs-deps: | $(BUILD)
	$(call install_packages,$(INITRAMFS_PACKAGES))

vm-deps: | $(BUILD)
	$(call install_packages,$(VM_PACKAGES))

initramfs: $(BUILD)/hinit initramfs-deps
	@if [ -z "$(CORE)" ]; then \
	  echo "usage: make initramfs CORE=path/to/static-program" \
	    "[INITRAMFS=out.cpio] [INITRAMFS_EXTRA=dir]"; exit 2; fi
	@tests/vm/mkinitramfs.sh $(INITRAMFS) $(BUILD)/hinit $(CORE) \
	  $(INITRAMFS_EXTRA)

$(VM_DIR)/vmcore: tests/vm/vmcore.c mk/vm.mk | vm-deps
	@mkdir -p $(dir $@)
	musl-gcc -std=c11 -D_GNU_SOURCE -Os -Wall -Wextra -Werror -static \
	  $< -o $@

vm-test: $(BUILD)/hinit $(VM_DIR)/vmcore vm-deps
	@tests/vm/run.sh $(BUILD)/hinit $(VM_DIR)/vmcore $(VM_DIR)/run

CHECKS += vm-test
