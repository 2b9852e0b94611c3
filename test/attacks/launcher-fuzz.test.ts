// The launcher's argument parsing under random and malformed argv for a bounded time: every
// case holds exactly one invalid element among valid flags, and the launcher must exit 1 with a
// message, without a result record, a crash, a hang or a box. AIRLOCK_FUZZ_SECONDS (8) bounds it,
// AIRLOCK_FUZZ_SEED replays a run. API fuzzing waits for the service (src/api).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { launcherPath } from '../../src/sandbox/launcher.js';
import { hostSnapshot, leftovers, testSlot } from '../helpers/box.js';
import { prng } from './prng.js';

const SLOT = testSlot(740);
const SECONDS = Number(process.env.AIRLOCK_FUZZ_SECONDS ?? 8);
const seed = Number(process.env.AIRLOCK_FUZZ_SEED ?? randomInt(2 ** 31));

type Kind = 'uint' | 'slot' | 'bytes' | 'seconds' | 'cgroup' | 'cwd' | 'hostname' | 'env' | 'etc';
/** Flags that take a value, by the parser that reads it. */
const valued: Record<string, Kind> = {
  '--slot': 'slot',
  '--uid': 'uint',
  '--gid': 'uint',
  '--processes': 'uint',
  '--inodes': 'uint',
  '--open-files': 'uint',
  '--result-fd': 'uint',
  '--time': 'seconds',
  '--wall-time': 'seconds',
  '--memory': 'bytes',
  '--file-size': 'bytes',
  '--disk': 'bytes',
  '--stack': 'bytes',
  '--output': 'bytes',
  '--copy-out-limit': 'bytes',
  '--cgroup': 'cgroup',
  '--cwd': 'cwd',
  '--hostname': 'hostname',
  '--env': 'env',
  '--etc': 'etc',
};
const good: Record<Kind, string[]> = {
  slot: [String(SLOT)],
  uint: ['61234', '8', '64'],
  seconds: ['1', '0.5', '2.25'],
  bytes: ['65536', '64K', '8M', '1G'],
  cgroup: ['auto', 'v1', 'v2'],
  cwd: ['/box', '/tmp', '/box/sub'],
  hostname: ['h', 'box'],
  env: ['A=b', 'X=', 'LANG=C.UTF-8'],
  etc: ['passwd', 'ssl/certs'],
};
const big = ['99999999999999999999999', '18446744073709551616', '340282366920938463463374607431768211456'];
const bad: Record<Kind, string[]> = {
  slot: ['', '-1', '+5', '10000', 'abc', '1.5', '5k', '0x10', '5 ', ...big],
  uint: ['', '-1', '+5', 'abc', '1.5', '5k', '0x10', '1e3', '5 ', '٣', '010', '00', ...big],
  seconds: [
    '',
    '0',
    '-1',
    '+1',
    'abc',
    'nan',
    'inf',
    '-inf',
    '1e400',
    '1s',
    '31536001',
    '0.0000001',
    '1,5',
    '5 ',
    '0x10',
    '010',
    '1e3',
    '.5',
    '1.',
    '86401',
    '86400.000001',
    '1.1234567',
  ],
  bytes: [
    '',
    '0',
    '-1',
    '+5',
    'abc',
    '1.5M',
    '5T',
    '5KB',
    'K',
    'M5',
    '5 ',
    '18446744073709551615K',
    '17179869184G',
    '0x10',
    '064M',
    '1e3',
    '1099511627777',
    '1025G',
    ...big,
  ],
  cgroup: ['', 'v3', 'V2', 'auto ', 'v1v2'],
  cwd: ['', 'relative', '/', '/box/../etc', '//box', '/box/', '/box/.', '/box/..'],
  hostname: ['', 'x'.repeat(64)],
  env: ['', 'NOEQUALS', '=value'],
  etc: ['', '../shadow', 'a//b', '.', '..', 'a/../b', 'x/'],
};
const switches = ['--merge-stderr', '--timing', '--network', '--seccomp-record'];

/** Text that getopt cannot take for an option: unknown, ambiguous, or garbage after a dash. */
function unknownFlag(r: () => number): string {
  // A lone "-" is not among them: getopt takes it for the command, like any word without a dash.
  const fixed = ['--nosuch', '--time-limit', '--TIME', '---time', '--c', '--s', '-x', '-t', '--memory-max', '--=5'];
  if (r() < 0.5) return fixed[Math.floor(r() * fixed.length)]!;
  let s = r() < 0.5 ? '--9' : '-\u0001';
  for (let i = Math.floor(r() * 12); i > 0; i--) s += String.fromCharCode(1 + Math.floor(r() * 254));
  return s;
}

/** One argv with exactly one invalid element; `last` says it must not be followed by a command. */
function makeCase(r: () => number, slot: number): { argv: string[]; why: string } {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const flags = Object.keys(valued);
  // Filler never repeats a flag of the broken part: a later valid --uid would undo "--uid 0".
  const fill = (n: number, avoid: string[]) =>
    Array.from({ length: n }, () =>
      r() < 0.2
        ? [pick(switches.filter((x) => !avoid.includes(x)))]
        : ((f) => [f, pick(good[valued[f]!])])(pick(flags.filter((f) => f !== '--slot' && !avoid.includes(f)))),
    ).flat();
  const roll = r();
  let broken: string[];
  let why: string;
  let commandAllowed = true;
  if (roll < 0.55) {
    const f = pick(flags);
    const v = pick(bad[valued[f]!]);
    broken = [f, v];
    why = `${f} ${JSON.stringify(v)}`;
  } else if (roll < 0.75) {
    broken = [unknownFlag(r)];
    why = `unknown ${JSON.stringify(broken[0])}`;
  } else if (roll < 0.85) {
    broken = [pick(flags)]; // a value is missing: it must be the last element
    why = `missing value for ${broken[0]}`;
    return { argv: ['--slot', String(slot), ...fill(Math.floor(r() * 4), []), ...broken], why };
  } else {
    const combos = [
      ['--uid', '0'],
      ['--gid', '0'],
      ['--seccomp-allow', '/nonexistent', '--seccomp-record'],
      ['--passthrough', '--stdin', '/dev/null'],
      ['--passthrough', '--merge-stderr'],
      ['--bind', 'relative', '/x'],
      ['--bind', '/usr', '/proc'],
      ['--bind', '/usr', '/proc/sys'],
      ['--bind-rw', '/tmp', 'relative'],
    ];
    broken = pick(combos);
    why = `combination ${broken.join(' ')}`;
    commandAllowed = !broken[0]!.startsWith('--bind') || broken.length === 3;
  }
  const command = commandAllowed && r() < 0.5 ? ['--', '/bin/true'] : [];
  const before = fill(Math.floor(r() * 4), broken);
  const after = fill(Math.floor(r() * 3), broken);
  return { argv: ['--slot', String(slot), ...before, ...broken, ...after, ...command], why };
}

/** Run the launcher; exit status, signal, output, and how long it took. */
function launch(argv: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(launcherPath(), argv, { stdio: ['ignore', 'pipe', 'pipe'], env: {} });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err, ms: Date.now() - started });
    });
  });
}

test("the fuzzer's valid parts are valid: filler flags with /bin/true run a box", async () => {
  const r = await launch(['--slot', String(SLOT), '--time', '1', '--memory', '64M', '--env', 'A=b', '--cwd', '/box', '--hostname', 'h', '--', '/bin/true']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /status=OK/);
});

test(`launcher argv fuzzing for ${SECONDS} s (seed ${seed})`, { timeout: (SECONDS + 30) * 1000 }, async () => {
  const before = hostSnapshot();
  const r = prng(seed);
  const deadline = Date.now() + SECONDS * 1000;
  const failures: string[] = [];
  let cases = 0;
  await Promise.all(
    Array.from({ length: 4 }, async (_, worker) => {
      while (Date.now() < deadline && failures.length < 10) {
        const c = makeCase(r, SLOT + worker);
        cases++;
        const res = await launch(c.argv);
        const ok = res.code === 1 && res.signal === null && res.err.trim().length > 0 && !/^status=/m.test(res.err) && res.out === '' && res.ms < 5000;
        if (!ok)
          failures.push(
            `${c.why}: exit ${res.code} signal ${res.signal} ${res.ms} ms; argv ${JSON.stringify(c.argv)}; stderr ${JSON.stringify(res.err.slice(0, 200))}`,
          );
      }
    }),
  );
  assert.deepEqual(failures, [], `seed ${seed}, ${cases} cases`);
  assert.ok(cases > 100, `only ${cases} cases ran`);
  for (let w = 0; w < 4; w++) assert.deepEqual(await leftovers(SLOT + w, before), []);
});

test('byte sizes with leading whitespace and a sign are refused', async () => {
  const accepted: string[] = [];
  for (const f of ['--memory', '--disk', '--file-size', '--output', '--stack', '--copy-out-limit']) {
    for (const v of [' -1', '\t-5', ' 64M']) {
      const res = await launch(['--slot', String(SLOT), f, v, '--', '/bin/true']);
      if (res.code !== 1) accepted.push(`${f} ${JSON.stringify(v)}: exit ${res.code}`);
    }
  }
  assert.deepEqual(accepted, []);
});

// Decimal only, a documented maximum per limit (docs/launcher-protocol.md), a clear refusal
// otherwise: strtod read "--time 0x10" as 16 s, and "--output 18446744073709551615" made the
// relay read nothing at all (its "one byte past the cap" wrapped to zero).
const refused: Array<[string, string]> = [
  ['--time', '0x10'],
  ['--time', '010'],
  ['--time', '-1'],
  ['--time', '1e1'],
  ['--time', '18446744073709551616'],
  ['--time', '5 '],
  ['--time', '86401'],
  ['--wall-time', '0x1p4'],
  ['--wall-time', '86400.5'],
  ['--wall-time', '0.0000005'],
  ['--output', '18446744073709551615'],
  ['--output', '0x100'],
  ['--output', '010'],
  ['--output', '-1'],
  ['--output', '64MB'],
  ['--memory', '1099511627777'],
  ['--memory', '1025G'],
  ['--memory', '0100M'],
  ['--stack', '2048G'],
  ['--disk', '1T'],
  ['--file-size', '1099511627777'],
  ['--copy-out-limit', '18446744073709551615'],
  ['--processes', '0'],
  ['--processes', '4194305'],
  ['--processes', '0x40'],
  ['--processes', '064'],
  ['--inodes', '16777217'],
  ['--open-files', '1048577'],
  ['--open-files', '0'],
  ['--slot', '010'],
];

test('hex, octal-looking, negative, overflowing, trailing-junk and above-maximum values are refused with the range', async () => {
  const wrong: string[] = [];
  for (const [flag, value] of refused) {
    const res = await launch(['--slot', String(SLOT), flag, value, '--', '/bin/true']);
    const named = res.err.includes(`${flag} wants`) && res.err.includes(`'${value}'`) && /\bto\b/.test(res.err);
    if (res.code !== 1 || !named || /^status=/m.test(res.err))
      wrong.push(`${flag} ${JSON.stringify(value)}: exit ${res.code} ${JSON.stringify(res.err.slice(0, 160))}`);
  }
  assert.deepEqual(wrong, []);
});

test('the largest and smallest documented values are accepted and mean what they say', async () => {
  const run = async (args: string[], command: string[]) => {
    const res = await launch(['--slot', String(SLOT), ...args, '--', ...command]);
    assert.equal(res.code, 0, res.err);
    return { out: res.out, status: /^status=(\w+)$/m.exec(res.err)?.[1], message: /^message=(.*)$/m.exec(res.err)?.[1] };
  };
  // The maximum output cap relays output (at 2^64-1 it used to drop it all).
  assert.deepEqual(await run(['--output', '1099511627776'], ['/bin/echo', 'relayed']), { out: 'relayed\n', status: 'OK', message: '' });
  assert.deepEqual(await run(['--output', '1024G', '--memory', '1024G', '--stack', '1G'], ['/bin/echo', 'ok']), { out: 'ok\n', status: 'OK', message: '' });
  const tiny = await run(['--time', '0.000001', '--wall-time', '1'], ['/bin/sh', '-c', 'while :; do :; done']);
  assert.equal(tiny.status, 'TLE');
  const maxima = [
    '--time',
    '86400',
    '--wall-time',
    '86400',
    '--processes',
    '4194304',
    '--inodes',
    '16777216',
    '--open-files',
    '1048576',
    '--disk',
    '1024G',
    '--file-size',
    '1024G',
    '--copy-out-limit',
    '1024G',
  ];
  // The parser takes every maximum (--cleanup parses everything, then only tidies the slot)...
  const parsed = await launch(['--slot', String(SLOT), ...maxima, '--cleanup']);
  assert.equal(parsed.code, 0, parsed.err);
  // ...and a box runs with them, but for an open-files limit above our own hard one, which a
  // launcher without CAP_SYS_RESOURCE (a container) may not raise: that one is IE, saying so.
  const hardNofile = Number(/^Max open files\s+\S+\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? 1048576);
  const openFiles = String(Math.min(1048576, hardNofile));
  const limits = await run([...maxima.slice(0, -8), '--open-files', openFiles, ...maxima.slice(-6)], ['/bin/true']);
  assert.equal(limits.status, 'OK', limits.message);
});
