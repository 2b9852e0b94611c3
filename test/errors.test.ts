// The error catalogue and docs/errors.md must list the same codes, statuses and messages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AirlockError, catalogue } from '../src/errors.js';
import { repoRoot } from './helpers/box.js';

test('docs/errors.md matches the catalogue row for row', () => {
  const doc = readFileSync(`${repoRoot}/docs/errors.md`, 'utf8');
  const rows = [...doc.matchAll(/^\| (AIRLOCK_ERR_\w+) \| (\d{3}) \| (.+) \|$/gm)].map((m) => [m[1], Number(m[2]), m[3]]);
  const expected = Object.entries(catalogue).map(([code, e]) => [code, e.status, e.message]);
  assert.deepEqual(rows, expected);
});

test('codes are stable names and statuses are 4xx or 5xx', () => {
  for (const [code, e] of Object.entries(catalogue)) {
    assert.match(code, /^AIRLOCK_ERR_[A-Z_]+$/);
    assert.ok(e.status >= 400 && e.status < 600, code);
  }
});

test('an AirlockError carries its code, status and detail', () => {
  const e = new AirlockError('AIRLOCK_ERR_UNKNOWN_LANGUAGE', 'brainfog');
  assert.equal(e.code, 'AIRLOCK_ERR_UNKNOWN_LANGUAGE');
  assert.equal(e.statusCode, 400);
  assert.equal(e.message, 'Unknown language: brainfog');
});
