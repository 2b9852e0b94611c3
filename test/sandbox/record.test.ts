// The result record parser is strict: a malformed or truncated record is our failure, never a result.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRecord } from '../../src/sandbox/result.js';
import { launcherArgs } from '../../src/sandbox/options.js';
import { defaultRunLimits } from '../../src/sandbox/limits.js';
import { said } from '../helpers/box.js';

const good = 'status=RE\nexit_code=3\nsignal=0\ncpu_us=1500\nwall_us=2500\nmemory_bytes=1048576\nstdout_bytes=5\nstderr_bytes=0\noom_killed=0\nmessage=exited with code 3: a=b\nend\n';

test('a complete record parses, values keep their "=" signs', () => {
  const r = parseRecord(good);
  assert.equal(r.status, 'RE', said(r));
  assert.equal(r.exitCode, 3);
  assert.equal(r.cpuUs, 1500);
  assert.equal(r.memoryBytes, 1048576);
  assert.equal(r.message, 'exited with code 3: a=b');
  assert.equal(r.syscalls, undefined);
});

test('a record without "end" is rejected', () => {
  assert.throws(() => parseRecord(good.replace('end\n', '')), { code: 'AIRLOCK_ERR_SANDBOX_FAILED' });
});

test('an unknown status or a non-number is rejected', () => {
  assert.throws(() => parseRecord(good.replace('status=RE', 'status=WAT')), /unknown status/);
  assert.throws(() => parseRecord(good.replace('cpu_us=1500', 'cpu_us=1.5e3')), /cpu_us/);
  assert.throws(() => parseRecord(`garbage\n${good}`), /malformed/);
});

test('recorded syscalls come back as a list', () => {
  const r = parseRecord(good.replace('end\n', 'syscalls=read,write,exit_group\nend\n'));
  assert.deepEqual(r.syscalls, ['read', 'write', 'exit_group']);
});

test('launcher arguments put the command last, after --', () => {
  const args = launcherArgs({ command: ['python3', '-c', '--evil'], slot: 4, limits: defaultRunLimits, env: { A: '1' }, etc: ['java'] });
  const dash = args.indexOf('--');
  assert.deepEqual(args.slice(dash + 1), ['python3', '-c', '--evil']);
  assert.deepEqual(args.slice(0, 4), ['--slot', '4', '--result-fd', '3']);
  assert.ok(args.includes('--env') && args.includes('A=1'));
  assert.equal(args[args.indexOf('--time') + 1], '5');
});
