// ICPC packages through the API: each example uploads as zip and as tar.gz (POST /v1/problems), shows its
// statement and samples, and judges a submission from its own submissions/ folders to the folder's verdict.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getLanguage, isInstalled } from '../../src/languages/registry.js';
import { tarGzOf, zip, zipOf } from '../helpers/archives.js';
import { repoRoot } from '../helpers/box.js';
import { testApp } from '../helpers/service.js';
import { until } from '../helpers/until.js';

let t: Awaited<ReturnType<typeof testApp>>;
before(async () => {
  t = await testApp(476);
});
after(() => t.close());

const examples = join(repoRoot, 'examples/problems-icpc');
const formats = { zip: { type: 'application/zip', pack: zipOf }, 'tar.gz': { type: 'application/gzip', pack: tarGzOf } } as const;

/** Per example: what the API shows of it, and a submission of each verdict to judge (folder/file). */
const expected: Record<
  string,
  { title: string; checker: string; interactive: boolean; statement: RegExp; samples: number; ac: string; other: [string, string] }
> = {
  bigsum: {
    title: 'Big sum',
    checker: 'program',
    interactive: false,
    statement: /^# /,
    samples: 2,
    ac: 'accepted/exact.py',
    other: ['partially_accepted/doubles.py', 'AC'],
  },
  divisor: {
    title: 'Proper divisor',
    checker: 'program',
    interactive: false,
    statement: /## Input/,
    samples: 2,
    ac: 'accepted/largest.c',
    other: ['wrong_answer/odd_is_prime.py', 'WA'],
  },
  guess: {
    title: 'Guess the number',
    checker: 'tokens',
    interactive: true,
    statement: /## Sample interaction 1/,
    samples: 2,
    ac: 'accepted/bisect.py',
    other: ['wrong_answer/count_down.c', 'WA'],
  },
  hypotenuse: {
    title: 'Hypotenuse',
    checker: 'icpc-diff',
    interactive: false,
    statement: /^# Hypotenuse/,
    samples: 2,
    ac: 'accepted/exponent.py',
    other: ['wrong_answer/two_decimals.py', 'WA'],
  },
};

/** Languages a package needs here: its validator's and the submissions this test sends. */
function missing(name: string): string | false {
  const e = expected[name]!;
  const needs = [e.ac, e.other[0]].map((f) => f.split('.').pop()!);
  if (name === 'divisor' || name === 'guess') needs.push('cpp');
  for (const id of needs.map((x) => ({ py: 'python3', c: 'c', cpp: 'cpp' })[x]!))
    if (!isInstalled(getLanguage(id))) return `${id} is not installed (./setup.sh --languages ${id})`;
  return false;
}

async function submit(problem: string, dir: string, file: string): Promise<{ verdict: string; score: number; maxScore: number; reason: string }> {
  const content = readFileSync(join(dir, 'submissions', file), 'utf8');
  const res = await t.app.inject({ method: 'POST', url: `/v1/problems/${problem}/submissions`, payload: { files: [{ name: file.split('/')[1]!, content }] } });
  assert.equal(res.statusCode, 202, res.body);
  const url = `/v1/submissions/${res.json().id}`;
  const done = await until(
    async () => (await t.app.inject({ url })).json(),
    (v) => v.state !== 'queued' && v.state !== 'running',
    120_000,
    `${file} judged`,
  );
  assert.equal(done.state, 'done', JSON.stringify(done));
  return done;
}

describe('ICPC packages over the API', () => {
  for (const name of readdirSync(examples).sort()) {
    const dir = join(examples, name);
    const e = expected[name];
    test(
      `examples/problems-icpc/${name}: uploaded as zip and tar.gz, judged to its folders' verdicts`,
      { skip: e ? missing(name) : 'no expectations written for it' },
      async () => {
        const ids: string[] = [];
        for (const [format, { type, pack }] of Object.entries(formats)) {
          const res = await t.app.inject({ method: 'POST', url: '/v1/problems', payload: pack(dir), headers: { 'content-type': type } });
          assert.equal(res.statusCode, 201, `${format}: ${res.body}`);
          const p = res.json();
          assert.deepEqual([p.name, p.title, p.format, p.checker, p.interactive], [name, e!.title, 'icpc', e!.checker, e!.interactive], format);
          assert.match(p.statement, e!.statement);
          assert.equal(p.samples.length, e!.samples);
          assert.ok(
            p.samples.every((s: { name: string; input: string }) => s.name.startsWith('sample.') && s.input.length > 0),
            JSON.stringify(p.samples),
          );
          assert.equal(p.points, 100);
          ids.push(p.id);
        }
        // The accepted submission on both uploads; another verdict on one.
        for (const id of ids) {
          const ac = await submit(id, dir, e!.ac);
          assert.deepEqual([ac.verdict, ac.score, ac.maxScore], ['AC', 100, 100], ac.reason);
        }
        const other = await submit(ids[0]!, dir, e!.other[0]);
        assert.equal(other.verdict, e!.other[1], other.reason);
        assert.ok(other.score < 100, `${other.score}`);
      },
    );
  }

  test('a broken ICPC package is refused with AIRLOCK_ERR_BAD_PROBLEM and every mistake as {file, field, message}', async () => {
    const body = zip([
      { name: 'p/problem.yaml', data: 'validation: custom\nlimits: {memory: 0}\n' },
      { name: 'p/data/secret/1.in', data: '1\n' },
      { name: 'p/data/secret/testdata.yaml', data: 'grading: custom\n' },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/problems', payload: body, headers: { 'content-type': 'application/zip' } });
    assert.equal(res.statusCode, 400, res.body);
    const err = res.json().error;
    assert.equal(err.code, 'AIRLOCK_ERR_BAD_PROBLEM');
    const where = err.errors.map((x: { file: string; field: string }) => `${x.file} ${x.field}`.trim());
    for (const w of ['problem.yaml limits.memory', 'output_validators/', 'data/secret/testdata.yaml grading'])
      assert.ok(where.includes(w), `${w} not in ${JSON.stringify(err.errors)}`);
  });
});
