// Configuration: defaults, file < environment < flags, a bad value names its key, and the result is frozen.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
