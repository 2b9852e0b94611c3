// Ordinary programs must not be killed: common shell tools, `ls -l` first (it reads extended
// attributes with lgetxattr for its ACL mark, and was SV under every profile), run under every
// language's allow-list (a program in any language may start them) and under the baseline.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sometimes } from '../../src/cli/profile.js';
import { profilesDir } from '../../src/languages/profiles.js';
import { defaultRunLimits } from '../../src/sandbox/limits.js';
import { runBox } from '../../src/sandbox/run.js';
import { inLanes } from '../attacks/lanes.js';
import { testSlot } from '../helpers/box.js';

const SLOTS = [testSlot(134), testSlot(135)];
const xattrReads = ['getxattr', 'lgetxattr', 'fgetxattr', 'listxattr', 'llistxattr', 'flistxattr'];
const xattrWrites = ['setxattr', 'lsetxattr', 'fsetxattr', 'removexattr', 'lremovexattr', 'fremovexattr'];
const profiles = readdirSync(profilesDir).filter((f) => f.endsWith('.txt')).sort();

/** Each line: one tool's answer, checked exactly below. */
const script = [
  'ls -l /usr/bin | head -n 3 | wc -l',
  'ls -l /box | wc -l',
  "printf 'b\\na\\n' | sort | head -n 1",
  "printf 'x y z\\n' | wc -w",
  'echo abc | grep -o b',
  'echo hello | sed s/hello/bye/',
  "echo 1 2 | awk '{print $1 + $2}'",
  'echo meow | cat',
  'find /box -maxdepth 0',
  'stat -c %F /box',
  "date +%Y | grep -cE '^[0-9]{4}$'",
].join('\n');
const expected = '3\n1\na\n3\nb\nbye\n3\nmeow\n/box\ndirectory\n1\n';

test('every profile allows the read-only xattr calls and no xattr write', () => {
  assert.deepEqual(xattrReads.filter((n) => !sometimes.includes(n)), [], 'profile.ts sometimes');
  const wrong: string[] = [];
  for (const f of profiles) {
    const names = new Set(readFileSync(`${profilesDir}${f}`, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')));
    for (const n of xattrReads) if (!names.has(n)) wrong.push(`${f} lacks ${n}`);
    for (const n of xattrWrites) if (names.has(n)) wrong.push(`${f} allows ${n}`);
  }
  assert.deepEqual(wrong, []);
});

test(`ls -l and common shell tools run OK under each of ${profiles.length} language profiles and the baseline`, async () => {
  const modes = [undefined, ...profiles];
  const results = await inLanes(modes, SLOTS, (f, slot) =>
    runBox({
      command: ['/bin/bash', '-c', script],
      slot,
      limits: { ...defaultRunLimits, cpuTime: 5, wallTime: 10 },
      ...(f ? { seccompAllow: `${profilesDir}${f}` } : {}),
    }),
  );
  const wrong = modes
    .map((f, i) => ({ f: f ?? 'baseline', r: results[i]! }))
    .filter(({ r }) => r.status !== 'OK' || r.stdout.toString() !== expected)
    .map(({ f, r }) => `${f}: ${r.status} ${r.message} ${JSON.stringify(r.stdout.toString())} ${r.stderr.toString().slice(0, 200)}`);
  assert.deepEqual(wrong, []);
});
