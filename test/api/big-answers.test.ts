// Answers with big output are streamed (src/api/big-answers.ts) on every API, and say exactly what a small one says.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { STREAM_ABOVE } from '../../src/api/big-answers.js';
import { testApp } from '../helpers/service.js';

const MB = 1024 * 1024;
let t: Awaited<ReturnType<typeof testApp>>;
let base: string;

before(async () => {
  t = await testApp(610);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
after(() => t.close());

/** A program printing `n` characters: a quote, a backslash and a non-ASCII letter among them, so escaping is exercised. */
const printing = (n: number) => `import sys\nsys.stdout.write(('ab"\\\\\\u00e9' * ${Math.ceil(n / 5)})[:${n}])`;
const expected = (n: number) => 'ab"\\\u00e9'.repeat(Math.ceil(n / 5)).slice(0, n);

/** POST JSON, read the answer's framing and its parsed body. */
async function post(path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return {
    status: res.status,
    length: res.headers.get('content-length'),
    type: res.headers.get('content-type'),
    json: JSON.parse(text) as Record<string, unknown>,
  };
}

/** Each API's sync run route and where its stdout is in the answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each API answers its own shape
type Answer = any;
const apis = [
  { name: '/v1', path: '/v1/runs', body: (src: string) => ({ language: 'python3', source: src }), stdout: (j: Answer) => j.result.stdout },
  // Judge0 keeps 1 MiB of output by default; max_file_size (KiB) asks for more. (Piston cuts every stream at 1024
  // characters, its output_max_size: its answers are never big.)
  {
    name: 'Judge0',
    path: '/submissions?wait=true',
    body: (src: string) => ({ language_id: 71, source_code: src, max_file_size: 4096 }),
    stdout: (j: Answer) => j.stdout,
  },
  {
    name: 'Jobe',
    path: '/jobe/index.php/restapi/runs',
    body: (src: string) => ({ run_spec: { language_id: 'python3', sourcecode: src } }),
    stdout: (j: Answer) => j.stdout,
  },
];

for (const api of apis) {
  test(`${api.name}: a big output is streamed and its answer has the same fields as a small one`, async () => {
    const big = STREAM_ABOVE + 12345;
    const [small, large] = [await post(api.path, api.body(printing(10))), await post(api.path, api.body(printing(big)))];
    assert.ok(small.status < 300 && large.status === small.status, `statuses ${small.status} and ${large.status}`);
    assert.equal(api.stdout(small.json), expected(10));
    const got = api.stdout(large.json) as string;
    // Judge0 and Jobe cap output at their own defaults (below this size): what arrives is the start of the output.
    assert.ok(
      got.length > STREAM_ABOVE / 2 && expected(big).startsWith(got),
      `the streamed output is the program's, character for character (${got.length} chars)`,
    );
    assert.ok(small.length !== null, 'a small answer has its length');
    assert.equal(large.length, null, 'a big answer is streamed (chunked, no length)');
    assert.match(large.type ?? '', /^application\/json/);
    // Same fields, nested ones too (values such as times and ids differ): the stream is shaped as the serialiser shapes.
    assert.deepEqual(Object.keys(large.json).sort(), Object.keys(small.json).sort());
    for (const k of Object.keys(small.json)) {
      const [a, b] = [small.json[k], large.json[k]];
      if (a && typeof a === 'object' && !Array.isArray(a)) assert.deepEqual(Object.keys(b as object).sort(), Object.keys(a).sort(), `fields of ${k}`);
    }
  });
}

test('a big result read back by id is streamed too, and a batch keeps the run view shape', async () => {
  const run = await post('/v1/runs', { language: 'python3', source: printing(2 * MB) });
  const res = await fetch(`${base}/v1/runs/${(run.json as { id: string }).id}`);
  assert.equal(res.headers.get('content-length'), null);
  const got = (await res.json()) as { result: { stdout: string } };
  assert.equal(got.result.stdout, expected(2 * MB));
  const batch = await post('/v1/runs/batch', { runs: [{ language: 'python3', source: printing(5) }] });
  assert.deepEqual(Object.keys((batch.json.runs as object[])[0]!).sort(), Object.keys(run.json).sort());
});
