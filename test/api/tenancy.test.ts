// Two keys on one service: every route that takes an id (/v1 and the Judge0, Jobe compatibility APIs) answers 404 to
// a key that does not own the object, shows none of its data, and cannot cancel, delete or replace it. Piston and the
// WebSocket streams (/v1/stream, /api/v2/connect) take no id: a session is bound to its socket.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newKey } from '../../src/auth/keys.js';
import { tarGzOf } from '../helpers/archives.js';
import { repoRoot } from '../helpers/box.js';
import { py, testApp } from '../helpers/service.js';

type T = Awaited<ReturnType<typeof testApp>>;
let t: T;
const token = { A: '', B: '' };
/** Seen only in A's objects: no answer to B may contain it. */
const SECRET = 'A-ONLY-7f3a9c';
const ids = { run: '', problem: '', submission: '', judge0: '', file: 'tenancyFile01' };

before(async () => {
  t = await testApp(10, { slots: 2 });
  for (const who of ['A', 'B'] as const) {
    const k = newKey(who, {});
    await t.parts.store.createKey(k.record);
    token[who] = k.token;
  }
  // A's objects, each holding SECRET: a run still running, a private problem, a submission still being judged, a
  // Judge0 submission, a Jobe file.
  ids.run = (await as('A', 'POST', '/v1/runs?wait=false', py(`import time\nprint("${SECRET}")\ntime.sleep(8)`))).json().id;
  const pkg = tarGzOf(join(repoRoot, 'examples/problems/aplusb'));
  const up = await t.app.inject({
    method: 'POST',
    url: '/v1/problems?name=secret-aplusb',
    payload: pkg,
    headers: { 'content-type': 'application/gzip', authorization: `Bearer ${token.A}` },
  });
  assert.equal(up.statusCode, 201, up.body);
  ids.problem = up.json().id;
  const sleeper = readFileSync(join(repoRoot, 'examples/problems/aplusb/solutions/tle-sleep.py'), 'utf8');
  const sub = await as('A', 'POST', `/v1/problems/${ids.problem}/submissions`, { files: [{ name: 'tle-sleep.py', content: `# ${SECRET}\n${sleeper}` }] });
  assert.equal(sub.statusCode, 202, sub.body);
  ids.submission = sub.json().id;
  const j0 = await as('A', 'POST', '/submissions', { language_id: 71, source_code: `print("${SECRET}")` });
  assert.equal(j0.statusCode, 201, j0.body);
  ids.judge0 = j0.json().token;
  const put = await as('A', 'PUT', `/jobe/index.php/restapi/files/${ids.file}`, { file_contents: Buffer.from(`${SECRET}\n`).toString('base64') });
  assert.equal(put.statusCode, 204, put.body);
});
after(async () => {
  await as('A', 'DELETE', `/v1/runs/${ids.run}`);
  await as('A', 'DELETE', `/v1/submissions/${ids.submission}`);
  await t.close();
});

/** A request as key A, key B or an anonymous caller; each API's own key header is used where it has one. */
function as(who: 'A' | 'B' | 'anon', method: string, url: string, payload?: object) {
  const key = who === 'anon' ? undefined : token[who];
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}`, 'x-auth-token': key, 'x-api-key': key } : {};
  return t.app.inject({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });
}

/** Each route that takes an id, with how it must answer a caller who does not own the object. */
const routes: { name: string; method: string; url: () => string; body?: () => object; status: number; code?: string }[] = [
  { name: 'GET /v1/runs/:id', method: 'GET', url: () => `/v1/runs/${ids.run}`, status: 404, code: 'AIRLOCK_ERR_RUN_NOT_FOUND' },
  { name: 'DELETE /v1/runs/:id', method: 'DELETE', url: () => `/v1/runs/${ids.run}`, status: 404, code: 'AIRLOCK_ERR_RUN_NOT_FOUND' },
  { name: 'GET /v1/problems/:id', method: 'GET', url: () => `/v1/problems/${ids.problem}`, status: 404, code: 'AIRLOCK_ERR_PROBLEM_NOT_FOUND' },
  {
    name: 'PUT /v1/problems/:id',
    method: 'PUT',
    url: () => `/v1/problems/${ids.problem}`,
    body: () => ({ archive: tarGzOf(join(repoRoot, 'examples/problems/aplusb')).toString('base64'), format: 'tar.gz' }),
    status: 404,
    code: 'AIRLOCK_ERR_PROBLEM_NOT_FOUND',
  },
  { name: 'DELETE /v1/problems/:id', method: 'DELETE', url: () => `/v1/problems/${ids.problem}`, status: 404, code: 'AIRLOCK_ERR_PROBLEM_NOT_FOUND' },
  {
    name: 'POST /v1/problems/:id/submissions',
    method: 'POST',
    url: () => `/v1/problems/${ids.problem}/submissions`,
    body: () => ({ files: [{ name: 'a.py', content: 'print(1)' }] }),
    status: 404,
    code: 'AIRLOCK_ERR_PROBLEM_NOT_FOUND',
  },
  { name: 'GET /v1/submissions/:id', method: 'GET', url: () => `/v1/submissions/${ids.submission}`, status: 404, code: 'AIRLOCK_ERR_SUBMISSION_NOT_FOUND' },
  {
    name: 'DELETE /v1/submissions/:id',
    method: 'DELETE',
    url: () => `/v1/submissions/${ids.submission}`,
    status: 404,
    code: 'AIRLOCK_ERR_SUBMISSION_NOT_FOUND',
  },
  {
    name: 'GET /v1/submissions/:id/events',
    method: 'GET',
    url: () => `/v1/submissions/${ids.submission}/events`,
    status: 404,
    code: 'AIRLOCK_ERR_SUBMISSION_NOT_FOUND',
  },
  { name: 'Judge0 GET /submissions/:token', method: 'GET', url: () => `/submissions/${ids.judge0}?base64_encoded=false&fields=*`, status: 404 },
  { name: 'Judge0 GET /judge0/submissions/:token', method: 'GET', url: () => `/judge0/submissions/${ids.judge0}?fields=*`, status: 404 },
  { name: 'Judge0 DELETE /submissions/:token', method: 'DELETE', url: () => `/submissions/${ids.judge0}`, status: 404 },
  { name: 'Judge0 GET /submissions/batch?tokens=', method: 'GET', url: () => `/submissions/batch?tokens=${ids.judge0}&fields=*`, status: 200 },
  { name: 'Jobe HEAD /files/:id', method: 'HEAD', url: () => `/jobe/index.php/restapi/files/${ids.file}`, status: 404 },
  {
    name: "Jobe POST /runs naming another key's file",
    method: 'POST',
    url: () => '/jobe/index.php/restapi/runs',
    body: () => ({ run_spec: { language_id: 'python3', sourcecode: 'print(open("f.txt").read())', file_list: [[ids.file, 'f.txt']] } }),
    status: 404,
  },
];

describe("two keys: another key's ids are not found", () => {
  for (const caller of ['B', 'anon'] as const) {
    for (const r of routes) {
      test(`${caller}: ${r.name} -> ${r.status}${r.code ? ` ${r.code}` : ''}, none of A's data`, async () => {
        const res = await as(caller, r.method, r.url(), r.body?.());
        assert.equal(res.statusCode, r.status, res.body);
        if (r.code) assert.equal(res.json().error.code, r.code);
        assert.ok(!res.body.includes(SECRET), `no data of A in ${res.body.slice(0, 300)}`);
      });
    }
  }

  test("Judge0 batch GET answers null for another key's token", async () => {
    assert.deepEqual((await as('B', 'GET', `/submissions/batch?tokens=${ids.judge0}`)).json(), { submissions: [null] });
  });

  test("B's list of problems does not hold A's private problem", async () => {
    const list = (await as('B', 'GET', '/v1/problems')).json().problems as { id: string }[];
    assert.ok(!list.some((p) => p.id === ids.problem));
  });

  test("after all of B's attempts, A still has everything unchanged: run and submission not cancelled, problem at revision 1, file its own", async () => {
    const run = (await as('A', 'GET', `/v1/runs/${ids.run}`)).json();
    assert.ok(['queued', 'running', 'done'].includes(run.state), run.state);
    const sub = (await as('A', 'GET', `/v1/submissions/${ids.submission}`)).json();
    assert.notEqual(sub.state, 'cancelled');
    const problem = await as('A', 'GET', `/v1/problems/${ids.problem}`);
    assert.equal(problem.statusCode, 200);
    assert.equal(problem.json().revision, 1);
    assert.equal((await as('A', 'GET', `/submissions/${ids.judge0}?fields=token`)).statusCode, 200);
    assert.equal((await as('A', 'HEAD', `/jobe/index.php/restapi/files/${ids.file}`)).statusCode, 204);
  });

  test("Jobe: B's PUT of A's file id lands in B's own cache; A's run still reads A's file, B's reads B's", async () => {
    const jobeRun = (who: 'A' | 'B') =>
      as(who, 'POST', '/jobe/index.php/restapi/runs', {
        run_spec: { language_id: 'python3', sourcecode: 'print(open("f.txt").read(), end="")', file_list: [[ids.file, 'f.txt']] },
      });
    const put = await as('B', 'PUT', `/jobe/index.php/restapi/files/${ids.file}`, { file_contents: Buffer.from('FORGED-BY-B\n').toString('base64') });
    assert.equal(put.statusCode, 204);
    const a = await jobeRun('A');
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(a.json().stdout, `${SECRET}\n`);
    assert.equal((await jobeRun('B')).json().stdout, 'FORGED-BY-B\n');
    // The anonymous callers are one principal of their own: neither A's file nor B's.
    assert.equal((await as('anon', 'HEAD', `/jobe/index.php/restapi/files/${ids.file}`)).statusCode, 404);
  });
});

/**
 * Routes that take no object id of a tenant, each with why: a new route with an id (or a list) must be added to the
 * table above or here, so that no route escapes the two-key check.
 */
const noTenantObject: Record<string, string> = {
  'GET /v1/problems': "lists only the caller's and public problems (tested above)",
  'GET /submissions/batch': "answers null for another key's token (tested above)",
  'GET /judge0/submissions/batch': 'the same handler as /submissions/batch',
  'GET /submissions': "Judge0's list is not offered: 403 for everyone",
  'GET /judge0/submissions': "Judge0's list is not offered: 403 for everyone",
  'DELETE /judge0/submissions/{}': 'the same handler as DELETE /submissions/{token}',
  'GET /languages/{}': 'a language id, shared by all',
  'GET /judge0/languages/{}': 'a language id, shared by all',
  'PUT /jobe/index.php/restapi/files/{}': "writes into the caller's own cache (tested above)",
};

test('every route of the API document that takes an id or lists objects is checked with two keys', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
  const norm = (s: string) => s.replace(/\{[^}]+\}|:[A-Za-z_]+/g, '{}');
  const covered = new Set(routes.map((r) => norm(/(GET|POST|PUT|DELETE|HEAD) (\/\S*)/.exec(r.name)![0]).replace(/\?.*$/, '')));
  const withIds = Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${norm(path)}`))
    .filter((r) => r.includes('{}') || /^GET \S*(submissions|problems|runs|files)(\/batch)?$/.test(r));
  assert.ok(withIds.length >= 15, `the document lists the API's routes: ${withIds.join(', ')}`);
  const unchecked = withIds.filter((r) => !covered.has(r) && !(r in noTenantObject));
  assert.deepEqual(unchecked, [], 'routes with ids that no two-key case covers');
});
