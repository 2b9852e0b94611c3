// The launcher's argument parsing under random and malformed argv for a bounded time: every
// case holds exactly one invalid element among valid flags, and the launcher must exit 1 with a
// message, without a result record, a crash, a hang or a box. AIRLOCK_FUZZ_SECONDS (8) bounds it,
// AIRLOCK_FUZZ_SEED replays a run. API fuzzing waits for the service (src/api).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
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
  '--slot': 'slot', '--uid': 'uint', '--gid': 'uint', '--processes': 'uint', '--inodes': 'uint', '--open-files': 'uint', '--result-fd': 'uint',
  '--time': 'seconds', '--wall-time': 'seconds', '--memory': 'bytes', '--file-size': 'bytes', '--disk': 'bytes', '--stack': 'bytes',
  '--output': 'bytes', '--copy-out-limit': 'bytes', '--cgroup': 'cgroup', '--cwd': 'cwd', '--hostname': 'hostname', '--env': 'env', '--etc': 'etc',
};
const good: Record<Kind, string[]> = {
  slot: [String(SLOT)], uint: ['61234', '8', '64'], seconds: ['1', '0.5', '2.25'], bytes: ['65536', '64K', '8M', '1G'],
  cgroup: ['auto', 'v1', 'v2'], cwd: ['/box', '/tmp', '/box/sub'], hostname: ['h', 'box'], env: ['A=b', 'X=', 'LANG=C.UTF-8'], etc: ['passwd', 'ssl/certs'],
};
const big = ['99999999999999999999999', '18446744073709551616', '340282366920938463463374607431768211456'];
const bad: Record<Kind, string[]> = {
  slot: ['', '-1', '+5', '10000', 'abc', '1.5', '5k', '0x10', '5 ', ...big],
  uint: ['', '-1', '+5', 'abc', '1.5', '5k', '0x10', '1e3', '5 ', '٣', ...big],
  seconds: ['', '0', '-1', '+1', 'abc', 'nan', 'inf', '-inf', '1e400', '1s', '31536001', '0.0000001', '1,5', '5 '],
  bytes: ['', '0', '-1', '+5', 'abc', '1.5M', '5T', '5KB', 'K', 'M5', '5 ', '18446744073709551615K', '17179869184G', ...big],
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
    Array.from({ length: n }, () => (r() < 0.2 ? [pick(switches.filter((x) => !avoid.includes(x)))] : ((f) => [f, pick(good[valued[f]!])])(pick(flags.filter((f) => f !== '--slot' && !avoid.includes(f)))))).flat();
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
    const combos = [['--uid', '0'], ['--gid', '0'], ['--seccomp-allow', '/nonexistent', '--seccomp-record'], ['--passthrough', '--stdin', '/dev/null'],
      ['--passthrough', '--merge-stderr'], ['--bind', 'relative', '/x'], ['--bind', '/usr', '/proc'], ['--bind', '/usr', '/proc/sys'], ['--bind-rw', '/tmp', 'relative']];
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

test('the fuzzer\'s valid parts are valid: filler flags with /bin/true run a box', async () => {
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
        if (!ok) failures.push(`${c.why}: exit ${res.code} signal ${res.signal} ${res.ms} ms; argv ${JSON.stringify(c.argv)}; stderr ${JSON.stringify(res.err.slice(0, 200))}`);
      }
    }),
  );
  assert.deepEqual(failures, [], `seed ${seed}, ${cases} cases`);
  assert.ok(cases > 100, `only ${cases} cases ran`);
  for (let w = 0; w < 4; w++) assert.deepEqual(leftovers(SLOT + w, before), []);
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
