// Jobe's own clients, replayed against the live service with anonymous callers served (the default): testsubmit.py's
// cases, its parallel and bad-cputime checks, and the request sequence of CodeRunner's jobesandbox.php, each sending
// CodeRunner's default X-API-KEY as every CodeRunner site does.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { getLanguage, isInstalled } from '../../src/languages/registry.js';
import { testApp } from '../helpers/service.js';
import { CODERUNNER_KEY, jobeBase, jobeClient } from './jobe-client.js';
import { suite } from './jobe-suite-cases.js';

let t: Awaited<ReturnType<typeof testApp>>;
let jobe: ReturnType<typeof jobeClient>;
let base: string;
before(async () => {
  t = await testApp(546);
  base = await jobeBase(t.app);
  jobe = jobeClient(base, CODERUNNER_KEY);
});
after(() => t.close());

/** Jobe's ids and the airlock language behind each. */
const airlockId: Record<string, string> = {
  c: 'c',
  cpp: 'cpp',
  java: 'java',
  python3: 'python3',
  nodejs: 'javascript',
  php: 'php',
  pascal: 'pascal',
  octave: 'octave',
};
const missing = (jobeId: string) =>
  isInstalled(getLanguage(airlockId[jobeId]!)) ? false : `${airlockId[jobeId]} is not installed here (./setup.sh --languages ${airlockId[jobeId]})`;

describe("testsubmit.py's TEST_SET, as it sends and checks them", () => {
  for (const [lang, cases] of Object.entries(suite)) {
    test(`${lang}: ${cases.length} cases`, { skip: missing(lang) }, async (tt) => {
      for (const k of cases) {
        if (k.skip) {
          tt.diagnostic(`skipped "${k.comment}": ${k.skip}`);
          continue;
        }
        for (const [id, text] of k.files ?? []) {
          assert.equal(await jobe.put(id, text), 204, `${k.comment}: PUT ${id}`);
          assert.equal((await jobe.request('HEAD', `/files/${id}`)).status, 204, `${k.comment}: HEAD ${id}`);
        }
        const r = await jobe.run(k.run);
        assert.equal(r.status, 200, `${k.comment}: ${JSON.stringify(r.body)}`);
        // Every expected key equal, as testsubmit.py's is_correct_result checks.
        for (const [key, value] of Object.entries(k.expect))
          assert.equal(r.body[key as keyof typeof r.body], value, `${k.comment}: ${key} in ${JSON.stringify(r.body).slice(0, 600)}`);
      }
    });
  }
});

test('testsubmit.py: GET languages/, 10 parallel C runs, and cputime 151 refused with its 400 message', { skip: missing('c') }, async () => {
  const langs = await jobe.request('GET', '/languages/');
  assert.equal(langs.status, 200);
  assert.ok((langs.body as [string, string][]).every((p) => p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string'));
  const first = suite.c![0]!;
  const answers = await Promise.all(Array.from({ length: 10 }, () => jobe.run(first.run)));
  for (const a of answers) assert.deepEqual([a.status, a.body.outcome, a.body.stdout], [200, 15, first.expect.stdout]);
  const bad = await jobe.request('POST', '/runs/', { run_spec: { ...first.run, sourcefilename: 'test.c', parameters: { cputime: 151 } } });
  // testsubmit.py prefixes the status to a string answer and checks the start.
  const said = `${bad.status}: ${bad.body as string}`;
  assert.ok(said.startsWith('400: cputime exceeds maximum allowed on this Jobe server'), said);
});

test("CodeRunner's jobesandbox.php: languages, a run whose files are missing (404), PUT each, the run again", async () => {
  const langs = await jobe.request('GET', '/languages');
  assert.equal(langs.status, 200);
  const ids = (langs.body as [string, string][]).map((p) => p[0]);
  assert.ok(ids.includes('python3'), ids.join());
  // CodeRunner names files by their md5, the program __tester__.<language>, forces a final newline on input.
  const files: Record<string, string> = { 'data.txt': '6 7\n', 'helper.py': 'def times(a, b):\n    return a * b\n' };
  const file_list = Object.entries(files).map(([name, text]) => [createHash('md5').update(text).digest('hex'), name]);
  const spec = {
    language_id: 'python3',
    sourcecode: 'from helper import times\na, b = map(int, open("data.txt").read().split())\nprint(times(a, b), input())',
    sourcefilename: '__tester__.python3',
    input: 'done\n',
    file_list,
    parameters: { cputime: 3, memorylimit: 200 },
  };
  const first = await jobe.run(spec, '/runs');
  assert.equal(first.status, 404, JSON.stringify(first.body));
  for (const [name, text] of Object.entries(files)) assert.equal(await jobe.put(createHash('md5').update(text).digest('hex'), text), 204, name);
  const again = await jobe.run(spec, '/runs');
  assert.deepEqual([again.status, again.body], [200, { run_id: null, outcome: 15, cmpinfo: '', stdout: '42 done\n', stderr: '' }]);
  // A compile error reaches CodeRunner as outcome 11 with cmpinfo; Java's file is named after its public class.
  const ce = await jobe.run({ ...spec, sourcecode: 'print(', file_list: [] }, '/runs');
  assert.equal(ce.body.outcome, 11);
  assert.match(ce.body.cmpinfo, /SyntaxError/);
  if (isInstalled(getLanguage('java'))) {
    const java = await jobe.run(
      {
        language_id: 'java',
        sourcecode:
          'public class Greeter {\n public static void main(String[] a) { System.out.println("hi " + new java.util.Scanner(System.in).nextLine()); }\n}',
        sourcefilename: 'Greeter.java',
        input: 'there\n',
        file_list: [],
      },
      '/runs',
    );
    assert.deepEqual([java.body.outcome, java.body.stdout, java.body.stderr], [15, 'hi there\n', '']);
  }
});

test("a browser's preflight and Jobe's open CORS headers; the file routes with a trailing slash; an unknown ak_ key refused", async () => {
  // As a browser sends it: no body, no content type, the method and headers it wants to use.
  const preflight = await fetch(`${base}/runs`, {
    method: 'OPTIONS',
    headers: { origin: 'http://moodle.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
  });
  assert.deepEqual([preflight.status, await preflight.text()], [200, '']);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /X-API-KEY/);
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
  const langs = await jobe.request('GET', '/languages');
  assert.equal(langs.headers.get('access-control-allow-origin'), '*', 'on every answer');
  assert.equal((await jobe.request('HEAD', '/files/slashcase0001/')).status, 404);
  assert.equal((await jobe.request('PUT', '/files/slashcase0001/', { file_contents: Buffer.from('x').toString('base64') })).status, 204);
  assert.equal((await jobe.request('HEAD', '/files/slashcase0001/')).status, 204);
  // A token shaped like an airlock key is checked even here, so its holder notices it is wrong.
  const wrong = await jobe.request('GET', '/languages', undefined, { 'x-api-key': 'ak_unknown' });
  assert.deepEqual([wrong.status, wrong.body], [403, { status: false, error: 'Invalid API key ' }]);
});
