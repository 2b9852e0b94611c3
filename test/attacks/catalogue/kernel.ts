// Kernel surface: the seccomp filter against foreign ABIs, raw syscall instructions and risky calls.
import { int80Reaches } from '../../helpers/host-abi.js';
import type { Attack } from './types.js';

/** Each one calls into the kernel where the filter must stop it. test/attacks/seccomp.test.ts covers the whole list. */
export const kernel: Attack[] = [
  // Where the host kernel has 32-bit emulation switched off, the kernel itself kills the call (SIGSEGV) first.
  int80Reaches()
    ? { name: 'c-int80', category: 'kernel', lang: 'c', source: 'c/int80.c', threat: 'int 0x80: the 32-bit syscall table', expect: ['SV'] }
    : {
        name: 'c-int80',
        category: 'kernel',
        lang: 'c',
        source: 'c/int80.c',
        threat: 'int 0x80: the 32-bit syscall table (off in this kernel)',
        expect: ['RE'],
        message: /signal 11/,
      },
  { name: 'c-x32', category: 'kernel', lang: 'c', source: 'c/x32.c', threat: 'x32 syscall numbers', expect: ['SV'] },
  {
    name: 'c-asm-unshare',
    category: 'kernel',
    lang: 'c',
    source: 'c/asm-unshare.c',
    threat: 'unshare(CLONE_NEWUSER) by a raw syscall instruction',
    expect: ['SV'],
    message: /unshare/,
  },
  {
    name: 'c-asm-bpf-io-uring',
    category: 'kernel',
    lang: 'c',
    source: 'c/asm-bpf.c',
    threat: 'bpf and io_uring_setup by raw syscall instructions',
    expect: ['OK'],
    stdout: /contained: ENOSYS/,
  },
  {
    name: 'c-clone-newuser',
    category: 'kernel',
    lang: 'c',
    source: 'c/clone-newuser.c',
    threat: 'clone(CLONE_NEWUSER): root in a user namespace',
    expect: ['SV'],
  },
  {
    name: 'c-open-by-handle',
    category: 'kernel',
    lang: 'c',
    source: 'c/open-by-handle.c',
    threat: 'open_by_handle_at (the "shocker" container escape)',
    expect: ['SV'],
    message: /open_by_handle_at/,
  },
  {
    name: 'c-io-uring',
    category: 'kernel',
    lang: 'c',
    source: 'c/io-uring.c',
    threat: 'io_uring (bypasses seccomp for its operations)',
    expect: ['OK'],
    stdout: /contained/,
  },
  {
    name: 'c-vmsplice',
    category: 'kernel',
    lang: 'c',
    source: 'c/vmsplice.c',
    threat: "vmsplice, the seed's local-root example",
    expect: ['OK'],
    stdout: /contained/,
  },
  {
    name: 'c-tiocsti-high-bits',
    category: 'kernel',
    lang: 'c',
    source: 'c/tiocsti-highbits.c',
    threat: 'TIOCSTI with the upper 32 bits set to dodge a naive filter',
    expect: ['SV'],
  },
  { name: 'c-mount', category: 'kernel', lang: 'c', source: 'c/mount-proc.c', threat: 'mount a filesystem', expect: ['SV'], message: /mount/ },
  {
    name: 'c-own-seccomp-filter',
    category: 'kernel',
    lang: 'c',
    source: 'c/own-seccomp-filter.c',
    threat: 'a seccomp filter of its own answering EPERM, to hide hostile calls from the supervisor (OK instead of SV)',
    expect: ['SV'],
    message: /seccomp/,
  },
  {
    name: 'python-ctypes-unshare',
    category: 'kernel',
    lang: 'python3',
    source: 'python/ctypes_unshare.py',
    threat: 'raw syscall from Python through ctypes',
    expect: ['SV'],
    message: /unshare/,
  },
];
