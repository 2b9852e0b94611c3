// The benchmarks' checks refuse what they must: a failed run, a wrong output, a box faster than bare, a rate above
// its baseline, and (through the real C timing tools and a real launcher daemon) a box whose record is not OK.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BadSample, checkHttp, checkNotFasterThanBare, checkRatePossible, checkSample, checkWithinBound } from '../../bench/check.js';
import { figure, timeRuns, tool } from '../../bench/lib.js';
import { launcherPath } from '../../src/sandbox/launcher.js';
import { testSlot } from '../helpers/box.js';

describe('bench checks', () => {
  test('a sample that is not OK, exits non-zero or prints the wrong thing is refused, naming it', () => {
    assert.throws(
      () => checkSample('python3 run 7', { status: 'IE', message: "expected a file ('F') or go ('G') frame" }),
      (e: Error) => e instanceof BadSample && /python3 run 7: status IE/.test(e.message),
    );
    assert.throws(() => checkSample('run 1', { status: 'OK', exitCode: 1 }), /run 1: exit code 1/);
    assert.throws(
      () => checkSample('run 2', { status: 'OK', exitCode: 0, stdout: 'Hello' }, { stdout: 'Hello\n' }),
      /run 2: stdout "Hello", expected "Hello\\n"/,
    );
    assert.throws(() => checkHttp('POST 3', 429, '{"code":"AIRLOCK_ERR_QUEUE_FULL"}'), /POST 3: HTTP 429/);
    checkSample('good', { status: 'OK', exitCode: 0, stdout: 'Hello\n' }, { stdout: 'Hello\n' });
    checkSample('verdict', { status: 'AC' }, { status: 'AC' });
  });

  test('impossible figures are refused as benchmark bugs', () => {
    assert.throws(() => checkNotFasterThanBare('daemon box', 2.0, 3.6), /faster than bare fork\+exec/);
    assert.throws(() => checkRatePossible('HTTP', 31.1, 20.9), /above its baseline's maximum/);
    assert.throws(() => figure('overhead', Number.NaN, 'ms', 'bare', null), BadSample);
    assert.throws(() => checkWithinBound('HTTP', 0.95, 0.88, 'ceiling'), /0\.95x is above its ceiling of 0\.88x/);
    assert.throws(() => checkWithinBound('judging', 1.1, 1.32, 'floor'), /1\.10x is below its floor of 1\.32x/);
    assert.throws(() => checkWithinBound('judging', 1.5, Number.NaN, 'floor'), /not a measurement/);
    checkNotFasterThanBare('box', 3.7, 3.6);
    checkRatePossible('HTTP', 20.0, 20.9);
    checkWithinBound('HTTP', 0.53, 0.88, 'ceiling');
    checkWithinBound('judging', 1.6, 1.32, 'floor');
  });

  test('spawntime refuses a run that fails or prints other than expected', () => {
    assert.throws(() => timeRuns('false', tool('spawntime'), ['3', '/bin/false']), /false: spawntime: run 0 of \/bin\/false: it did not exit 0/);
    assert.throws(() => timeRuns('echo', tool('spawntime'), ['-o', 'bye\n', '2', '/bin/echo', 'hi']), /stdout is not the expected output/);
    const t = timeRuns('echo', tool('spawntime'), ['-j', '2', '-o', 'hi\n', '4', '/bin/echo', 'hi']);
    assert.equal(t.wall.length, 4);
    assert.ok(t.totalMs > 0);
  });

  describe('against a real launcher daemon', () => {
    let daemon: ChildProcess;
    let socket: string;
    before(async () => {
      socket = join(mkdtempSync(join(tmpdir(), 'airlock-bench-test-')), 'd.sock');
      daemon = spawn(launcherPath(), ['--serve', socket], { stdio: 'ignore' });
      for (let i = 0; i < 250 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 20));
    });
    after(() => daemon.kill());
    const slot = String(testSlot(1998));

    test('daemontime times boxes that ran, with the current protocol', () => {
      const t = timeRuns('echo', tool('daemontime'), ['-o', 'hi\n', '3', socket, '--slot', slot, '--', '/bin/echo', 'hi']);
      assert.equal(t.wall.length, 3);
    });

    test('daemontime refuses a box whose record is not OK, or whose output is wrong', () => {
      assert.throws(
        () => timeRuns('false', tool('daemontime'), ['2', socket, '--slot', slot, '--', '/bin/false']),
        /box 0 of \/bin\/false: status is not OK[\s\S]*status=RE/,
      );
      assert.throws(() => timeRuns('echo', tool('daemontime'), ['2', socket, '--slot', slot, '--', '/bin/echo', 'hi']), /stdout is not the expected output/);
      assert.throws(() => timeRuns('launcher', tool('spawntime'), ['-r', '1', launcherPath(), '--slot', slot, '--', '/bin/false']), /status is not OK/);
    });
  });
});
