// The prepared-problem cache: one preparation per problem revision shared by concurrent judgements, a broken
// package not tried again, disposal when a revision is retired or falls out, and a cancelled waiter let go.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../src/engine/execute.js';
import { SlotPool } from '../../src/sandbox/slots.js';
import { PreparedProblems } from '../../src/service/prepared.js';
import { repoRoot, testSlot } from '../helpers/box.js';
import { writePackage } from '../helpers/package.js';

const engine = new Engine({ workDir: mkdtempSync(join(tmpdir(), 'airlock-prepared-')), slots: new SlotPool(2, testSlot(464)) });
let compiles = 0;
const prepare = engine.prepare.bind(engine);
engine.prepare = (...args) => {
  compiles++;
  return prepare(...args);
};
const divisors = join(repoRoot, 'examples/problems/divisors');

test('concurrent leases share one preparation; retiring disposes of it once the last lease is back', async () => {
  const cache = new PreparedProblems(engine, 4);
  compiles = 0;
  const [a, b] = await Promise.all([cache.lease('d@1', divisors), cache.lease('d@1', divisors)]);
  assert.equal(a.prepared, b.prepared);
  assert.equal(compiles, 1, 'the checker compiled once');
  let after = 0;
  await a.release();
  await cache.retire('d@1', async () => void after++);
  assert.ok(existsSync(a.prepared.scratch), 'still leased: kept');
  assert.equal(after, 0);
  await b.release();
  await b.release(); // a second release is a no-op
  assert.ok(!existsSync(a.prepared.scratch), 'disposed');
  assert.equal(after, 1);
  await cache.close();
});

test('a package that cannot be prepared fails every lease without being prepared again', async () => {
  const broken = writePackage({
    'problem.json': '{"name": "B", "checker": "check.c"}',
    'statement.md': '',
    'check.c': 'int main( {',
    'tests/1.in': '1',
    'tests/1.ans': '1',
  });
  const cache = new PreparedProblems(engine, 4);
  compiles = 0;
  await assert.rejects(cache.lease('b@1', broken), { code: 'AIRLOCK_ERR_BAD_PROBLEM', message: /does not compile/ });
  await assert.rejects(cache.lease('b@1', broken), { code: 'AIRLOCK_ERR_BAD_PROBLEM' });
  assert.equal(compiles, 1);
  await cache.close();
});

test('at most `capacity` revisions stay prepared: the least recently used idle one goes', async () => {
  const cache = new PreparedProblems(engine, 1);
  const copy = mkdtempSync(join(tmpdir(), 'airlock-prepared-copy-'));
  cpSync(divisors, copy, { recursive: true });
  const first = await cache.lease('d@1', divisors);
  await first.release();
  const second = await cache.lease('d@2', copy);
  await second.release();
  assert.ok(!existsSync(first.prepared.scratch), 'the older one was disposed of');
  assert.ok(existsSync(second.prepared.scratch));
  await cache.close();
  assert.ok(!existsSync(second.prepared.scratch), 'close disposes of idle entries');
});

test('a waiter that is cancelled lets go; the preparation goes on for the others', async () => {
  const cache = new PreparedProblems(engine, 4);
  const stop = new AbortController();
  const waiting = cache.lease('d@1', divisors, stop.signal);
  const other = cache.lease('d@1', divisors);
  stop.abort();
  await assert.rejects(waiting, { code: 'AIRLOCK_ERR_CANCELLED' });
  const lease = await other;
  assert.ok(lease.prepared.checker);
  await lease.release();
  await cache.close();
});
