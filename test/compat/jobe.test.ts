// Jobe's REST API as CodeRunner uses it: languages, runs with run_spec and parameters, outcome codes, the file cache.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newKey } from '../../src/auth/keys.js';
import { getLanguage, isInstalled } from '../../src/languages/registry.js';
import { testApp } from '../helpers/service.js';
import { until } from '../helpers/until.js';

let t: Awaited<ReturnType<typeof testApp>>;
let base: string;
let key: string;
before(async () => {
  t = await testApp(520, { 'auth.anonymous': false });
  const k = newKey('coderunner', {});
  await t.parts.store.createKey(k.record);
  key = k.token;
  base = `${await t.app.listen({ port: 0, host: '127.0.0.1' })}/jobe/index.php/restapi`;
});
after(() => t.close());

/** A real HTTP request with Jobe's API key header. */
async function jobe(method: string, path: string, body?: object, headers: Record<string, string> = { 'x-api-key': key }) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const runs = (run_spec: object) => jobe('POST', '/runs', { run_spec });

/** Jobe's ids for the languages CodeRunner offers, with the airlock language behind each. */
const jobeIds = { c: 'c', cpp: 'cpp', java: 'java', python3: 'python3', nodejs: 'javascript', php: 'php', pascal: 'pascal', octave: 'octave' };

describe("GET languages: [id, version] pairs with Jobe's ids", () => {
  let ids: string[] = [];
  before(async () => {
    const { status, body } = await jobe('GET', '/languages');
    assert.equal(status, 200);
    ids = (body as [string, string][]).map(([id]) => id);
  });
  // Each one where this host has it; absent (and the test skipped, visibly) where it does not.
  for (const [id, ours] of Object.entries(jobeIds)) {
    const installed = isInstalled(getLanguage(ours));
    test(`${id} is listed`, { skip: !installed && `${ours} is not installed here (./setup.sh --languages ${ours})` }, () => assert.ok(ids.includes(id), id));
    if (!installed) test(`${id} is not listed while ${ours} is not installed`, () => assert.ok(!ids.includes(id), id));
  }
  test("JavaScript is listed as nodejs, Jobe's id", () => assert.ok(!ids.includes('javascript'), 'nodejs, not javascript'));
});

test('POST runs: the outcome codes 15, 11, 12, 13, 17 with cmpinfo, stdout and stderr', async () => {
  const ok = await runs({ language_id: 'python3', sourcecode: 'print(input().upper())', input: 'hello\n', sourcefilename: 'prog.py' });
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body, { run_id: null, outcome: 15, cmpinfo: '', stdout: 'HELLO\n', stderr: '' });
  const ce = await runs({ language_id: 'c', sourcecode: 'int main(){return x;}' });
  assert.equal(ce.body.outcome, 11);
  assert.match(ce.body.cmpinfo, /undeclared/);
  const re = await runs({ language_id: 'python3', sourcecode: 'import sys; print("bad", file=sys.stderr); sys.exit(1)' });
  assert.equal(re.body.outcome, 12);
  assert.equal(re.body.stderr, 'bad\n');
  const tle = await runs({ language_id: 'python3', sourcecode: 'while True: pass', parameters: { cputime: 1 } });
  assert.equal(tle.body.outcome, 13);
  const mle = await runs({
    language_id: 'c',
    sourcecode: '#include <stdlib.h>\n#include <string.h>\nint main(){for(;;){char*p=malloc(1<<20);memset(p,1,1<<20);}}',
    parameters: { memorylimit: 64 },
  });
  assert.equal(mle.body.outcome, 17);
});

test('C as Jobe compiles it: a division by zero GCC cannot fold is a runtime error (12), the divisor read at run time', async () => {
  // 7 / d, not 1 / d: GCC 12 compiles 1 / d as a comparison even without optimisation (only 1 and -1 give non-zero),
  // so it never traps, under Jobe as here; any other dividend is an idiv that traps on 0.
  const div = '#include <stdio.h>\nint main(void) {\n    int d;\n    if (scanf("%d", &d) != 1) return 2;\n    printf("%d\\n", 7 / d);\n    return 0;\n}\n';
  const zero = await runs({ language_id: 'c', sourcecode: div, input: '0\n' });
  assert.equal(zero.status, 200);
  assert.equal(zero.body.outcome, 12, JSON.stringify(zero.body));
  assert.equal(zero.body.stdout, '', 'killed by SIGFPE before printing');
  const one = await runs({ language_id: 'c', sourcecode: div, input: '1\n' });
  assert.deepEqual([one.body.outcome, one.body.stdout, one.body.stderr], [15, '7\n', '']);
  // A literal 1/0 is GCC's -Wdiv-by-zero, which Jobe's -Werror makes a compile error.
  const literal = await runs({ language_id: 'c', sourcecode: '#include <stdio.h>\nint main(void) {\n    printf("%d\\n", 1 / 0);\n    return 0;\n}\n' });
  assert.equal(literal.body.outcome, 11, JSON.stringify(literal.body));
  assert.match(literal.body.cmpinfo, /division by zero/);
  const vol = await runs({
    language_id: 'c',
    sourcecode: '#include <stdio.h>\nint main(void) {\n    volatile int d = 0;\n    printf("%d\\n", 7 / d);\n    return 0;\n}\n',
  });
  assert.equal(vol.body.outcome, 12, JSON.stringify(vol.body));
});

test('streamsize: each stream cut at its size; a cut through a UTF-8 character makes the stream bytes, escaped as \\xNN as Jobe does', async () => {
  // 0.001 MB is runguard's 1 kB: 1024 bytes. "é" is c3 a9; the cut keeps 1024 bytes and splits the last one.
  const prog = (stream: string) => `import sys\nsys.${stream}.buffer.write("é".encode() + b"a" * 1021 + "é".encode() + b"tail")`;
  const out = await runs({ language_id: 'python3', sourcecode: prog('stdout'), parameters: { streamsize: 0.001 } });
  assert.equal(out.status, 200);
  // Not valid UTF-8 any more: every byte above 0x7e is escaped, the whole "é" at the start as well as the cut one.
  assert.deepEqual([out.body.outcome, out.body.stdout], [15, `\\xc3\\xa9${'a'.repeat(1021)}\\xc3`]);
  const err = await runs({ language_id: 'python3', sourcecode: prog('stderr'), parameters: { streamsize: 0.001 } });
  assert.deepEqual([err.body.outcome, err.body.stdout, err.body.stderr], [12, '', `\\xc3\\xa9${'a'.repeat(1021)}\\xc3`]);
  // Cut on a character boundary the text stays UTF-8 and is sent as it is.
  const whole = await runs({
    language_id: 'python3',
    sourcecode: 'import sys\nsys.stdout.buffer.write("é".encode() * 600)',
    parameters: { streamsize: 0.001 },
  });
  assert.equal(whole.body.stdout, 'é'.repeat(512));
  // The default streamsize is 2 MB (2000 kB): a 3 MB output comes back cut there, the program not stopped.
  const big = await runs({ language_id: 'python3', sourcecode: 'import sys\nsys.stdout.write("x" * 3000000)\nprint("done", file=sys.stderr)' });
  assert.deepEqual([big.body.stdout.length, big.body.stderr], [2000 * 1024, 'done\n']);
});

test('parameters and language ids: nodejs, C with compileargs and linkargs, runargs, cpp and java', async () => {
  const node = await runs({ language_id: 'nodejs', sourcecode: 'console.log(process.argv.slice(2).join("+"))', parameters: { runargs: ['a', 'b'] } });
  assert.equal(node.body.stdout, 'a+b\n');
  const c = await runs({
    language_id: 'c',
    sourcecode: '#include <stdio.h>\n#include <math.h>\nint main(){printf("%d %.0f\\n", N, sqrt(81.0));}',
    parameters: { compileargs: ['-DN=7'], linkargs: ['-lm'] },
  });
  assert.equal(c.body.stdout, '7 9\n');
  const java = await runs({
    language_id: 'java',
    sourcecode: 'public class Prog { public static void main(String[] a) { System.out.println("java ok"); } }',
    sourcefilename: 'Prog.java',
  });
  assert.equal(java.body.outcome, 15, JSON.stringify(java.body));
  assert.equal(java.body.stdout, 'java ok\n');
});

test('file cache: HEAD 404, PUT 204, HEAD 204, then a run with file_list; a missing file is 404', async () => {
  assert.equal((await jobe('HEAD', '/files/abcdef0123456789')).status, 404);
  const put = await jobe('PUT', '/files/abcdef0123456789', { file_contents: Buffer.from('3 4\n').toString('base64') });
  assert.equal(put.status, 204);
  assert.equal((await jobe('HEAD', '/files/abcdef0123456789')).status, 204);
  const r = await runs({
    language_id: 'python3',
    sourcecode: 'a, b = map(int, open("numbers.txt").read().split())\nprint(a * b)',
    file_list: [['abcdef0123456789', 'numbers.txt']],
  });
  assert.deepEqual(r.body, { run_id: null, outcome: 15, cmpinfo: '', stdout: '12\n', stderr: '' });
  // A cached file named like the program's file: the one named like sourcefilename replaces the program, as Jobe writes
  // it last; one named as the box names the program (main.py) is refused with 400, never outcome 20.
  const replaced = await runs({
    language_id: 'python3',
    sourcecode: 'print("program")',
    sourcefilename: 'prog.py',
    file_list: [['abcdef0123456789', 'prog.py']],
  });
  assert.equal(replaced.body.outcome, 11, JSON.stringify(replaced.body));
  const reserved = await runs({ language_id: 'python3', sourcecode: 'print(1)', sourcefilename: 'prog.py', file_list: [['abcdef0123456789', 'main.py']] });
  assert.deepEqual([reserved.status, reserved.body], [400, "The file name 'main.py' is reserved for the program on this Jobe server"]);
  const missing = await runs({ language_id: 'python3', sourcecode: 'x', file_list: [['nosuchfile999', 'x.txt']] });
  assert.equal(missing.status, 404);
  assert.equal(missing.body, 'One or more of the specified files is missing/unavailable');
  assert.equal((await jobe('PUT', '/files/abcdef0123456789', { file_contents: '***' })).status, 400);
  assert.equal((await jobe('PUT', '/files/abcdef0123456789', {})).body, 'put: missing file_contents parameter');
});

test("bad requests: 400 with Jobe's messages as a JSON string; a bad key is 403", async () => {
  const cases: [object, string][] = [
    [{}, 'No run_spec attribute found in post data'],
    [{ run_spec: { language_id: 'python3' } }, "run_spec is missing the required attribute 'sourcecode'"],
    [{ run_spec: { sourcecode: 'x' } }, "run_spec is missing the required attribute 'language_id'"],
    [{ run_spec: { language_id: 'python2', sourcecode: 'x' } }, "Language 'python2' is not known"],
    [{ run_spec: { language_id: 'python3', sourcecode: 'x', sourcefilename: '../x.py' } }, 'The sourcefilename for the run_spec is illegal'],
    [{ run_spec: { language_id: 'python3', sourcecode: 'x', file_list: [['id', 'a/b']] } }, 'Invalid file specifier: ["id","a/b"]'],
    [
      { run_spec: { language_id: 'python3', sourcecode: 'x', parameters: { cputime: 1000 } } },
      'cputime exceeds maximum allowed on this Jobe server (120 secs)',
    ],
  ];
  for (const [body, message] of cases) {
    const r = await jobe('POST', '/runs', body);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body, message);
  }
  const denied = await jobe('GET', '/languages', undefined, { 'x-api-key': 'ak_wrong' });
  assert.equal(denied.status, 403);
  assert.equal((await jobe('GET', '/languages', undefined, {})).status, 403);
});

test('outcome 19 for a forbidden system call, and 21 when the queue is full', async () => {
  const sv = await runs({ language_id: 'python3', sourcecode: 'import ctypes\nctypes.CDLL(None).syscall(135, 0)\nprint("still here")' });
  assert.equal(sv.body.outcome, 19, JSON.stringify(sv.body));
  // A server with one slot and room for one waiting run: the third concurrent run is "server overload".
  const small = await testApp(525, { slots: 1, 'queue.maxLength': 1 });
  try {
    const url = `${await small.app.listen({ port: 0, host: '127.0.0.1' })}/jobe/index.php/restapi/runs`;
    const slow = { run_spec: { language_id: 'python3', sourcecode: 'import time; time.sleep(2)' } };
    const send = () =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(slow) }).then(
        (r) => r.json() as Promise<{ outcome: number }>,
      );
    // Each request is sent once the previous one is observably in place: running, then waiting.
    const first = send();
    await until(
      () => small.parts.queue.stats(),
      (q) => q.running === 1,
      10_000,
      'the first run to start',
    );
    const second = send();
    await until(
      () => small.parts.queue.stats(),
      (q) => q.waiting === 1,
      10_000,
      'the second run to wait',
    );
    const third = await send();
    assert.equal(third.outcome, 21);
    assert.deepEqual([(await first).outcome, (await second).outcome], [15, 15]);
  } finally {
    await small.close();
  }
});
