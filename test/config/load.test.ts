// Configuration: defaults, file < environment < flags, a bad value names its key, and the result is frozen.
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { isAirlockError } from '../../src/errors.js';

const file = (content: unknown) => {
  const f = join(mkdtempSync(join(tmpdir(), 'airlock-cfg-')), 'config.json');
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
};
const fails = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (e) => isAirlockError(e, 'AIRLOCK_ERR_BAD_CONFIG') && pattern.test(e.message));

test('defaults fill every setting', () => {
  const c = loadConfig();
  assert.equal(c.port, 8080);
  assert.equal(c.queue.maxLength, 1000);
  assert.equal(c.sandbox.allowNetwork, false);
  assert.ok(c.slots >= 1);
});

test('file < environment < flags', () => {
  const f = file({ port: 1, queue: { maxLength: 7 }, runs: { maxBatch: 9 } });
  const c = loadConfig({ file: f, env: { AIRLOCK_PORT: '2', AIRLOCK_QUEUE_MAX_LENGTH: '8', AIRLOCK_AUTH_ANONYMOUS: 'false' }, flags: { port: '3' } });
  assert.equal(c.port, 3);
  assert.equal(c.queue.maxLength, 8);
  assert.equal(c.runs.maxBatch, 9);
  assert.equal(c.auth.anonymous, false);
  assert.equal(loadConfig({ env: { AIRLOCK_CONFIG: f } }).port, 1);
  assert.deepEqual(loadConfig({ env: { AIRLOCK_AUTH_ANONYMOUS_POLICY_LANGUAGES: 'c, python3' } }).auth.anonymousPolicy.languages, ['c', 'python3']);
});

test('a bad value stops the start with the key and where it came from', () => {
  fails(() => loadConfig({ env: { AIRLOCK_PORT: 'eighty' } }), /^Bad configuration: port \(environment AIRLOCK_PORT\)/);
  fails(() => loadConfig({ env: { AIRLOCK_QUEUE_MAX_LENGTH: '0' } }), /queue\.maxLength/);
  fails(() => loadConfig({ file: file({ queue: { maxLenght: 3 } }) }), /queue\.maxLenght .*Unexpected property/);
  fails(() => loadConfig({ file: file('{not json') }), /config\.json/);
  fails(() => loadConfig({ flags: { 'server.nope': 1 } }), /server\.nope \(flag\): unknown setting/);
  fails(() => loadConfig({ flags: { logLevel: 'loud' } }), /logLevel/);
  fails(() => loadConfig({ flags: { 'server.headersTimeout': 60, 'server.requestTimeout': 30 } }), /server\.headersTimeout/);
});

test('the configuration is deeply frozen', () => {
  const c = loadConfig();
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.server) && Object.isFrozen(c.auth.anonymousPolicy));
  assert.throws(() => {
    (c.server as { bodyLimit: number }).bodyLimit = 1;
  }, TypeError);
});

/** A launcher-like executable file with the given mode. */
const executable = (mode: number) => {
  const f = join(mkdtempSync(join(tmpdir(), 'airlock-launcher-')), 'airlock-sandbox');
  writeFileSync(f, '#!/bin/sh\nexit 1\n');
  chmodSync(f, mode);
  return f;
};

test('security settings go through the schema: AIRLOCK_SANDBOX, AIRLOCK_STATE_DIR and AIRLOCK_CGROUP are read as sandbox.*', () => {
  const launcher = executable(0o755);
  const c = loadConfig({ env: { AIRLOCK_SANDBOX: launcher, AIRLOCK_STATE_DIR: '/run/airlock-test', AIRLOCK_CGROUP: 'v2' } });
  assert.equal(c.sandbox.launcher, launcher);
  assert.equal(c.sandbox.stateDir, '/run/airlock-test');
  assert.equal(c.sandbox.cgroup, 'v2');
  // The setting's own name wins over its older one.
  assert.equal(loadConfig({ env: { AIRLOCK_SANDBOX: '/nonexistent', AIRLOCK_SANDBOX_LAUNCHER: launcher } }).sandbox.launcher, launcher);
  assert.equal(loadConfig().sandbox.launcher, '', 'empty: the repository build');
  fails(() => loadConfig({ env: { AIRLOCK_CGROUP: 'v3' } }), /sandbox\.cgroup \(environment AIRLOCK_CGROUP\)/);
});

test('a launcher that is not a root-owned executable nobody else can write stops the start, naming sandbox.launcher', () => {
  fails(() => loadConfig({ env: { AIRLOCK_SANDBOX: 'airlock-sandbox' } }), /sandbox\.launcher \(environment AIRLOCK_SANDBOX\): Expected string to match/);
  fails(
    () => loadConfig({ env: { AIRLOCK_SANDBOX: '/nonexistent/airlock-sandbox' } }),
    /sandbox\.launcher \(environment AIRLOCK_SANDBOX\): cannot be read: ENOENT/,
  );
  fails(() => loadConfig({ env: { AIRLOCK_SANDBOX: executable(0o757) } }), /sandbox\.launcher .*writable by its group or by others \(mode 757\)/);
  fails(() => loadConfig({ env: { AIRLOCK_SANDBOX: executable(0o775) } }), /writable by its group or by others/);
  fails(() => loadConfig({ env: { AIRLOCK_SANDBOX: executable(0o644) } }), /is not executable/);
  fails(() => loadConfig({ flags: { 'sandbox.launcher': tmpdir() } }), /sandbox\.launcher \(flag\): is not a regular file/);
  const foreign = executable(0o755);
  chownSync(foreign, 65534, 65534);
  if (process.geteuid?.() === 0) fails(() => loadConfig({ env: { AIRLOCK_SANDBOX: foreign } }), /owned by uid 65534/);
});

test("a command's own defaults sit under every other source", () => {
  assert.equal(loadConfig({ defaults: { dataDir: '/tmp/x' } }).dataDir, '/tmp/x');
  assert.equal(loadConfig({ env: { AIRLOCK_DATA_DIR: '/tmp/y' }, defaults: { dataDir: '/tmp/x' } }).dataDir, '/tmp/y');
  fails(() => loadConfig({ defaults: { nope: 1 } }), /nope \(default\): unknown setting/);
});

test("ceilings out of the limits' range stop the start", () => {
  fails(() => loadConfig({ env: { AIRLOCK_CEILINGS_CPU_TIME: '1e-7' } }), /ceilings\.cpuTime \(environment AIRLOCK_CEILINGS_CPU_TIME\)/);
  fails(() => loadConfig({ env: { AIRLOCK_CEILINGS_PROCESSES: '0' } }), /ceilings\.processes/);
  fails(() => loadConfig({ env: { AIRLOCK_CEILINGS_OUTPUT: String(2 ** 40) } }), /ceilings\.output/);
});
