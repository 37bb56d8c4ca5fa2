#!/bin/bash
# tests/vm/run.sh HINIT VMCORE OUTDIR - hinit as PID 1 of a real kernel.
#
# Boots Debian's kernel under qemu (TCG, no KVM) once per scenario with an
# initramfs made by mkinitramfs.sh (hinit as /init, vmcore as /core) and
# checks, from the host, what the serial console printed and how qemu
# ended.  -no-reboot turns the guest's reboot into qemu's exit; panic=-1
# makes a kernel panic (PID 1 exiting) a reboot too, so the console tells
# which it was.  Every console line is stamped with the host's clock as it
# arrives, which measures delays from the outside.
#
# Environment: VM_KERNEL (default: newest /boot/vmlinuz-*), VM_JOBS (boots
# at once, default 2), VM_BOOT_TIMEOUT (seconds per boot, default 150),
# VM_ONLY (space-separated scenario names to run).
set -u
export LC_ALL=C PATH=$PATH:/usr/sbin:/sbin
if [ $# -ne 3 ]; then
	echo "usage: $0 HINIT VMCORE OUTDIR" >&2
	exit 2
fi
hinit=$1 vmcore=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
jobs_max=${VM_JOBS:-2}
boot_timeout=${VM_BOOT_TIMEOUT:-150}
passed=0 failed=0

# Times are whole milliseconds.
now_ms() {
	local t=${EPOCHREALTIME/./}
	echo $((10#$t / 1000))
}
seconds() {
	printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000))
}
suite_start=$(now_ms)

fatal() {
	echo "vm-test: $*" >&2
	echo "0 passed, 1 failed"
	exit 1
}

kernel=${VM_KERNEL:-$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1)}
[ -n "$kernel" ] || fatal "no kernel in /boot (package linux-image-amd64)"
[ -r "$kernel" ] || fatal "$kernel is not readable (run as root, or chmod a+r it)"
kver=${kernel##*/vmlinuz-}
moddir=/lib/modules/$kver
[ -f "$moddir/modules.dep" ] || fatal "no $moddir/modules.dep for $kernel"
command -v qemu-system-x86_64 >/dev/null ||
	fatal "no qemu-system-x86_64 (package qemu-system-x86)"
command -v mkfs.minix >/dev/null || fatal "no mkfs.minix (package util-linux)"
command -v xz >/dev/null || fatal "no xz (package xz-utils)"

rm -rf "$out"
mkdir -p "$out/extra/modules"

# Kernel modules for the disk scenario (Debian builds virtio and minix as
# modules), with what they depend on first, numbered in load order: vmcore
# loads /modules/* sorted.
declare -A dep_of=() loaded=()
while IFS=: read -r mod deps; do
	dep_of[$mod]=$deps
done <"$moddir/modules.dep"
order=()
add_module() {
	local mod=$1 d
	[ -n "${loaded[$mod]:-}" ] && return
	loaded[$mod]=1
	for d in ${dep_of[$mod]}; do
		add_module "$d"
	done
	order+=("$mod")
}
for want in drivers/virtio/virtio_pci.ko drivers/block/virtio_blk.ko \
	fs/minix/minix.ko; do
	[ -n "${dep_of[kernel/$want]+x}" ] ||
		fatal "$moddir has no kernel/$want (compressed modules are not supported)"
	add_module "kernel/$want"
done
n=10
for mod in "${order[@]}"; do
	cp "$moddir/$mod" "$out/extra/modules/$n-${mod##*/}"
	n=$((n + 1))
done

# The same recipe as `make initramfs`.
"$here/mkinitramfs.sh" "$out/test.cpio" "$hinit" "$vmcore" "$out/extra" ||
	fatal "mkinitramfs failed"
"$here/mkinitramfs.sh" "$out/nocore.cpio" "$hinit" ||
	fatal "mkinitramfs failed"
echo "vm-test: kernel $kernel, ${#order[@]} modules, $jobs_max boot(s) at once"

# Debian's bzImage holds an xz-compressed vmlinux, which the kernel's own
# stub decompresses first: under TCG that is most of a boot.  The ELF
# inside has a PVH entry note (Xen note type 18), which qemu boots
# directly, so the scenarios boot that (kept next to OUTDIR), except
# `exit0`, which boots the bzImage as a boot loader would.
fast_kernel=$(dirname "$out")/vmlinux-$kver
if ! [ "$fast_kernel" -nt "$kernel" ]; then
	offset=$(grep -obUaP '\xfd7zXZ\x00' "$kernel" | head -1 | cut -d: -f1)
	if [ -n "$offset" ] &&
		tail -c +$((offset + 1)) "$kernel" |
		xz -dc --single-stream >"$fast_kernel.tmp" 2>/dev/null &&
		readelf -n "$fast_kernel.tmp" 2>/dev/null | grep -q '(0x00000012)'
	then
		mv "$fast_kernel.tmp" "$fast_kernel"
	else
		rm -f "$fast_kernel.tmp"
		echo "vm-test: no PVH vmlinux in $kernel: booting the bzImage (slower)"
		fast_kernel=$kernel
	fi
fi

# A fresh minix filesystem per disk scenario.
new_disk() {
	truncate -s 8M "$1" && mkfs.minix "$1" >/dev/null ||
		fatal "cannot make the disk image $1"
}

# Before every scenario's own words: the console on the serial port; a
# panic reboots at once (qemu then ends, and the console says "Kernel
# panic"); quiet, so the console shows little but hinit and the command;
# no_timer_check: under TCG on a busy host the kernel's check of the
# IO-APIC timer can fail and panic ("IO-APIC + timer doesn't work!").
base_args="console=ttyS0 panic=-1 quiet no_timer_check"

# boot NAME INITRD DISK|- KERNEL-ARGS [KERNEL]: runs qemu once.  Leaves
# NAME.log (each console line after the host time it arrived, in ms since
# the boot started), NAME.rc (qemu's status; 124 = timed out), NAME.time
# (ms from the start to qemu's exit).
boot() {
	local name=$1 initrd=$2 disk=$3 append=$4 image=${5:-$fast_kernel}
	local drive=()
	[ "$disk" = - ] || drive=(-drive "file=$disk,format=raw,if=virtio")
	local start
	start=$(now_ms)
	{
		timeout -k 5 "$boot_timeout" qemu-system-x86_64 \
			-nodefaults -no-user-config -nographic -monitor none \
			-serial stdio -m 256M -smp 1 -no-reboot \
			-kernel "$image" -initrd "$initrd" "${drive[@]}" \
			-append "$base_args $append" \
			</dev/null 2>&1
		echo "$?" >"$out/$name.rc"
	} | while IFS= read -r line || [ -n "$line" ]; do
		# Drop the BIOS's terminal escapes and its last words, which
		# end without a newline when the kernel starts by PVH.
		line=${line//$'\r'/}
		line=$(sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1bc//g
			s/^.*Booting from ROM\.\.\.\?//' <<<"$line")
		echo "$(($(now_ms) - start)) $line"
	done >"$out/$name.log"
	echo "$(($(now_ms) - start))" >"$out/$name.time"
}

# Checks on one boot's console.  Each fails with a message and returns 1.
errors=()
bad() {
	errors+=("$*")
	return 1
}

# The text of the console lines, without the times.
text() {
	cut -d' ' -f2- "$out/$cur.log"
}

# in_order REGEX...: lines matching each extended regex (whole line),
# one after the other.  Sets `matched` to the BASH_REMATCH of the last.
in_order() {
	local re lines i=0
	mapfile -t lines < <(text)
	for re in "$@"; do
		while ((i < ${#lines[@]})) && ! [[ ${lines[i]} =~ ^$re$ ]]; do
			i=$((i + 1))
		done
		((i < ${#lines[@]})) ||
			bad "no line matching /$re/ (in this order)" || return 1
		matched=("${BASH_REMATCH[@]}")
		i=$((i + 1))
	done
}

lacks() {
	local re
	for re in "$@"; do
		! text | grep -qE -- "$re" || bad "unexpected line: $(text |
			grep -m1 -E -- "$re")" || return 1
	done
}

# Host ms at which the first line matching REGEX arrived.
time_of() {
	grep -m1 -E "^[0-9]+ $1$" "$out/$cur.log" | cut -d' ' -f1
}

# A kernel timestamp (seconds with 6 decimals) in ms.
kernel_ms() {
	local t=${1/./}
	echo $((10#$t / 1000))
}

# How every boot must end: qemu exits 0 by itself, after the kernel said
# it restarts (or powers off), without a panic.
ended_by() {
	local rc
	rc=$(cat "$out/$cur.rc" 2>/dev/null || echo none)
	[ "$rc" = 0 ] || bad "qemu ended with status $rc (124: timed out after ${boot_timeout} s)" || return 1
	lacks 'Kernel panic' 'Attempted to kill init' || return 1
	in_order "\[ *[0-9.]+\] reboot: $1" || return 1
}

# --- The scenarios: boot arguments, then checks (check_NAME). ---

nonce=$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
# The longest first, so two at once finish together.
scenarios=(exit0 disk orphans exit3 disk_control no_core poweroff args)
declare -A about=(
	[exit0]="the command (/core by default) exits 0: reap, SIGTERM, sync, reboot, in order"
	[exit3]="the command exits 3: status shown, reboot delay of 3 s honoured"
	[poweroff]="--on-exit poweroff powers the VM off"
	[orphans]="1000 orphans are all reaped, no zombie left"
	[disk]="data written on SIGTERM during the grace is on the disk after the reboot"
	[disk_control]="control: without sync() the same data is lost (so 'disk' can fail)"
	[no_core]="/core missing: no panic, status 127, reboot after the 2 s delay"
	[args]="kernel command-line words and variables reach the command"
)

start_exit0() {
	boot exit0 "$out/test.cpio" - "rdinit=/init -- -v" "$kernel"
}
check_exit0() {
	# The command's children must get hinit's SIGTERM and the grace, not
	# a hangup of the command's terminal when the command exits.
	lacks "core-child: .* got SIGHUP .*" || return 1
	in_order "hinit: started '/core' as pid ([0-9]+)" || return 1
	local core=${matched[1]}
	in_order "core: exiting with status 0, leaving child ([0-9]+)" || return 1
	local child=${matched[1]}
	in_order "hinit: started '/core' as pid $core" \
		"core: exiting with status 0, leaving child $child" \
		"hinit: command exited with status 0" \
		"hinit: sending SIGTERM to the remaining processes, grace 5 s" \
		"core-child: pid $child got SIGTERM from pid 1" \
		"hinit: reaped pid $child, wait status 0" \
		"hinit: synced; rebooting" || return 1
	lacks "rebooting in" "grace of" || return 1
	ended_by "Restarting system"
}

start_exit3() {
	boot exit3 "$out/test.cpio" - "rdinit=/init -- --reboot-delay 3 /core exit 3"
}
check_exit3() {
	in_order "\[ *([0-9.]+)\] core: exiting with status 3" || return 1
	local t0=${matched[1]}
	in_order "hinit: command exited with status 3" \
		"hinit: command failed: rebooting in 3 s.*" \
		"hinit: synced; rebooting" \
		"\[ *([0-9.]+)\] reboot: Restarting system" || return 1
	local t1=${matched[1]}
	ended_by "Restarting system" || return 1
	# Guest clock: from the command's exit to the kernel's reboot.
	local guest host
	guest=$(($(kernel_ms "$t1") - $(kernel_ms "$t0")))
	# Host clock: from the delay's message to qemu's exit.
	host=$(($(cat "$out/$cur.time") - \
		$(time_of 'hinit: command failed: rebooting in 3 s.*')))
	echo "    reboot delay: $(seconds $guest) s in the guest" \
		"(exit to reboot), $(seconds $host) s seen from the host"
	# Without the delay both would be well under 1 s.  At least 80%: the
	# guest calibrates its clocks against emulated timers, which on a
	# busy host can be some 10% off.
	((guest >= 2400)) || bad "rebooted $(seconds $guest) s after the exit" || return 1
	((guest < 23000)) || bad "rebooted $(seconds $guest) s after the exit" || return 1
	((host >= 2400)) || bad "qemu ended $(seconds $host) s after the delay message"
}

start_poweroff() {
	boot poweroff "$out/test.cpio" - \
		"rdinit=/init -- --on-exit poweroff /core exit 0"
}
check_poweroff() {
	in_order "hinit: command exited with status 0" \
		"hinit: synced; powering off" || return 1
	lacks "Restarting system" "rebooting" || return 1
	ended_by "Power down"
}

start_orphans() {
	boot orphans "$out/test.cpio" - "rdinit=/init -- /core orphans 1000"
}
check_orphans() {
	in_order "core: 1000 orphans re-parented to pid 1: 1000" \
		"core: orphans released: 0 zombies, 0 alive after ([0-9]+) ms" ||
		return 1
	echo "    1000 orphans reaped in ${matched[1]} ms"
	in_order "hinit: command exited with status 0" \
		"hinit: synced; rebooting" || return 1
	ended_by "Restarting system"
}

start_disk() {
	new_disk "$out/disk.img"
	boot disk "$out/test.cpio" "$out/disk.img" \
		"rdinit=/init -- --grace 30 /core disk $nonce"
}
check_disk() {
	lacks "core-child: .* got SIGHUP .*" || return 1
	in_order "core: exiting with status 0, leaving disk child ([0-9]+)" ||
		return 1
	local child=${matched[1]}
	in_order "core: exiting with status 0, leaving disk child $child" \
		"hinit: command exited with status 0" \
		"core-child: pid $child got SIGTERM from pid 1" \
		"core-child: wrote 1048576 bytes to /mnt/data; disk writes completed before ([0-9]+), after ([0-9]+)" ||
		return 1
	# Nothing reached the disk yet: only the sync() can bring it there.
	[ "${matched[1]}" = "${matched[2]}" ] ||
		bad "the disk was written before the sync (${matched[1]} -> ${matched[2]})" ||
		return 1
	in_order "core-child: wrote .*" "hinit: synced; rebooting" || return 1
	lacks "grace of" || return 1
	ended_by "Restarting system" || return 1
	local v
	v=$("$vmcore" verify "$out/disk.img" "$nonce" present) ||
		bad "data missing from the disk image: $v" || return 1
	echo "    $v"
}

start_disk_control() {
	new_disk "$out/control.img"
	boot disk_control "$out/test.cpio" "$out/control.img" \
		"rdinit=/init -- /core disk-control $nonce"
}
check_disk_control() {
	in_order "core-child: wrote 1048576 bytes to /mnt/data.*" \
		"core: control: rebooting without sync" || return 1
	ended_by "Restarting system" || return 1
	local v
	v=$("$vmcore" verify "$out/control.img" "$nonce" absent) ||
		bad "data reached the disk without sync(), so 'disk' proves nothing: $v" ||
		return 1
	echo "    $v"
}

start_no_core() {
	boot no_core "$out/nocore.cpio" - "rdinit=/init -- --reboot-delay 2"
}
check_no_core() {
	in_order "hinit: cannot run '/core': No such file or directory" \
		"hinit: command failed: rebooting in 2 s \(status 127\)" \
		"hinit: synced; rebooting" || return 1
	ended_by "Restarting system" || return 1
	local host
	host=$(($(cat "$out/$cur.time") - \
		$(time_of 'hinit: command failed: rebooting in 2 s.*')))
	echo "    reboot delay seen from the host: $(seconds $host) s"
	# At least 80%, as in check_exit3.
	((host >= 1600)) || bad "qemu ended $(seconds $host) s after the delay message"
}

start_args() {
	boot args "$out/test.cpio" - \
		"HINIT_VM_ENV=env-$nonce rdinit=/init -- /core args word-$nonce \"two words\""
}
check_args() {
	in_order "core: argv\[0\]=</core>" \
		"core: argv\[1\]=<args>" \
		"core: argv\[2\]=<word-$nonce>" \
		"core: argv\[3\]=<two words>" \
		"core: HINIT_VM_ENV=<env-$nonce>" \
		"hinit: command exited with status 0" || return 1
	lacks "core: argv\[4\]" || return 1
	ended_by "Restarting system"
}

selected=(${VM_ONLY:-${scenarios[@]}})
for name in "${selected[@]}"; do
	[ -n "${about[$name]+x}" ] || fatal "unknown scenario $name"
	while (($(jobs -rp | wc -l) >= jobs_max)); do
		wait -n
	done
	"start_$name" &
done
wait

for name in "${selected[@]}"; do
	cur=$name errors=()
	echo "vm-test: $name ($(seconds "$(cat "$out/$name.time" 2>/dev/null || echo 0)") s): ${about[$name]}"
	if "check_$name" && [ ${#errors[@]} = 0 ]; then
		passed=$((passed + 1))
		echo "  PASS $name"
	else
		failed=$((failed + 1))
		echo "  FAIL $name: ${errors[*]}"
		echo "  console ($out/$name.log):"
		sed 's/^/    | /' "$out/$name.log" | tail -40
	fi
done
echo "vm-test: $(seconds $(($(now_ms) - suite_start))) s in all"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
