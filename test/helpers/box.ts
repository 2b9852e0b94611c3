// Helpers for sandbox tests: build the probe once, run it in a box, check the host afterwards.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cgroupInfo } from '../../src/sandbox/doctor.js';
import { type BoxLimits, defaultRunLimits } from '../../src/sandbox/limits.js';
import type { BoxOptions } from '../../src/sandbox/options.js';
import { type BoxIO, type BoxResult, runBox } from '../../src/sandbox/run.js';

/** The repository root, from dist/test/helpers. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const UID_BASE = 60000;

/** Rootless mode (tests run as an ordinary user): every box is this user outside its namespaces. */
export const ROOTLESS = process.geteuid?.() !== 0;

/** The host uid a slot's box runs as. */
export function boxUid(slot: number): number {
  return ROOTLESS ? process.geteuid!() : UID_BASE + slot;
}

/** A test's slot, shifted by AIRLOCK_TEST_SLOT_OFFSET so that checkouts can test side by side. */
export function testSlot(n: number): number {
  return n + Number(process.env.AIRLOCK_TEST_SLOT_OFFSET ?? 0);
}

let probeDir: string | undefined;

/** A directory holding the compiled probe (test/sandbox/programs/probe.c), built once per process. */
export function probe(): string {
  if (!probeDir) {
    probeDir = mkdtempSync(join(tmpdir(), 'airlock-probe-'));
    execFileSync('gcc', ['-O1', '-pthread', '-o', join(probeDir, 'probe'), join(repoRoot, 'test/sandbox/programs/probe.c')]);
  }
  return probeDir;
}

/** Cgroup code paths this host can exercise. */
export function cgroupModes(): Array<'v1' | 'v2'> {
  const info = cgroupInfo();
  return info.version === 'none' ? [] : [info.version];
}

/** Slow machines (the v2 VM runs under software emulation) stretch default time limits by this factor. */
export const TIME_SCALE = Number(process.env.AIRLOCK_TEST_TIME_SCALE ?? 1);

/** Run `./probe ...args` in a box on the given slot; time limits the test does not set are stretched by TIME_SCALE. */
export function runProbe(slot: number, args: string[], limits: Partial<BoxLimits> = {}, extra: Partial<BoxOptions> = {}, io: BoxIO = {}): Promise<BoxResult> {
  return runBox(
    {
      command: ['./probe', ...args],
      slot,
      copyIn: probe(),
      limits: { ...defaultRunLimits, cpuTime: 2 * TIME_SCALE, wallTime: 5 * TIME_SCALE, ...limits },
      ...extra,
    },
    io,
  );
}

/** Names the probe and the attack catalogue write inside a box; finding one in the host's /tmp or /dev/shm means a leak. */
const PROBE_NAMES = /^(leftover|big|mine|evil|f\d+|airlock-(pwned|leak).*)$/;

/** Host state a box must not change: probe-made files in /tmp and /dev/shm. */
export function hostSnapshot(): { tmp: string[]; shm: string[] } {
  const probeMade = (dir: string) =>
    readdirSync(dir)
      .filter((n) => PROBE_NAMES.test(n))
      .sort();
  return { tmp: probeMade('/tmp'), shm: probeMade('/dev/shm') };
}

/** This process and its ancestors: in rootless mode they share the boxes' uid and are not leftovers. */
function selfAndAncestors(): Set<number> {
  const mine = new Set<number>();
  for (let pid = process.pid; pid > 1 && !mine.has(pid);) {
    mine.add(pid);
    try {
      pid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      break;
    }
  }
  return mine;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Everything below us: launchers, a daemon, boxes still running in parallel, host compilers.
 * A box process that outlived its run cannot be among them: its init and launcher are gone,
 * so it was reparented out of our tree.
 */
function ourChildren(): number[] {
  const all: number[] = [];
  for (let queue = childrenOf(process.pid); queue.length;) {
    const pid = queue.pop()!;
    all.push(pid);
    queue.push(...childrenOf(pid));
  }
  return all;
}

/**
 * Pids of host processes of a slot's box. As root, every slot has its own uid. Rootless, every box
 * shares the service's uid, so a process of that uid counts unless it is ours (this test, its
 * ancestors, a daemon child) or sits in another slot's live cgroup (a box running in parallel).
 */
export function boxProcesses(slot: number): number[] {
  const pids = processesOfUid(boxUid(slot));
  if (!ROOTLESS) return pids;
  const mine = new Set([...selfAndAncestors(), ...ourChildren()]);
  const otherSlot = (pid: number) => {
    try {
      const m = /\/airlock-\d+\/slot-(\d+)/.exec(readFileSync(`/proc/${pid}/cgroup`, 'utf8'));
      return m !== null && Number(m[1]) !== slot;
    } catch {
      return true; /* gone meanwhile */
    }
  };
  return pids.filter((p) => !mine.has(p) && !otherSlot(p));
}

/** Pids of host processes running as a uid. */
export function processesOfUid(uid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const m = /^Uid:\s+(\d+)/m.exec(status);
      // A zombie runs nothing and holds nothing: it waits for the host's init to reap it.
      if (m && Number(m[1]) === uid && !/^State:\s+Z/m.test(status)) pids.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

/** The box cgroup directories of a slot (v1: one per controller). */
export function slotCgroups(slot: number): string[] {
  const info = cgroupInfo();
  if (info.version === 'v2') {
    const mount = /unified hierarchy at (\S+)/.exec(info.detail)?.[1] ?? '/sys/fs/cgroup';
    return [join(mount, 'airlock', `slot-${slot}`)];
  }
  const parent = ROOTLESS ? `airlock-${process.geteuid!()}` : 'airlock';
  return ['memory', 'pids', 'cpuacct'].map((c) => `/sys/fs/cgroup/${c}/${parent}/slot-${slot}`);
}

/** Pids in a slot's cgroup while its box runs (the pids hierarchy, or v2's only one). */
export function slotCgroupProcesses(slot: number): number[] {
  const dir = slotCgroups(slot).find((d) => d.includes('/pids/')) ?? slotCgroups(slot)[0]!;
  try {
    return readFileSync(join(dir, 'cgroup.procs'), 'utf8').trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** v1 keeps a slot's pids and cpuacct cgroups from box to box (sandbox/cgroup.c); only their emptiness is the box's to leave. */
const keptCgroup = (dir: string) => /\/(pids|cpuacct)\//.test(dir);

/** What a slot's finished boxes left in its cgroups: a box cgroup that is still there, or a process in a kept one. */
export function cgroupLeftovers(slot: number): string[] {
  const problems: string[] = [];
  for (const dir of slotCgroups(slot)) {
    if (!existsSync(dir)) continue;
    if (!keptCgroup(dir)) problems.push(`cgroup left: ${dir}`);
    else if (readFileSync(join(dir, 'cgroup.procs'), 'utf8').trim()) problems.push(`processes left in the slot's kept cgroup ${dir}`);
  }
  return problems;
}

/** What a finished box must leave: no process with its uid, no cgroup but a slot's kept (empty) ones, host /tmp and /dev/shm unchanged. */
export async function leftovers(slot: number, before: { tmp: string[]; shm: string[] }, waitMs = 5_000): Promise<string[]> {
  // A daemon's launcher reports a box before tearing it down (docs/launcher-protocol.md): give the teardown its moment.
  const deadline = Date.now() + waitMs;
  for (;;) {
    const problems = leftoversNow(slot, before);
    if (problems.length === 0 || Date.now() > deadline) return problems;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function leftoversNow(slot: number, before: { tmp: string[]; shm: string[] }): string[] {
  const problems: string[] = [];
  const pids = boxProcesses(slot);
  if (pids.length) problems.push(`processes left with uid ${boxUid(slot)}: ${pids.join(' ')}`);
  problems.push(...cgroupLeftovers(slot));
  const after = hostSnapshot();
  const added = (a: string[], b: string[]) => b.filter((x) => !a.includes(x));
  const tmp = added(before.tmp, after.tmp);
  if (tmp.length) problems.push(`new files in host /tmp: ${tmp.join(' ')}`);
  const shm = added(before.shm, after.shm);
  if (shm.length) problems.push(`new files in host /dev/shm: ${shm.join(' ')}`);
  return problems;
}

/** A host process running as the slot's box uid (outside any box): kill(-1) in a box must not reach it. */
export function hostSentinel(slot: number): ChildProcess {
  const args = ['sleep', '60'];
  if (ROOTLESS) return spawn(args[0]!, args.slice(1), { stdio: 'ignore' });
  const uid = String(boxUid(slot));
  return spawn('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', ...args], { stdio: 'ignore' });
}

/** stdout as text. */
export const text = (r: BoxResult) => r.stdout.toString('utf8');

/** A box's status and message, for an assertion on its status to say why it failed. */
export const said = (r: { status: string; message: string }) => `status ${r.status}: ${r.message}`;

/** The CPUs a /proc/PID/status text allows (Cpus_allowed_list). */
const allowedCpus = (status: string) => /^Cpus_allowed_list:\s*(\S+)$/m.exec(status)?.[1];

/** Boxes on `slot`, five in a row, each see exactly the CPUs this process may use; returns the first mismatch, or ''. */
export async function boxCpuMismatch(slot: number): Promise<string> {
  const mine = allowedCpus(readFileSync('/proc/self/status', 'utf8'));
  for (let i = 0; i < 5; i++) {
    const r = await runBox({ command: ['/bin/cat', '/proc/self/status'], slot, limits: defaultRunLimits });
    const theirs = r.status === 'OK' ? allowedCpus(r.stdout.toString()) : `${r.status} ${r.message}`;
    if (theirs !== mine) return `box ${i}: ${theirs}, this process: ${mine}`;
  }
  return '';
}
