// The SQLite ProblemStore against the store contract (test/store/problem-store-contract.ts), and its schema beside the runs'.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqliteProblemStore } from '../../src/store/sqlite-problems.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { problemStoreContract } from './problem-store-contract.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'airlock-pstore-')), 'airlock.db');

problemStoreContract('sqlite', async () => openSqliteProblemStore(file()));

test("sqlite: the problem store shares the runs' database file; either may open it first", async () => {
  const f = file();
  const problems = openSqliteProblemStore(f);
  const runs = openSqliteStore(f);
  assert.equal(await runs.countRuns(null, 0), 0);
  assert.equal(await problems.countSubmissions(null, 0), 0);
  await problems.close();
  await runs.close();
});
