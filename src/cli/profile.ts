// Recording a language's minimum syscall set: run every sample under --seccomp-record, several times, and keep the union.
import { writeFile } from 'node:fs/promises';
import { Engine } from '../engine/execute.js';
import type { SlotPool } from '../sandbox/slots.js';
import { profilePath } from '../languages/profiles.js';
import { languageVersion } from '../languages/registry.js';
import { type Sample, samplesOf } from '../languages/samples.js';
import type { Language, Stage } from '../languages/types.js';

/**
 * Calls any ordinary program may make, whatever a few recorded runs caught: plain
 * file, memory, process, time, signal and AF_UNIX socket calls (the floor filter
 * still checks clone flags, ioctl commands and socket families). A recorded list
 * alone broke real programs (scanf on a pipe calls lseek at exit; a growing vector
 * calls mremap; `ls -l` reads extended attributes, lgetxattr, for its ACL mark). What a
 * profile keeps out is everything else: personality, setns, NUMA and key calls, mknod,
 * xattr writes, io_uring... (and the hostile list, always).
 */
export const sometimes = [
  'accept',
  'accept4',
  'access',
  'alarm',
  'arch_prctl',
  'bind',
  'brk',
  'capget',
  'chdir',
  'chmod',
  'chown',
  'clock_getres',
  'clock_gettime',
  'clock_nanosleep',
  'clone',
  'close',
  'close_range',
  'connect',
  'copy_file_range',
  'creat',
  'dup',
  'dup2',
  'dup3',
  'epoll_create',
  'epoll_create1',
  'epoll_ctl',
  'epoll_pwait',
  'epoll_pwait2',
  'epoll_wait',
  'eventfd',
  'eventfd2',
  'execve',
  'execveat',
  'exit',
  'exit_group',
  'faccessat',
  'faccessat2',
  'fadvise64',
  'fallocate',
  'fchdir',
  'fchmod',
  'fchmodat',
  'fchown',
  'fchownat',
  'fcntl',
  'fgetxattr',
  'flistxattr',
  'fdatasync',
  'flock',
  'fork',
  'fstat',
  'fstatfs',
  'fsync',
  'ftruncate',
  'futex',
  'futex_waitv',
  'futimesat',
  'get_robust_list',
  'getcpu',
  'getcwd',
  'getdents',
  'getdents64',
  'getegid',
  'geteuid',
  'getgid',
  'getgroups',
  'getitimer',
  'getpeername',
  'getpgid',
  'getpgrp',
  'getpid',
  'getppid',
  'getpriority',
  'getrandom',
  'getresgid',
  'getresuid',
  'getrlimit',
  'getrusage',
  'getsid',
  'getsockname',
  'getsockopt',
  'gettid',
  'gettimeofday',
  'getuid',
  'getxattr',
  'ioctl',
  'kill',
  'lchown',
  'lgetxattr',
  'link',
  'linkat',
  'listen',
  'listxattr',
  'llistxattr',
  'lseek',
  'lstat',
  'madvise',
  'membarrier',
  'memfd_create',
  'mincore',
  'mkdir',
  'mkdirat',
  'mmap',
  'mprotect',
  'mremap',
  'msync',
  'munmap',
  'nanosleep',
  'newfstatat',
  'open',
  'openat',
  'openat2',
  'pause',
  'pipe',
  'pipe2',
  'poll',
  'ppoll',
  'prctl',
  'pread64',
  'preadv',
  'prlimit64',
  'pselect6',
  'pwrite64',
  'pwritev',
  'read',
  'readlink',
  'readlinkat',
  'readv',
  'recvfrom',
  'recvmmsg',
  'recvmsg',
  'rename',
  'renameat',
  'renameat2',
  'restart_syscall',
  'rmdir',
  'rseq',
  'rt_sigaction',
  'rt_sigpending',
  'rt_sigprocmask',
  'rt_sigqueueinfo',
  'rt_sigreturn',
  'rt_sigsuspend',
  'rt_sigtimedwait',
  'rt_tgsigqueueinfo',
  'sched_get_priority_max',
  'sched_get_priority_min',
  'sched_getaffinity',
  'sched_getparam',
  'sched_getscheduler',
  'sched_setaffinity',
  'sched_yield',
  'select',
  'sendfile',
  'sendmmsg',
  'sendmsg',
  'sendto',
  'set_robust_list',
  'set_tid_address',
  'setitimer',
  'setpgid',
  'setpriority',
  'setrlimit',
  'setsid',
  'setsockopt',
  'shutdown',
  'sigaltstack',
  'signalfd',
  'signalfd4',
  'socket',
  'socketpair',
  'stat',
  'statfs',
  'statx',
  'symlink',
  'symlinkat',
  'sync_file_range',
  'sysinfo',
  'tgkill',
  'time',
  'timer_create',
  'timer_delete',
  'timer_getoverrun',
  'timer_gettime',
  'timer_settime',
  'timerfd_create',
  'timerfd_gettime',
  'timerfd_settime',
  'times',
  'tkill',
  'truncate',
  'umask',
  'uname',
  'unlink',
  'unlinkat',
  'utime',
  'utimensat',
  'utimes',
  'vfork',
  'wait4',
  'waitid',
  'write',
  'writev',
];

/** Limits for recording: short, so the failing-on-purpose samples end quickly, and still reach their limit. */
const quick = { cpuTime: 2, wallTime: 4 };

/** Syscalls seen per stage. */
export type Recorded = Record<Stage, Set<string>>;

/** Run each sample `runs` times with recording on; the compile and run stages are recorded apart. */
export async function recordLanguage(
  lang: Language,
  opts: { workDir: string; slots: SlotPool; runs: number; log?: (line: string) => void },
): Promise<Recorded> {
  const engine = new Engine({ workDir: opts.workDir, slots: opts.slots, seccomp: 'record' });
  const seen: Recorded = { compile: new Set(), run: new Set() };
  for (const sample of samplesOf(lang)) {
    for (let i = 0; i < opts.runs; i++) {
      const r = await engine.execute(requestFor(lang, sample));
      for (const s of r.compile?.syscalls ?? []) seen.compile.add(s);
      if (r.status !== 'CE') for (const s of r.syscalls ?? []) seen.run.add(s);
      opts.log?.(`${lang.id}/${sample.kind} #${i + 1}: ${r.status}${r.compile ? ` (compile ${r.compile.status})` : ''}`);
      if (r.status === 'IE') throw new Error(`${lang.id}/${sample.kind}: ${r.message}`);
    }
  }
  return seen;
}

function requestFor(lang: Language, sample: Sample) {
  const failing = sample.kind === 'loop' || sample.kind === 'hog' || sample.kind === 'bomb';
  return {
    language: lang.id,
    files: [{ name: sample.name, content: sample.content }],
    stdin: 'line one\nline two\n',
    ...(failing ? { limits: quick } : {}),
  };
}

/** Write the allow-lists (one name a line, sorted, with a header saying where they came from); returns the paths. */
export async function writeProfiles(lang: Language, seen: Recorded, runs: number): Promise<string[]> {
  const version = await languageVersion(lang);
  const stages: Stage[] = lang.compile ? ['compile', 'run'] : ['run'];
  const written: string[] = [];
  for (const stage of stages) {
    const names = [...new Set([...seen[stage], ...sometimes])].sort();
    const header = [
      `# airlock syscall allow-list: ${lang.id}, ${stage} stage (${lang.name} ${version})`,
      `# Recorded by \`airlock languages --profile ${lang.id}\`: ${runs} runs of each sample in`,
      `# src/languages/programs/${lang.id}/, plus the calls in src/cli/profile.ts \`sometimes\`.`,
      '# Review changes like code: every added name widens what this language may ask the kernel.',
    ];
    const path = profilePath(lang, stage);
    await writeFile(path, `${[...header, ...names].join('\n')}\n`);
    written.push(path);
  }
  return written;
}
