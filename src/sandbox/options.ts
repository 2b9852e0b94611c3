// What one box is asked to do, and the launcher arguments that say it.
import { type BoxLimits, launcherCount, launcherRanges, limitArgs } from './limits.js';

/** A read-only (or, with rw, writable) bind of a host path into the box. */
export interface Bind {
  src: string;
  dst: string;
  rw?: boolean;
}

/** Everything that shapes one box. */
export interface BoxOptions {
  /** argv of the program; a bare name is looked up in the box's PATH. */
  command: string[];
  /** Concurrent slot: names the cgroup, the lock and the uid (uidBase + slot). */
  slot: number;
  limits: BoxLimits;
  env?: Record<string, string>;
  cwd?: string;
  /** Host directory whose files are copied into /box before the run. */
  copyIn?: string;
  /** Files for /box held in memory: sent in frames to the launcher daemon (no staging on disk), else staged for --copy-in. */
  files?: Array<{ name: string; content: Buffer }>;
  /** Empty host directory that receives /box's files after the run. */
  copyOut?: string;
  copyOutLimit?: number;
  /** Host file the program reads as stdin (instead of the stdin given to runBox). */
  stdinFile?: string;
  mergeStderr?: boolean;
  /** The program gets the launcher's own fds 0-2 (no relay, no output cap): for boxes joined by pipes. */
  passthrough?: boolean;
  /** The program's stdio is a pty of the box's own (stderr merged into stdout), through the same output cap. */
  tty?: boolean;
  /** With `tty`: the pty's size when the program starts (80x24 without). */
  ttySize?: { cols: number; rows: number };
  /** /etc entries the runtime needs beyond the defaults. */
  etc?: string[];
  binds?: Bind[];
  /** Root image directory (deploy/image); the host's / by default. */
  root?: string;
  network?: boolean;
  /** Allow-list file: only these syscalls (plus the floor). */
  seccompAllow?: string;
  /** Profile mode: record every syscall made. */
  seccompRecord?: boolean;
  stateDir?: string;
  cgroup?: 'v1' | 'v2' | 'auto';
  cgroupRoot?: string;
  uidBase?: number;
}

/** The launcher's argv for these options; the result record goes to fd 3. */
export function launcherArgs(o: BoxOptions): string[] {
  const a: string[] = ['--slot', String(o.slot), '--result-fd', '3', ...limitArgs(o.limits)];
  if (o.uidBase !== undefined) a.push('--uid', String(o.uidBase + o.slot));
  if (o.stateDir) a.push('--state-dir', o.stateDir);
  if (o.cgroup) a.push('--cgroup', o.cgroup);
  if (o.cgroupRoot) a.push('--cgroup-root', o.cgroupRoot);
  if (o.root) a.push('--root', o.root);
  if (o.cwd) a.push('--cwd', o.cwd);
  if (o.copyIn) a.push('--copy-in', o.copyIn);
  if (o.copyOut) a.push('--copy-out', o.copyOut);
  if (o.copyOutLimit) a.push('--copy-out-limit', launcherCount(o.copyOutLimit, launcherRanges.bytes));
  if (o.stdinFile) a.push('--stdin', o.stdinFile);
  if (o.mergeStderr) a.push('--merge-stderr');
  if (o.passthrough) a.push('--passthrough');
  if (o.tty) a.push('--tty');
  if (o.tty && o.ttySize) a.push('--tty-size', `${o.ttySize.cols}x${o.ttySize.rows}`);
  if (o.network) a.push('--network');
  if (o.seccompAllow) a.push('--seccomp-allow', o.seccompAllow);
  if (o.seccompRecord) a.push('--seccomp-record');
  for (const e of o.etc ?? []) a.push('--etc', e);
  for (const b of o.binds ?? []) a.push(b.rw ? '--bind-rw' : '--bind', b.src, b.dst);
  for (const [k, v] of Object.entries(o.env ?? {})) a.push('--env', `${k}=${v}`);
  a.push('--', ...o.command);
  return a;
}
