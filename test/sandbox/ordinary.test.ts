// Ordinary programs behave as they would outside: output, input, exit codes, bytes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runBox } from '../../src/sandbox/run.js';
import { defaultRunLimits } from '../../src/sandbox/limits.js';
import { boxCpuMismatch, boxUid, ROOTLESS, runProbe, said, testSlot, text } from '../helpers/box.js';

const SLOT = testSlot(120);

describe('ordinary programs', () => {
  test('hello world', async () => {
    const r = await runProbe(SLOT, ['hello']);
    assert.equal(r.status, 'OK', said(r));
    assert.equal(text(r), 'hello\n');
    assert.equal(r.exitCode, 0);
  });

  test('stdin is echoed back, large and binary-safe', async () => {
    const input = Buffer.concat([Buffer.from('line one\nline two\n'), Buffer.alloc(300_000, 0x61), Buffer.from([0, 255, 10])]);
    const r = await runProbe(SLOT, ['echo'], {}, {}, { stdin: input });
    assert.equal(r.status, 'OK', said(r));
    assert.ok(r.stdout.equals(input));
  });

  test('a program that never reads a large stdin does not hang', async () => {
    const r = await runProbe(SLOT, ['ignore-stdin'], {}, {}, { stdin: Buffer.alloc(8 * 1024 * 1024, 0x62) });
    assert.equal(r.status, 'OK', said(r));
    assert.equal(text(r), 'not reading\n');
  });

  test('exit code 3 is RE with the code', async () => {
    const r = await runProbe(SLOT, ['exit', '3']);
    assert.equal(r.status, 'RE', said(r));
    assert.equal(r.exitCode, 3);
    assert.match(r.message, /code 3/);
  });

  test('UTF-8 passes through untouched', async () => {
    const r = await runBox({
      command: ['/bin/sh', '-c', 'printf "%s\\n" "héllo wörld ✓ 日本語 🚀"'],
      slot: SLOT,
      limits: defaultRunLimits,
    });
    assert.equal(text(r), 'héllo wörld ✓ 日本語 🚀\n');
  });

  test('binary output passes through byte for byte', async () => {
    const r = await runProbe(SLOT, ['binary']);
    assert.deepEqual([...r.stdout], [0, 1, 2, 0xff, 0xfe, 10]);
  });

  test('stderr is kept apart, or merged when asked', async () => {
    const cmd = ['/bin/sh', '-c', 'echo out; echo err >&2'];
    const apart = await runBox({ command: cmd, slot: SLOT, limits: defaultRunLimits });
    assert.equal(text(apart), 'out\n');
    assert.equal(apart.stderr.toString(), 'err\n');
    const merged = await runBox({ command: cmd, slot: SLOT, limits: defaultRunLimits, mergeStderr: true });
    assert.equal(text(merged), 'out\nerr\n');
  });

  test('identity: unprivileged, no capabilities, no_new_privs, its own hostname', async () => {
    const r = await runBox({
      command: ['/bin/sh', '-c', 'id -u; hostname; grep -E "^(CapEff|CapBnd|NoNewPrivs|Seccomp):" /proc/self/status; ls -l /proc/self/fd | tail -n +2 | wc -l'],
      slot: SLOT,
      limits: defaultRunLimits,
    });
    const lines = text(r).trim().split('\n');
    assert.equal(lines[0], String(ROOTLESS ? 1000 : boxUid(SLOT)));
    assert.equal(lines[1], 'box');
    assert.match(text(r), /CapEff:\s+0000000000000000/);
    assert.match(text(r), /CapBnd:\s+0000000000000000/);
    assert.match(text(r), /NoNewPrivs:\s+1/);
    assert.match(text(r), /Seccomp:\s+2/);
  });

  test('the program may run on every CPU the launcher may (init is started on another CPU, then takes them all back)', async () => {
    assert.equal(await boxCpuMismatch(SLOT), '');
  });

  test('only fds 0-2 are open in the program', async () => {
    const r = await runBox({ command: ['/bin/ls', '/proc/self/fd'], slot: SLOT, limits: defaultRunLimits });
    // ls itself opens one directory fd while listing.
    assert.deepEqual(text(r).trim().split('\n').map(Number).sort(), [0, 1, 2, 3]);
  });

  test('cancel: the launcher kills the box and reports', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    await assert.rejects(runProbe(SLOT, ['sleep'], { wallTime: 10 }, {}, { signal: ac.signal }), { code: 'AIRLOCK_ERR_CANCELLED' });
  });
});
