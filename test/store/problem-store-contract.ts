// What every ProblemStore must do, as tests over a factory: SQLite (sqlite-problems.test.ts) and PostgreSQL
// (postgres.test.ts) run them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProblemRecord, ProblemStore, SubmissionRecord } from '../../src/store/problem-types.js';

const summary: ProblemRecord['summary'] = {
  statement: '# A+B',
  limits: { time: 1, wallTime: 3, memory: 1 << 28, output: 1 << 24 },
  maxLimits: { time: 1, wallTime: 3, memory: 1 << 28, output: 1 << 24 },
  tests: 4,
  points: 100,
  groups: [{ name: 'tests', points: 100 }],
  samples: [],
  interactive: false,
  checker: 'tokens',
  format: 'airlock',
  warnings: [],
};

const problem = (id: string, extra: Partial<ProblemRecord> = {}): ProblemRecord => ({
  id,
  keyId: null,
  name: id,
  title: 'A+B',
  revision: 1,
  dir: `problems/${id}/1`,
  public: false,
  summary,
  packageBytes: 4096,
  createdAt: 1000,
  updatedAt: 1000,
  ...extra,
});

/** A queued submission to problem p1, as the service creates it. */
export const submission = (id: string, extra: Partial<SubmissionRecord> = {}): SubmissionRecord => ({
  id,
  problemId: 'p1',
  problemRevision: 1,
  keyId: null,
  language: 'python3',
  spec: { language: 'python3', files: [{ name: 'main.py', content: 'cHJpbnQoMSk=' }] },
  state: 'queued',
  verdict: null,
  score: null,
  maxScore: 100,
  result: null,
  error: null,
  errorCode: null,
  requestId: 'req',
  attempts: 0,
  createdAt: 1000,
  startedAt: null,
  finishedAt: null,
  ...extra,
});

/** Register the contract's tests; `open` gives a fresh, empty store. */
export function problemStoreContract(name: string, open: () => Promise<ProblemStore>): void {
  test(`${name}: problems: create, read, list by owner and public, update to a new revision, delete`, async () => {
    const s = await open();
    await s.createProblem(problem('a'));
    await s.createProblem(problem('b', { keyId: 'k1', createdAt: 2000 }));
    await s.createProblem(problem('c', { keyId: 'k2', public: true, createdAt: 3000 }));
    assert.deepEqual(await s.getProblem('a'), problem('a'));
    assert.equal(await s.getProblem('nope'), undefined);
    assert.deepEqual(
      (await s.listProblems(null)).map((p) => p.id),
      ['a', 'c'],
    );
    assert.deepEqual(
      (await s.listProblems('k1')).map((p) => p.id),
      ['b', 'c'],
    );
    const change = { name: 'a2', title: 'A+B 2', revision: 2, dir: 'problems/a/2', summary: { ...summary, tests: 5 }, packageBytes: 8192, updatedAt: 5000 };
    assert.equal(await s.updateProblem('a', change), true);
    assert.deepEqual(await s.getProblem('a'), { ...problem('a'), ...change });
    assert.equal(await s.updateProblem('nope', change), false);
    assert.deepEqual((await s.problemDirs()).sort(), ['problems/a/2', 'problems/b/1', 'problems/c/1']);
    assert.equal(await s.deleteProblem('a'), true);
    assert.equal(await s.deleteProblem('a'), false);
    await s.close();
  });

  test(`${name}: a submission's life: start, events, finish with "done" last, once`, async () => {
    const s = await open();
    await s.createSubmission(submission('s1'));
    const started = await s.startSubmission('s1', 2000);
    assert.deepEqual([started?.state, started?.attempts, started?.startedAt], ['running', 1, 2000]);
    assert.equal(await s.startSubmission('s1', 2001), undefined, 'only a queued submission starts');
    assert.equal(await s.addSubmissionEvent('s1', 1, 'compile', { status: 'OK' }, 2100), 1);
    assert.equal(await s.addSubmissionEvent('s1', 1, 'test', { name: '01' }, 2200), 2);
    assert.deepEqual(
      (await s.submissionEvents('s1', 1)).map((e) => [e.seq, e.type, e.data]),
      [[2, 'test', { name: '01' }]],
    );
    const result = { verdict: 'AC', score: 100, maxScore: 100, tests: [] };
    assert.equal(await s.finishSubmission('s1', { state: 'done', result }, 3000), true);
    assert.equal(await s.finishSubmission('s1', { state: 'failed', error: 'late' }, 3001), false);
    const done = (await s.getSubmission('s1'))!;
    assert.deepEqual([done.state, done.verdict, done.score, done.maxScore, done.result, done.finishedAt], ['done', 'AC', 100, 100, result, 3000]);
    const events = await s.submissionEvents('s1', 0);
    assert.deepEqual(
      events.map((e) => [e.attempt, e.seq, e.type]),
      [
        [1, 1, 'compile'],
        [1, 2, 'test'],
        [1, 3, 'done'],
      ],
    );
    await s.close();
  });

  test(`${name}: a restart: requeued, started again, the interrupted attempt's events dropped`, async () => {
    const s = await open();
    await s.createSubmission(submission('s1'));
    await s.createSubmission(submission('s2', { createdAt: 900 }));
    await s.startSubmission('s1', 2000);
    await s.addSubmissionEvent('s1', 1, 'test', { name: '01' }, 2100);
    assert.deepEqual(
      (await s.unfinishedSubmissions()).map((x) => x.id),
      ['s2', 's1'],
    );
    await s.requeueSubmission('s1');
    assert.equal((await s.getSubmission('s1'))!.state, 'queued');
    const again = await s.startSubmission('s1', 4000);
    assert.equal(again?.attempts, 2);
    assert.deepEqual(await s.submissionEvents('s1', 0), []);
    assert.equal(await s.addSubmissionEvent('s1', 2, 'test', { name: '01' }, 4100), 1);
    // Cancelled while queued: "done" belongs to the attempt count so far (0: never started).
    assert.equal(await s.finishSubmission('s2', { state: 'cancelled', error: 'cancelled by the caller' }, 5000), true);
    assert.deepEqual(
      (await s.submissionEvents('s2', 0)).map((e) => [e.attempt, e.seq, e.type]),
      [[0, 1, 'done']],
    );
    // A failure keeps its code apart from its words.
    await s.createSubmission(submission('s3'));
    assert.equal(await s.finishSubmission('s3', { state: 'failed', error: 'The sandbox failed: x', errorCode: 'AIRLOCK_ERR_SANDBOX_FAILED' }, 6000), true);
    const failed = (await s.getSubmission('s3'))!;
    assert.deepEqual([failed.errorCode, failed.error], ['AIRLOCK_ERR_SANDBOX_FAILED', 'The sandbox failed: x']);
    await s.close();
  });

  test(`${name}: restartSubmission: a retried job judges again, earlier attempts' events dropped; never an ended one`, async () => {
    const s = await open();
    await s.createSubmission(submission('s1'));
    await s.createSubmission(submission('s2'));
    await s.startSubmission('s1', 2000);
    await s.addSubmissionEvent('s1', 1, 'compile', { status: 'OK' }, 2100);
    await s.addSubmissionEvent('s1', 1, 'test', { name: '01' }, 2200);
    const again = await s.restartSubmission('s1', 3000);
    assert.deepEqual([again?.state, again?.attempts, again?.startedAt], ['running', 2, 3000]);
    assert.deepEqual(await s.submissionEvents('s1', 0), []);
    assert.equal(await s.addSubmissionEvent('s1', 2, 'compile', { status: 'OK' }, 3100), 1);
    const queued = await s.restartSubmission('s2', 3000);
    assert.deepEqual([queued?.state, queued?.attempts], ['running', 1], 'a queued submission starts as startSubmission would');
    assert.equal(await s.finishSubmission('s1', { state: 'done', result: { verdict: 'AC', score: 1, maxScore: 1 } }, 4000), true);
    assert.equal(await s.restartSubmission('s1', 5000), undefined);
    assert.deepEqual(
      (await s.submissionEvents('s1', 0)).map((e) => [e.attempt, e.seq, e.type]),
      [
        [2, 1, 'compile'],
        [2, 2, 'done'],
      ],
    );
    assert.equal(await s.restartSubmission('nope', 5000), undefined);
    await s.close();
  });

  test(`${name}: package archives: kept per revision, replaced on a second save, deleted with the problem`, async () => {
    const s = await open();
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    // Saved before the problem row: no node may see a revision without its archive.
    await s.savePackageArchive('a', 1, 'zip', bytes, null);
    await s.createProblem(problem('a'));
    await s.savePackageArchive('a', 2, 'tar', Buffer.from('first'), null);
    await s.savePackageArchive('a', 2, 'tar.gz', Buffer.from('second'), null);
    await s.savePackageArchive('b', 1, 'tar', Buffer.from('other'), null);
    const one = await s.packageArchive('a', 1);
    assert.equal(one?.format, 'zip');
    assert.ok(one?.archive.equals(bytes), 'every byte value survives');
    assert.deepEqual(await s.packageArchive('a', 2), { format: 'tar.gz', archive: Buffer.from('second') });
    assert.equal(await s.packageArchive('a', 3), undefined);
    assert.equal(await s.deleteProblem('a'), true);
    assert.equal(await s.packageArchive('a', 1), undefined);
    assert.equal(await s.packageArchive('a', 2), undefined);
    assert.deepEqual(await s.packageArchive('b', 1), { format: 'tar', archive: Buffer.from('other') }, "another problem's archive stays");
    await s.close();
  });

  test(`${name}: quotas count a key's submissions; purge removes old finished ones with their events`, async () => {
    const s = await open();
    await s.createSubmission(submission('a1', { keyId: 'k', createdAt: 1000 }));
    await s.createSubmission(submission('a2', { keyId: 'k', createdAt: 5000 }));
    await s.createSubmission(submission('n1', { createdAt: 5000 }));
    assert.equal(await s.countSubmissions('k', 2000), 1);
    assert.equal(await s.countSubmissions('k', 0), 2);
    assert.equal(await s.countSubmissions(null, 0), 1);
    await s.finishSubmission('a1', { state: 'failed', error: 'x' }, 1500);
    await s.finishSubmission('a2', { state: 'failed', error: 'x' }, 6000);
    assert.equal((await s.purgeSubmissions(2000)).rows, 1);
    assert.equal(await s.getSubmission('a1'), undefined);
    assert.deepEqual(await s.submissionEvents('a1', 0), []);
    assert.ok(await s.getSubmission('a2'));
    await s.close();
  });

  test(`${name}: stored bytes: submissions with their events, problems and archives, each on its key, freed when they go`, async () => {
    const s = await open();
    const held = async (keyId: string | null) => (await s.storageUse(keyId)).bytes;
    const text = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
    const subBytes = async (id: string) => {
      const x = (await s.getSubmission(id))!;
      const events = await s.submissionEvents(id, 0);
      return text(x.spec) + (x.result === null ? 0 : text(x.result)) + Buffer.byteLength(x.error ?? '') + events.reduce((n, e) => n + text(e.data), 0);
    };
    const probBytes = (p: ProblemRecord) => p.packageBytes + text(p.summary);
    await s.createSubmission(submission('s1', { keyId: 'k' }));
    await s.createSubmission(submission('s2', { keyId: 'k' }));
    await s.startSubmission('s1', 2000);
    await s.addSubmissionEvent('s1', 1, 'test', { name: '01', stdout: 'é'.repeat(700) }, 2100);
    // A restart drops the first attempt's events, and their bytes.
    await s.requeueSubmission('s1');
    await s.startSubmission('s1', 2200);
    await s.addSubmissionEvent('s1', 2, 'compile', { status: 'OK', stderr: 'warning ü' }, 2300);
    await s.restartSubmission('s1', 2400);
    await s.addSubmissionEvent('s1', 3, 'test', { name: '01', stdout: 'x'.repeat(300) }, 2500);
    await s.finishSubmission('s1', { state: 'done', result: { verdict: 'WA', score: 0, maxScore: 100 } }, 3000);
    await s.finishSubmission('s2', { state: 'failed', error: 'the problem was deleted before the submission was judged' }, 9000);
    assert.equal(await held('k'), (await subBytes('s1')) + (await subBytes('s2')));
    assert.equal(await held(null), 0);
    assert.equal((await s.storageUse('k')).oldestFinished, 3000);
    // Problems: the package and summary of the current revision; archives apart, each on its key.
    await s.savePackageArchive('p', 1, 'zip', Buffer.alloc(1000), null);
    await s.createProblem(problem('p'));
    await s.savePackageArchive('p', 2, 'zip', Buffer.alloc(300), null);
    await s.savePackageArchive('p', 2, 'zip', Buffer.alloc(200), null);
    await s.savePackageArchive('q', 1, 'tar', Buffer.alloc(50), 'k');
    await s.createProblem(problem('q', { keyId: 'k' }));
    assert.equal(await held(null), probBytes(problem('p')) + 1200);
    const change = {
      name: 'p',
      title: 'A+B',
      revision: 2,
      dir: 'problems/p/2',
      summary: { ...summary, statement: 'ü'.repeat(100) },
      packageBytes: 9000,
      updatedAt: 5000,
    };
    await s.updateProblem('p', change);
    assert.equal(await held(null), probBytes((await s.getProblem('p'))!) + 1200);
    assert.equal(await s.deleteProblem('p'), true);
    assert.equal(await held(null), 0);
    const kBefore = await held('k');
    assert.equal(kBefore, (await subBytes('s1')) + (await subBytes('s2')) + probBytes(problem('q')) + 50);
    // The sweep frees what it deletes, never a running one's bytes.
    await s.createSubmission(submission('s3', { keyId: 'k' }));
    await s.startSubmission('s3', 100);
    const s1 = await subBytes('s1');
    assert.deepEqual(await s.purgeSubmissions(5000), { rows: 1, bytes: s1 });
    assert.equal(await held('k'), kBefore - s1 + (await subBytes('s3')));
    assert.equal((await s.storageUse('k')).oldestFinished, 9000);
    await s.close();
  });
}
