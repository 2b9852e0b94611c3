// Helpers for sandbox tests: build the probe once, run it in a box, check the host afterwards.
import { execFileSync } from 'node:child_process';
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
export function runProbe(
  slot: number,
  args: string[],
  limits: Partial<BoxLimits> = {},
  extra: Partial<BoxOptions> = {},
  io: BoxIO = {},
): Promise<BoxResult> {
  return runBox(
    { command: ['./probe', ...args], slot, copyIn: probe(), limits: { ...defaultRunLimits, cpuTime: 2 * TIME_SCALE, wallTime: 5 * TIME_SCALE, ...limits }, ...extra },
    io,
  );
}

/** Names the probe and the attack catalogue write inside a box; finding one in the host's /tmp or /dev/shm means a leak. */
const PROBE_NAMES = /^(leftover|big|mine|evil|f\d+|airlock-(pwned|leak).*)$/;

/** Host state a box must not change: probe-made files in /tmp and /dev/shm. */
export function hostSnapshot(): { tmp: string[]; shm: string[] } {
  const probeMade = (dir: string) => readdirSync(dir).filter((n) => PROBE_NAMES.test(n)).sort();
  return { tmp: probeMade('/tmp'), shm: probeMade('/dev/shm') };
}

/** Pids of host processes running as a uid. */
export function processesOfUid(uid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const m = /^Uid:\s+(\d+)/m.exec(status);
      if (m && Number(m[1]) === uid) pids.push(Number(entry));
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
  return ['memory', 'pids', 'cpuacct'].map((c) => `/sys/fs/cgroup/${c}/airlock/slot-${slot}`);
}

/** What a finished box must leave: no process with its uid, no cgroup, host /tmp and /dev/shm unchanged. */
export function leftovers(slot: number, before: { tmp: string[]; shm: string[] }): string[] {
  const problems: string[] = [];
  const pids = processesOfUid(UID_BASE + slot);
  if (pids.length) problems.push(`processes left with uid ${UID_BASE + slot}: ${pids.join(' ')}`);
  for (const dir of slotCgroups(slot)) if (existsSync(dir)) problems.push(`cgroup left: ${dir}`);
  const after = hostSnapshot();
  const added = (a: string[], b: string[]) => b.filter((x) => !a.includes(x));
  const tmp = added(before.tmp, after.tmp);
  if (tmp.length) problems.push(`new files in host /tmp: ${tmp.join(' ')}`);
  const shm = added(before.shm, after.shm);
  if (shm.length) problems.push(`new files in host /dev/shm: ${shm.join(' ')}`);
  return problems;
}

/** stdout as text. */
export const text = (r: BoxResult) => r.stdout.toString('utf8');
