// Legal limits give a verdict, never a sandbox failure: tiny time limits reach the launcher as
// plain decimals it accepts (String(1e-7) is "1e-7", which it refuses), and `processes: 1` runs
// the program alone instead of failing the box's setup.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultRunLimits, launcherCount, launcherRanges, launcherSeconds, limitArgs } from '../../src/sandbox/limits.js';
import { runBox } from '../../src/sandbox/run.js';
import { runProbe, said, testSlot, text } from '../helpers/box.js';

const SLOT = testSlot(138);

describe('numbers for the launcher', () => {
  test('times are plain decimals in microseconds, rounded up, at least one microsecond, at most a day', () => {
    const cases: Array<[number, string]> = [
      [1e-7, '0.000001'], [1e-9, '0.000001'], [Number.MIN_VALUE, '0.000001'], [0.000001, '0.000001'], [0.0000011, '0.000002'],
      [2.3, '2.3'], [0.1, '0.1'], [5, '5'], [1.5e-3, '0.0015'], [86_400, '86400'], [86_400.5, '86400'], [1e21, '86400'], [Infinity, '86400'],
    ];
    assert.deepEqual(cases.map(([v]) => launcherSeconds(v)), cases.map(([, s]) => s));
  });

  test('counts are plain whole numbers within the launcher ranges, never with an exponent', () => {
    const { bytes, processes } = launcherRanges;
    assert.equal(launcherCount(1e21, bytes), String(2 ** 40));
    assert.equal(launcherCount(2 ** 64, bytes), String(2 ** 40));
    assert.equal(launcherCount(0.5, processes), '1');
    assert.equal(launcherCount(64.9, processes), '64');
  });

  test('no launcher argument carries an exponent, whatever the limits', () => {
    const args = limitArgs({ ...defaultRunLimits, cpuTime: 1e-7, wallTime: 1e-9, memory: 1e21, output: 1e300, fileSize: 2 ** 70, stack: 1e-3, processes: 1e30 });
    assert.deepEqual(args.filter((a) => /e/i.test(a) && !a.startsWith('--')), []);
    for (let i = 1; i < args.length; i += 2) assert.match(args[i]!, /^\d+(\.\d{1,6})?$/, `${args[i - 1]} ${args[i]}`);
  });
});

describe('tiny legal limits end in a verdict', () => {
  test('cpuTime 1e-7 and wallTime 1e-9: a busy program is TLE, not a sandbox failure', async () => {
    const r = await runBox({ command: ['/bin/sh', '-c', 'while :; do :; done'], slot: SLOT, limits: { ...defaultRunLimits, cpuTime: 1e-7, wallTime: 1e-9 } });
    assert.equal(r.status, 'TLE', said(r));
  });

  test('cpuTime 1e-7 and wallTime 1e-9: a trivial program is TLE or OK', async () => {
    const r = await runBox({ command: ['/bin/true'], slot: SLOT, limits: { ...defaultRunLimits, cpuTime: 1e-7, wallTime: 1e-9 } });
    assert.ok(['TLE', 'OK'].includes(r.status), `${r.status} ${r.message}`);
  });
});

describe('processes: 1 is the program alone', () => {
  test('a program that does not fork runs OK (exec replaces it, no new process)', async () => {
    const r = await runProbe(SLOT, [], { processes: 1 }, { command: ['/bin/sh', '-c', 'echo alone; exec /bin/echo exec-ok'] });
    assert.equal(r.status, 'OK', said(r));
    assert.equal(text(r), 'alone\nexec-ok\n');
  });

  test('its first fork fails inside the program (a verdict about the program, not IE)', async () => {
    const r = await runProbe(SLOT, [], { processes: 1 }, { command: ['/bin/sh', '-c', '/bin/true; echo after'] });
    assert.notEqual(r.status, 'IE', r.message);
    assert.match(r.stderr.toString(), /fork/i);
  });

  test('processes: 2 allows exactly one child', async () => {
    const r = await runProbe(SLOT, [], { processes: 2 }, { command: ['/bin/sh', '-c', '/bin/echo one-child; /bin/true | /bin/true || echo second-refused'] });
    assert.equal(text(r).split('\n')[0], 'one-child');
    assert.notEqual(r.status, 'IE', r.message);
  });
});
