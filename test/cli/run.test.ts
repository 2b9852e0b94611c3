// `airlock run` as a user types it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { repoRoot } from '../helpers/box.js';

const exec = promisify(execFile);
const cli = join(repoRoot, 'dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'airlock-cli-'));

async function airlock(...args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [cli, ...args], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

test('airlock run hello.py prints Hello', async () => {
  writeFileSync(join(dir, 'hello.py'), 'print("Hello")\n');
  const r = await airlock('run', 'hello.py');
  assert.equal(r.stdout, 'Hello\n');
  assert.equal(r.code, 0);
  assert.match(r.stderr, /airlock: OK/);
});

test('--json prints the documented fields, compile included for C++', async () => {
  writeFileSync(join(dir, 'x.cpp'), '#include <cstdio>\nint main(){ char s[32]; if (scanf("%31s", s) == 1) printf("got %s\\n", s); }\n');
  writeFileSync(join(dir, 'in.txt'), 'word\n');
  const r = await airlock('run', 'x.cpp', '--stdin', 'in.txt', '--json', '--time', '1', '--memory', '64');
  const j = JSON.parse(r.stdout);
  for (const k of ['status', 'exitCode', 'signal', 'stdout', 'stderr', 'cpuTime', 'wallTime', 'memory', 'compile']) assert.ok(k in j, k);
  assert.equal(j.status, 'OK');
  assert.equal(j.stdout, 'got word\n');
  assert.equal(j.compile.status, 'OK');
});

test('a compile error is CE with the compiler message; a limit is TLE', async () => {
  writeFileSync(join(dir, 'bad.c'), 'int main(void) { return nope; }\n');
  const ce = JSON.parse((await airlock('run', 'bad.c', '--json')).stdout);
  assert.equal(ce.status, 'CE');
  assert.match(ce.compile.stderr, /nope/);
  writeFileSync(join(dir, 'loop.py'), 'while True: pass\n');
  const tle = await airlock('run', 'loop.py', '--time', '0.5', '--json');
  assert.equal(JSON.parse(tle.stdout).status, 'TLE');
  assert.equal(tle.code, 1);
});

test('bad usage gets a clear message and exit code 2', async () => {
  const r = await airlock('run', 'file.unknownext');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /AIRLOCK_ERR_CANNOT_INFER_LANGUAGE/);
  const t = await airlock('run', 'hello.py', '--time', 'soon');
  assert.equal(t.code, 2);
  assert.match(t.stderr, /--time wants a positive number/);
});

test('airlock doctor passes on this host', async () => {
  const r = await airlock('doctor', '--json');
  const checks = JSON.parse(r.stdout) as Array<{ name: string; ok: boolean }>;
  assert.ok(checks.find((c) => c.name === 'box')?.ok, r.stdout);
});

test('AIRLOCK_SANDBOX goes through the config schema: a bad one stops the command naming sandbox.launcher; a good one is the launcher that runs', async () => {
  writeFileSync(join(dir, 'hello.py'), 'print("Hello")\n');
  const run = async (launcher: string) => {
    try {
      await exec(process.execPath, [cli, 'run', 'hello.py'], { cwd: dir, env: { ...process.env, AIRLOCK_SANDBOX: launcher } });
      return { code: 0, stderr: '' };
    } catch (e) {
      return e as { code: number; stderr: string };
    }
  };
  const relative = await run('airlock-sandbox');
  assert.equal(relative.code, 2);
  assert.match(relative.stderr, /sandbox\.launcher \(environment AIRLOCK_SANDBOX\)/);
  const fakeDir = mkdtempSync(join(tmpdir(), 'airlock-cli-launcher-'));
  const fake = join(fakeDir, 'airlock-sandbox');
  writeFileSync(fake, '#!/bin/sh\necho "bad arguments: the test launcher" >&2\nexit 1\n', { mode: 0o755 });
  const used = await run(fake);
  assert.equal(used.code, 1);
  assert.match(used.stderr, /The sandbox failed: launcher rejected its arguments: bad arguments: the test launcher/);
  chmodSync(fake, 0o777);
  assert.match((await run(fake)).stderr, /sandbox\.launcher .*writable by its group or by others/);
});
