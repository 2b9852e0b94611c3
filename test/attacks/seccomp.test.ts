// Every call sandbox/seccomp.c denies, called with harmless arguments in a real box, for each
// filter profile (baseline, allow-list, record): hostile calls must end the box with SV naming the
// call, probed ones must answer ENOSYS, sockets other than AF_UNIX EAFNOSUPPORT, namespace flags on
// clone and TIOCSTI/TIOCLINUX/TIOCSETD (even with garbage in the upper bits) must kill the box. Then the
// neighbour rules: dnotify is refused, page-cache eviction is a no-op (checked on the host's page
// cache), and a box cannot install a seccomp filter of its own.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
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
// A file on a disk-backed filesystem (not tmpfs, which has no page cache to drop), bound read-only
// into the box as the host's /usr files are: the box must not be able to evict it.
const diskDir = mkdtempSync('/var/tmp/airlock-evict-');
const cacheFile = join(diskDir, 'shared.bin');
{
  const fd = openSync(cacheFile, 'w');
  writeFileSync(fd, randomBytes(4 << 20));
  fsyncSync(fd); // clean pages only: dirty ones are not dropped by anyone
  closeSync(fd);
}
/** [resident, total] pages of the shared file in the host's page cache (the probe's mincore, run on the host as its owner). */
function resident(): [number, number] {
  const m = /^(\d+) of (\d+)$/.exec(execFileSync(join(dir, 'probe'), ['resident', cacheFile], { encoding: 'utf8' }).trim());
  assert.ok(m, 'probe resident');
  return [Number(m[1]), Number(m[2])];
}

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

after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(diskDir, { recursive: true, force: true });
});

test('seccomp.c tables are read and the probe knows every denied call', () => {
  assert.ok(hostile.length >= 30 && probed.length >= 10, `${hostile.length} hostile, ${probed.length} probed`);
  assert.deepEqual(cloneFlags.length, 7);
  assert.deepEqual(ttyCmds, ['TIOCSTI', 'TIOCLINUX', 'TIOCSETD']);
  const known = new Set(execFileSync(join(dir, 'probe'), ['names'], { encoding: 'utf8' }).trim().split('\n'));
  assert.deepEqual(
    [...hostile, ...probed].filter((n) => !known.has(n)),
    [],
    'calls missing from test/attacks/programs/seccomp-probe.c',
  );
});

test('the page-cache check can fail: the host itself can evict the file', () => {
  readFileSync(cacheFile);
  const out = execFileSync(join(dir, 'probe'), ['evict', cacheFile], { encoding: 'utf8' });
  assert.match(out, /^fadvise: returned 0$/m);
  assert.equal(resident()[0], 0, 'fadvise(DONTNEED) by the owner left pages cached: this filesystem cannot show an eviction');
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
    // The floor answers fcntl(F_NOTIFY), fadvise64, madvise and prctl(PR_SET_SECCOMP) itself, so no
    // record sees them; the list allows them, and the floor must still win.
    const floorChecked = ['openat', 'fcntl', 'fadvise64', 'madvise', 'prctl'];
    writeFileSync(file, [...used, ...probed, 'socket', 'socketpair', 'clone', 'ioctl', ...floorChecked].join('\n') + '\n');
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
        for (const s of slots) assert.deepEqual(await leftovers(s, before), []);
      });

      test('each probed call answers ENOSYS', opts, async () => {
        const r = await probe(slots[0]!, ['call', ...probed], p);
        assert.equal(r.status, 'OK', r.message);
        const lines = r.stdout.toString().trim().split('\n');
        assert.deepEqual(
          lines,
          probed.map((n) => `${n}: ENOSYS`),
        );
      });

      test('every socket family but AF_UNIX answers EAFNOSUPPORT, whatever the upper bits', opts, async () => {
        const r = await probe(slots[0]!, ['sockets'], p);
        assert.equal(r.status, 'OK', r.message);
        assert.equal(r.stdout.toString(), 'sockets: 0 families not refused with EAFNOSUPPORT\n');
      });

      test('clone with any namespace flag, and TIOCSTI/TIOCLINUX/TIOCSETD with or without upper bits, kill the box', opts, async () => {
        const cases = [
          ...cloneFlags.map((f) => ['clone', f]),
          ...ttyCmds.flatMap((c) => [
            ['ioctl', c],
            ['ioctl', c, 'high'],
          ]),
        ];
        const results = await inLanes(cases, slots, (args, slot) => probe(slot, args, p));
        const wrong = cases.map((c, i) => ({ c, r: results[i]! })).filter(({ r }) => r.status !== 'SV' || r.signal !== 31);
        assert.deepEqual(
          wrong.map(({ c, r }) => `${c.join(' ')}: ${r.status} signal ${r.signal} ${r.stdout.toString().trim()}`),
          [],
        );
      });

      test('fcntl(F_NOTIFY) on a shared directory answers EINVAL, with or without upper bits (dnotify watches other boxes)', opts, async () => {
        const r = await probe(slots[0]!, ['dnotify', '/usr/bin'], p);
        assert.equal(r.status, 'OK', r.message);
        assert.equal(r.stdout.toString(), 'dnotify: EINVAL\ndnotify high: EINVAL\n');
      });

      test('posix_fadvise(DONTNEED) and madvise(MADV_COLD, MADV_PAGEOUT) are no-ops: the host page cache keeps a shared file', opts, async () => {
        readFileSync(cacheFile); // cached by the host, as /usr's files are
        const [before, total] = resident();
        assert.equal(before, total, 'the host could not cache the file');
        const r = await probe(slots[0]!, ['evict', '/shared.bin'], { ...p, opts: { ...p.opts, binds: [{ src: cacheFile, dst: '/shared.bin' }] } });
        assert.equal(r.status, 'OK', r.message);
        // The refused arguments (bad fd, unaligned address) answer 0: the filter answered, not the kernel.
        assert.equal(
          r.stdout.toString(),
          'fadvise: returned 0\nfadvise bad fd: returned 0\nMADV_COLD unaligned: returned 0\nMADV_PAGEOUT unaligned: returned 0\n',
        );
        assert.deepEqual(resident(), [total, total], 'the box evicted host page cache');
      });

      test('prctl(PR_SET_SECCOMP) kills the box; seccomp() is SV naming it, so no filter of its own can hide a hostile call', opts, async () => {
        const [viaPrctl, own] = await Promise.all([probe(slots[0]!, ['prctl-seccomp'], p), probe(slots[1]!, ['own-filter'], p)]);
        assert.equal(viaPrctl.status, 'SV', `${viaPrctl.status} ${viaPrctl.message} ${viaPrctl.stdout.toString()}`);
        assert.equal(viaPrctl.signal, 31);
        assert.equal(own.status, 'SV', `${own.status} ${own.message} ${own.stdout.toString()}`);
        assert.match(own.message, /seccomp/);
        assert.doesNotMatch(own.stdout.toString(), /ESCAPED/);
      });
    });
  }
});
