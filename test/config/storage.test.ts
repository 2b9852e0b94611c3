// The storage settings: defaults a public deployment can live with, and each bound refused with the key named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { loadConfig } from '../../src/config/load.js';
import { PolicySchema } from '../../src/config/schema.js';
import { isAirlockError } from '../../src/errors.js';

const fails = (flags: Record<string, unknown>, key: RegExp) =>
  assert.throws(
    () => loadConfig({ flags }),
    (e) => isAirlockError(e, 'AIRLOCK_ERR_BAD_CONFIG') && key.test(e.message),
  );

test('storage quota, retention and sweep interval: defaults, minimums and maximums', () => {
  const c = loadConfig();
  assert.deepEqual([c.storage.quotaBytes, c.storage.sweepInterval, c.runs.retentionDays], [1024 ** 3, 3600, 7]);
  const edge = loadConfig({ flags: { 'storage.quotaBytes': 1024 ** 2, 'storage.sweepInterval': 10, 'runs.retentionDays': 0.001 } });
  assert.deepEqual([edge.storage.quotaBytes, edge.storage.sweepInterval, edge.runs.retentionDays], [1024 ** 2, 10, 0.001]);
  fails({ 'storage.quotaBytes': 1024 ** 2 - 1 }, /storage\.quotaBytes/);
  fails({ 'storage.quotaBytes': 1024 ** 4 + 1 }, /storage\.quotaBytes/);
  fails({ 'storage.sweepInterval': 9 }, /storage\.sweepInterval/);
  fails({ 'storage.sweepInterval': 86_401 }, /storage\.sweepInterval/);
  fails({ 'runs.retentionDays': 0 }, /runs\.retentionDays/);
  fails({ 'runs.retentionDays': 3651 }, /runs\.retentionDays/);
  // A key's own quota has the same range.
  assert.equal(Value.Check(PolicySchema, { storageBytes: 1024 ** 2 }), true);
  assert.equal(Value.Check(PolicySchema, { storageBytes: 1024 }), false);
  assert.equal(loadConfig({ env: { AIRLOCK_AUTH_DEFAULT_POLICY_STORAGE_BYTES: String(2 * 1024 ** 2) } }).auth.defaultPolicy.storageBytes, 2 * 1024 ** 2);
});
