#!/usr/bin/env python3
"""Writes the hand-made seeds of fuzz/corpus/ (the rest of the corpus is
what `make fuzz-merge` kept).  The formats are in fuzz/README.md."""
import hashlib
import os
import struct
import sys

here = os.path.dirname(os.path.abspath(__file__))

# fuzz_events: header, then events.
CONTAINER, SINGLE, VERBOSE, PID1, CAN_REBOOT = 1, 2, 4, 8, 16
SPAWNED, SPAWN_FAILED, SIGNAL, CHILD, NO_CHILDREN, TIMER = range(6)
CMD, ZERO, ONE, MINUS_ONE, MINUS_CMD, INT_MIN, INT_MAX = range(7)


def header(flags, grace=5, delay=30, on_exit=0, rewrite=(), remap=()):
    b = bytes([flags | on_exit << 5, grace, delay, len(rewrite)])
    for f, t in rewrite:
        b += bytes([f - 1, t])
    return b + bytes([len(remap)]) + bytes(remap)


def ev(kind, pid=CMD, value=0, wide=False, negate=False):
    k = kind | (8 if wide else 0) | (16 if negate else 0)
    v = struct.pack('<I' if wide else '<H', value & (0xffffffff if wide else 0xffff))
    return bytes([k, pid]) + v


events = {
    'container-exit-1': header(CONTAINER) + ev(SPAWNED, 100) + ev(SIGNAL, value=15)
    + ev(CHILD, CMD, 0x0100) + ev(NO_CHILDREN),
    'node-killed-delay-reboot': header(PID1 | CAN_REBOOT, 2, 3, 1) + ev(SPAWNED, 50)
    + ev(SIGNAL, value=20) + ev(SIGNAL, value=15) + ev(CHILD, CMD, 9) + ev(TIMER)
    + ev(CHILD, 7, 0) + ev(NO_CHILDREN) + ev(TIMER) + ev(SIGNAL, value=17)
    + ev(CHILD, 9, 0x0200),
    'node-exit-0-reboot': header(PID1 | CAN_REBOOT, 0, 30, 2) + ev(SPAWNED, 2)
    + ev(CHILD, CMD, 0) + ev(NO_CHILDREN) + ev(TIMER),
    'verbose-single-rewrite-remap': header(CONTAINER | SINGLE | VERBOSE, 1, 0, 0,
                                          [(15, 2), (10, 0), (20, 19)], [1])
    + ev(SPAWNED, 200) + ev(SIGNAL, value=15) + ev(SIGNAL, value=10)
    + ev(SIGNAL, value=20) + ev(SIGNAL, value=18) + ev(SIGNAL, value=64)
    + ev(SIGNAL, value=0) + ev(SIGNAL, value=65) + ev(SIGNAL, value=1, negate=True)
    + ev(CHILD, 8, 0) + ev(CHILD, CMD, 0x0100) + ev(SIGNAL, value=15)
    + ev(TIMER) + ev(CHILD, 9, 0) + ev(NO_CHILDREN) + ev(SIGNAL, value=2),
    'not-pid1-spawn-failed': header(0) + ev(SPAWN_FAILED, value=127) + ev(NO_CHILDREN),
    'no-cap-bad-pid': header(PID1) + ev(SPAWNED, ZERO) + ev(NO_CHILDREN),
    'spawn-failed-out-of-range': header(CONTAINER | VERBOSE, 0)
    + ev(SPAWN_FAILED, value=300) + ev(SPAWNED, 5) + ev(NO_CHILDREN),
    'odd-statuses': header(CONTAINER | VERBOSE, 255) + ev(SPAWNED, 40)
    + ev(CHILD, CMD, 0x137f) + ev(CHILD, CMD, 0xffff) + ev(TIMER) + ev(NO_CHILDREN),
    'status-32-bit': header(PID1 | CAN_REBOOT, 4, 255) + ev(SPAWNED, INT_MAX)
    + ev(CHILD, CMD, 0x10000, wide=True) + ev(NO_CHILDREN) + ev(TIMER),
    'negative-status': header(CONTAINER) + ev(SPAWNED, 3) + ev(CHILD, CMD, 5, negate=True)
    + ev(NO_CHILDREN),
    'stopped-then-term': header(CONTAINER | VERBOSE) + ev(SPAWNED, 9)
    + ev(SIGNAL, value=19) + ev(SIGNAL, value=15) + ev(SIGNAL, value=21)
    + ev(SIGNAL, value=18) + ev(SIGNAL, value=15) + ev(SIGNAL, value=22)
    + ev(SIGNAL, value=15) + ev(CHILD, CMD, 0x8b) + ev(NO_CHILDREN),
    'invalid-kinds-and-pids': header(CONTAINER) + ev(6, CMD, 1) + ev(7, CMD, 1)
    + ev(SPAWNED, MINUS_ONE) + ev(SPAWNED, 12) + ev(CHILD, MINUS_CMD, 0)
    + ev(CHILD, INT_MIN, 0) + ev(CHILD, ONE, 0) + ev(NO_CHILDREN),
    'grace-timer-not-pid1': header(SINGLE) + ev(SPAWNED, 77) + ev(CHILD, CMD, 0x0f)
    + ev(TIMER) + ev(CHILD, 78, 0) + ev(NO_CHILDREN),
}

args = {
    'run-command': b'--container\0--grace\0003\0--rewrite=TERM:INT\0--remap-exit=3\0sleep\0001',
    'all-options': b'-v\0--single-child\0--no-seccomp\0--reboot-delay=0\0--on-exit\0poweroff'
    b'\0--rewrite\0SIGRTMIN+3:rtmax-2\0--rewrite=usr1:0\0--on-exit=halt\0--\0-x',
    'help': b'--help', 'version': b'--version', 'help-value': b'--help=1',
    'unknown': b'--nope', 'missing': b'--grace', 'bad-seconds': b'--grace=31536001',
    'bad-on-exit': b'--on-exit=later', 'bad-rewrite': b'--rewrite=TERM',
    'uncatchable': b'--rewrite=KILL:TERM', 'rewrite-stop': b'--rewrite=STOP:1',
    'rewrite-chld': b'--rewrite=SIGCHLD:1', 'bad-status': b'--remap-exit\000256',
    'flag-value': b'--container=yes', 'dash': b'-\0x', 'empty': b'',
    'names': b'--rewrite=IOT:CLD\0--rewrite=POLL:64\0--rewrite=sigRTMAX:0',
}


def u32(v):
    return struct.pack('<I', v & 0xffffffff)


status = {
    'exits-and-signals': b''.join(bytes([2]) + u32(v) for v in
                                  (0, 0x0100, 0xff00, 9, 0x89, 0x7f, 0xff, 0x137f,
                                   0xffff, 0x10000, 0xffffffff, 0x80000000)),
    'errnos': b''.join(bytes([3]) + u32(e) for e in (0, 1, 2, 7, 8, 13, 20, 21, 26,
                                                     36, 40, 80, 12, 11, 4095)),
}


def write(target, seeds):
    d = os.path.join(here, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(d, 'seed-' + name), 'wb') as f:
            f.write(data)


write('fuzz_events', events)
write('fuzz_args', args)
write('fuzz_status', status)
