// The launcher daemon: the same boxes and results as the command line, over one socket per box.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { daemonSocket, startDaemon, stopDaemon } from '../../src/sandbox/daemon.js';
import { runBox } from '../../src/sandbox/run.js';
import { defaultRunLimits } from '../../src/sandbox/limits.js';
import { boxCpuMismatch, boxProcesses, hostSnapshot, leftovers, runProbe, said, testSlot, text } from '../helpers/box.js';
import { until } from '../helpers/until.js';

const SLOT = testSlot(115);

describe('launcher daemon', () => {
  before(async () => {
    await startDaemon();
  });
  after(() => stopDaemon());

  test('boxes go through the daemon and behave as on the command line', async () => {
    assert.ok(daemonSocket());
    const before = hostSnapshot();
    const input = Buffer.concat([Buffer.from('hello daemon\n'), Buffer.alloc(200_000, 0x7a)]);
    const r = await runProbe(SLOT, ['echo'], {}, {}, { stdin: input });
    assert.equal(r.status, 'OK', said(r));
    assert.ok(r.stdout.equals(input));
    assert.deepEqual(await leftovers(SLOT, before), []);
  });

  test('limits, stderr and statuses come back in the record', async () => {
    const r = await runBox({ command: ['/bin/sh', '-c', 'echo oops >&2; exit 3'], slot: SLOT, limits: defaultRunLimits });
    assert.equal(r.status, 'RE', said(r));
    assert.equal(r.exitCode, 3);
    assert.equal(r.stderr.toString(), 'oops\n');
    const flood = await runProbe(SLOT, ['flood'], { output: 100_000 });
    assert.equal(flood.status, 'OLE', said(flood));
    assert.equal(flood.stdout.length, 100_000);
    const tle = await runProbe(SLOT, ['spin'], { cpuTime: 0.3 });
    assert.equal(tle.status, 'TLE', said(tle));
  });

  test('live output arrives while the program runs', async () => {
    const chunks: string[] = [];
    const r = await runBox(
      { command: ['/bin/sh', '-c', 'echo one; sleep 0.3; echo two'], slot: SLOT, limits: defaultRunLimits },
      { onStdout: (c) => chunks.push(c.toString()) },
    );
    assert.equal(r.status, 'OK', said(r));
    assert.deepEqual(chunks.join('').split('\n').filter(Boolean), ['one', 'two']);
    assert.ok(chunks.length >= 2, 'expected two separate chunks');
  });

  test('cancelling closes the connection; the box dies and nothing is left', async () => {
    const ac = new AbortController();
    const run = runProbe(SLOT, ['sleep'], { wallTime: 30 }, {}, { signal: ac.signal });
    // Cancel once the box is likely running (cancelling earlier must work too; this is not a synchronisation point).
    // Not polled: in the rootless pass a box's processes are this process's descendants and cannot be told apart.
    await new Promise((r) => setTimeout(r, 300));
    ac.abort();
    await assert.rejects(run, { code: 'AIRLOCK_ERR_CANCELLED' });
    await until(() => boxProcesses(SLOT), (p) => p.length === 0, 5_000, "the box's processes to go");
    // The launcher holds its slot until its teardown (cgroup removal) ends, a little after the
    // box's processes are gone: the next run may find it busy for that long, not longer.
    const next = await until(
      () => runProbe(SLOT, ['hello']).catch((e: unknown) => e),
      (r) => (r as { code?: string }).code !== 'AIRLOCK_ERR_NO_SLOT',
      5_000,
      'the slot to free after teardown',
    );
    assert.equal(text(next as Awaited<ReturnType<typeof runProbe>>), 'hello\n');
  });

  test('a client that stops reading and goes away: the run ends and frees its slot', async () => {
    // The output backs up while nobody reads it; then the client vanishes. The launcher must
    // drop what it holds for the client, or it would wait for a reader forever.
    const frame = (t: string, b: Buffer) => Buffer.concat([Buffer.from(t), Buffer.from(new Uint32Array([b.length]).buffer), b]);
    const args = ['--slot', String(SLOT), '--result-fd', '3', '--wall-time', '30', '--', '/usr/bin/yes'];
    const sock = connect(daemonSocket()!);
    sock.write(Buffer.concat([frame('A', Buffer.from(args.map((a) => a + '\0').join(''))), frame('G', Buffer.alloc(0)), frame('I', Buffer.alloc(0))]));
    sock.pause(); // never read
    await new Promise((r) => setTimeout(r, 500)); // time for the output to back up: the case under test
    sock.destroy();
    const started = Date.now();
    // The slot frees once the launcher notices the client is gone: try again until it is no longer busy.
    const next = await until(() => runProbe(SLOT, ['hello']).catch((e: unknown) => e), (r) => (r as { code?: string }).code !== 'AIRLOCK_ERR_NO_SLOT', 10_000, 'the abandoned slot to free');
    assert.equal(text(next as Awaited<ReturnType<typeof runProbe>>), 'hello\n');
    assert.ok(Date.now() - started < 10_000, 'the abandoned run held its slot');
  });

  test("a daemon's box may run on every CPU the daemon may (its init is started on another CPU, then takes them back)", async () => {
    assert.equal(await boxCpuMismatch(SLOT), '');
  });

  test('the next box on a slot waits out the teardown of the last one (reported before it), never "busy"', async () => {
    // The record comes before the workspace and cgroup are gone and the slot stays locked until they are
    // (docs/launcher-protocol.md): boxes back to back on one slot each wait a moment for it, and all run.
    const before = hostSnapshot();
    for (let i = 0; i < 20; i++) {
      const r = await runBox({ command: ['/bin/sh', '-c', 'dd if=/dev/zero of=/tmp/fill bs=1M count=8 2>/dev/null; echo $0', String(i)], slot: SLOT, limits: defaultRunLimits });
      assert.equal(r.status, 'OK', said(r));
      assert.equal(r.stdout.toString(), `${i}\n`);
    }
    assert.deepEqual(await leftovers(SLOT, before), []);
  });

  test('bad arguments and busy slots map to the same errors as the command line', async () => {
    await assert.rejects(runBox({ command: ['/bin/true'], slot: 123456, limits: defaultRunLimits }), { code: 'AIRLOCK_ERR_SANDBOX_FAILED', message: /--slot wants a whole number/ });
    const first = runProbe(SLOT, ['sleep'], { wallTime: 1 });
    // The first must hold the slot before the second asks; rootless boxes cannot be told from this process's children,
    // so this waits rather than polls.
    await new Promise((r) => setTimeout(r, 200));
    await assert.rejects(runProbe(SLOT, ['hello']), { code: 'AIRLOCK_ERR_NO_SLOT' });
    assert.equal((await first).status, 'TLE');
  });
});
