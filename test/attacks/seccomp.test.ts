// Every call sandbox/seccomp.c denies, called with harmless arguments in a real box, for each
// filter profile (baseline, allow-list, record): hostile calls must end the box with SV naming the
// call, probed ones must answer ENOSYS, sockets other than AF_UNIX EAFNOSUPPORT, namespace flags on
// clone and TIOCSTI/TIOCLINUX (even with garbage in the upper bits) must kill the box.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { defaultRunLimits } from '../../src/sandbox/limits.js';
import type { BoxOptions } from '../../src/sandbox/options.js';
import { type BoxResult, runBox } from '../../src/sandbox/run.js';
import { hostSnapshot, leftovers, repoRoot, testSlot } from '../helpers/box.js';
import { inLanes } from './lanes.js';

const slots = [testSlot(720), testSlot(721)];
const dir = mkdtempSync(join(tmpdir(), 'airlock-seccomp-'));
execFileSync('gcc', ['-std=gnu17', '-O1', '-o', join(dir, 'probe'), join(repoRoot, 'test/attacks/programs/seccomp-probe.c')]);

/** The names in one of seccomp.c's tables: that file is the list under test. */
function table(name: string, entry: RegExp): string[] {
  const src = readFileSync(join(repoRoot, 'sandbox/seccomp.c'), 'utf8');
  const block = new RegExp(`${name}\\[\\] = \\{([\\s\\S]*?)\\};`).exec(src)?.[1];
  assert.ok(block, `sandbox/seccomp.c has no table ${name}`);
  return [...block.matchAll(entry)].map((m) => m[1]!);
}

const hostile = table('hostile', /SCMP_SYS\((\w+)\)/g);
const probed = table('probed', /SCMP_SYS\((\w+)\)/g);
const cloneFlags = table('clone_ns_flags', /(CLONE_NEW\w+)/g);
const ttyCmds = table('tty_cmds', /(TIOC\w+)/g);

type Profile = { name: string; opts: Partial<BoxOptions>; todo?: string };
/** The launcher cannot build its named filter with a NOTIFY default: libseccomp refuses a rule whose action equals the default (EACCES). */
const profiles: Profile[] = [
  { name: 'baseline', opts: {} },
  { name: 'record', opts: { seccompRecord: true } },
  { name: 'allow-list', opts: {} }, // its file is written in before(), from what the probe needs
];

function probe(slot: number, args: string[], p: Profile): Promise<BoxResult> {
  return runBox({ command: ['./probe', ...args], slot, copyIn: dir, limits: { ...defaultRunLimits, cpuTime: 2, wallTime: 5 }, ...p.opts });
}

after(() => rmSync(dir, { recursive: true, force: true }));

test('seccomp.c tables are read and the probe knows every denied call', () => {
  assert.ok(hostile.length >= 30 && probed.length >= 10, `${hostile.length} hostile, ${probed.length} probed`);
  assert.deepEqual(cloneFlags.length, 7);
  assert.deepEqual(ttyCmds, ['TIOCSTI', 'TIOCLINUX']);
  const known = new Set(execFileSync(join(dir, 'probe'), ['names'], { encoding: 'utf8' }).trim().split('\n'));
  assert.deepEqual([...hostile, ...probed].filter((n) => !known.has(n)), [], 'calls missing from test/attacks/programs/seccomp-probe.c');
});

describe('seccomp deny-list', () => {
  before(async () => {
    // The allow-list profile lists what the probe itself needs (recorded) plus every probed call
    // and the argument-checked ones: the floor must still answer for them.
    const record = profiles.find((p) => p.name === 'record')!;
    const used = new Set<string>();
    for (const args of [['call', 'clone3'], ['sockets'], ['ioctl', 'TIOCSTI']]) {
      for (const s of (await probe(slots[0]!, args, record)).syscalls ?? []) used.add(s);
    }
    const file = join(dir, 'allow.txt');
    writeFileSync(file, [...used, ...probed, 'socket', 'socketpair', 'clone', 'ioctl'].join('\n') + '\n');
    profiles.find((p) => p.name === 'allow-list')!.opts = { seccompAllow: file };
  });

  for (const p of profiles) {
    describe(`profile ${p.name}`, () => {
      const opts = p.todo ? { todo: p.todo } : {};
      test(`each of the hostile calls ends the box with SV naming it`, opts, async () => {
        const before = hostSnapshot();
        const results = await inLanes(hostile, slots, (name, slot) => probe(slot, ['call', name], p));
        const wrong = hostile
          .map((name, i) => ({ name, r: results[i]! }))
          .filter(({ name, r }) => r.status !== 'SV' || !r.message.includes(name))
          .map(({ name, r }) => `${name}: ${r.status} ${r.message} ${r.stdout.toString().trim()}`);
        assert.deepEqual(wrong, []);
        for (const s of slots) assert.deepEqual(leftovers(s, before), []);
      });

      test('each probed call answers ENOSYS', opts, async () => {
        const r = await probe(slots[0]!, ['call', ...probed], p);
        assert.equal(r.status, 'OK', r.message);
        const lines = r.stdout.toString().trim().split('\n');
        assert.deepEqual(lines, probed.map((n) => `${n}: ENOSYS`));
      });

      test('every socket family but AF_UNIX answers EAFNOSUPPORT, whatever the upper bits', opts, async () => {
        const r = await probe(slots[0]!, ['sockets'], p);
        assert.equal(r.status, 'OK', r.message);
        assert.equal(r.stdout.toString(), 'sockets: 0 families not refused with EAFNOSUPPORT\n');
      });

      test('clone with any namespace flag, and TIOCSTI/TIOCLINUX with or without upper bits, kill the box', opts, async () => {
        const cases = [...cloneFlags.map((f) => ['clone', f]), ...ttyCmds.flatMap((c) => [['ioctl', c], ['ioctl', c, 'high']])];
        const results = await inLanes(cases, slots, (args, slot) => probe(slot, args, p));
        const wrong = cases.map((c, i) => ({ c, r: results[i]! })).filter(({ r }) => r.status !== 'SV' || r.signal !== 31);
        assert.deepEqual(wrong.map(({ c, r }) => `${c.join(' ')}: ${r.status} signal ${r.signal} ${r.stdout.toString().trim()}`), []);
      });
    });
  }
});
