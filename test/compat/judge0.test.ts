// Judge0 CE's API, from its documentation's examples: submissions, fields, base64, batches, statuses, info, callbacks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newKey } from '../../src/auth/keys.js';
import { testApp } from '../helpers/service.js';
import { receiver, until, zipOf } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
before(async () => {
  t = await testApp(500, { 'webhooks.initialDelay': 0.05 });
});
after(() => t.close());

const C_HELLO = '#include <stdio.h>\n\nint main(void) {\n  char name[10];\n  scanf("%s", name);\n  printf("hello, %s\\n", name);\n  return 0;\n}';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
/** Create with wait=true and the given fields. */
const run = async (body: object, query = 'wait=true') => {
  const res = await post(`/submissions?${query}`, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
};

test('the documentation example: C with stdin and expected_output, wait=true, language_id as a string (4 is archived in 1.13.1: 50)', async () => {
  const archived = await post('/submissions?wait=true', { source_code: C_HELLO, language_id: '4', stdin: 'Judge0', expected_output: 'hello, Judge0' });
  assert.equal(archived.statusCode, 422);
  assert.deepEqual(archived.json(), { language_id: ['language with id 4 is archived and cannot be used anymore'] });
  const s = await run({ source_code: C_HELLO, language_id: '50', stdin: 'Judge0', expected_output: 'hello, Judge0' });
  assert.equal(s.stdout, 'hello, Judge0\n');
  assert.deepEqual(s.status, { id: 3, description: 'Accepted' });
  assert.deepEqual(Object.keys(s).sort(), ['compile_output', 'memory', 'message', 'status', 'stderr', 'stdout', 'time', 'token'].sort());
  assert.equal(s.stderr, null);
  assert.match(s.time, /^\d+\.\d{3}$/);
  assert.equal(typeof s.memory, 'number');
});

test('created without wait: 201 {token}, then GET by token with fields, default fields, fields=*', async () => {
  const res = await post('/submissions', { source_code: 'print(input()[::-1])', language_id: 71, stdin: 'abc', expected_output: 'cbx' });
  assert.equal(res.statusCode, 201);
  const { token } = res.json();
  assert.deepEqual(Object.keys(res.json()), ['token']);
  const s = await until(
    async () => (await get(`/submissions/${token}?fields=stdout,status_id,language_id,stderr`)).json(),
    (v) => v.status_id > 2,
  );
  assert.deepEqual(s, { stdout: 'cba\n', status_id: 4, language_id: 71, stderr: null });
  const all = (await get(`/submissions/${token}?fields=*`)).json();
  for (const f of [
    'source_code',
    'language_id',
    'stdin',
    'expected_output',
    'stdout',
    'status_id',
    'created_at',
    'finished_at',
    'time',
    'memory',
    'stderr',
    'token',
    'number_of_runs',
    'cpu_time_limit',
    'cpu_extra_time',
    'wall_time_limit',
    'memory_limit',
    'stack_limit',
    'max_processes_and_or_threads',
    'enable_per_process_and_thread_time_limit',
    'enable_per_process_and_thread_memory_limit',
    'max_file_size',
    'compile_output',
    'exit_code',
    'exit_signal',
    'message',
    'wall_time',
    'compiler_options',
    'command_line_arguments',
    'redirect_stderr_to_stdout',
    'callback_url',
    'additional_files',
    'enable_network',
    'status',
    'language',
  ]) {
    assert.ok(f in all, `fields=* has ${f}`);
  }
  assert.equal(all.source_code, 'print(input()[::-1])');
  assert.equal(all.cpu_time_limit, '5.000');
  assert.equal(all.memory_limit, 128000);
  assert.equal(all.exit_code, 0);
  assert.deepEqual(all.language, { id: 71, name: all.language.name });
  assert.match(all.language.name, /^Python \(3\./);
  const bad = await get(`/submissions/${token}?fields=stdout,nope,also`);
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json(), { error: 'invalid fields: [nope, also]' });
});

test('base64_encoded=true both ways: the documentation example, and output wrapped as Judge0 wraps it', async () => {
  const s = await run(
    { source_code: b64(C_HELLO), language_id: 50, stdin: 'SnVkZ2Uw' },
    'wait=true&base64_encoded=true&fields=stdout,source_code,stdin,status_id',
  );
  assert.equal(s.stdout, 'aGVsbG8sIEp1ZGdlMAo=\n');
  assert.equal(Buffer.from(s.source_code, 'base64').toString(), C_HELLO);
  assert.equal(Buffer.from(s.stdin, 'base64').toString(), 'Judge0');
  assert.equal(s.status_id, 3);
  // Bytes that are not UTF-8 round-trip through base64 unchanged.
  const bin = await run({ source_code: b64('import sys; sys.stdout.buffer.write(bytes(range(256)))'), language_id: 71 }, 'wait=true&base64_encoded=true');
  assert.deepEqual(Buffer.from(bin.stdout, 'base64'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  assert.ok(
    bin.stdout.split('\n').every((l: string) => l.length <= 60),
    'lines of 60 characters',
  );
});

test('output that is not UTF-8 with base64_encoded=false: 201 {token, error} on create, 400 on GET, base64 works', async () => {
  const res = await post('/submissions?wait=true', { source_code: 'import sys; sys.stdout.buffer.write(b"\\xfe")', language_id: 71 });
  assert.equal(res.statusCode, 201);
  const body = res.json();
  assert.deepEqual(Object.keys(body).sort(), ['error', 'token']);
  assert.equal(body.error, 'some attributes for this submission cannot be converted to UTF-8, use base64_encoded=true query parameter');
  const plain = await get(`/submissions/${body.token}`);
  assert.equal(plain.statusCode, 400);
  assert.equal(plain.json().error, body.error);
  const ok = (await get(`/submissions/${body.token}?base64_encoded=true`)).json();
  assert.deepEqual(Buffer.from(ok.stdout, 'base64'), Buffer.from([0xfe]));
});

// Judge0 CE 1.13.1 runs programs as `bash run.sh`: a signal's death is Bash's exit 128+n, status 11 (NZEC).
test("statuses reachable: WA, TLE (cpu_time_limit with cpu_extra_time), CE, and signals, MLE, OLE as Bash's exit status (11)", async () => {
  const cases: [object, number, RegExp | null][] = [
    [{ source_code: 'print(1)', language_id: 71, expected_output: '2' }, 4, null],
    [{ source_code: 'while True: pass', language_id: 71, cpu_time_limit: 0.5, cpu_extra_time: 0.5 }, 5, /Time limit/],
    [
      {
        source_code: 'import time\nt=time.process_time()\nwhile time.process_time()-t<0.7: pass\nprint(1)',
        language_id: 71,
        cpu_time_limit: 0.3,
        cpu_extra_time: 2,
      },
      5,
      /Time limit/,
    ],
    [{ source_code: 'int main(){return x;}', language_id: 50 }, 6, null],
    [{ source_code: 'int main(){volatile int*p=0;return *p;}', language_id: 50 }, 11, /^Exited with error status 139$/],
    [{ source_code: '#include <signal.h>\nint main(){raise(SIGFPE);}', language_id: 50 }, 11, /^Exited with error status 136$/],
    [{ source_code: '#include <stdlib.h>\nint main(){abort();}', language_id: 50 }, 11, /^Exited with error status 134$/],
    [{ source_code: 'import sys; sys.exit(3)', language_id: 71 }, 11, /Exited with error status 3/],
    [{ source_code: 'x = bytearray(200 * 1024 * 1024); print(len(x))', language_id: 71, memory_limit: 65536 }, 11, /^Exited with error status (137|1)$/],
    [{ source_code: 'import sys\nwhile True: sys.stdout.write("y" * 65536)', language_id: 71 }, 11, /^Exited with error status 153$/],
    [{ source_code: 'import ctypes\nctypes.CDLL(None).syscall(135, 0)', language_id: 71 }, 11, /Forbidden system call/],
  ];
  for (const [body, id, message] of cases) {
    const s = await run(body, 'wait=true&fields=status_id,message,compile_output,exit_code,exit_signal,time');
    assert.equal(s.status_id, id, `${JSON.stringify(body)} -> ${JSON.stringify(s)}`);
    if (message) assert.match(s.message, message);
    if (id === 6) assert.match(s.compile_output, /undeclared/);
    if (/status 3$/.test(String(s.message))) assert.equal(s.exit_code, 3);
    if (/139/.test(String(s.message))) assert.deepEqual([s.exit_code, s.exit_signal], [139, null]);
  }
  // The OLE case above ran against max_file_size (1024 KB by default); the memory case against memory_limit in kilobytes.
});

test('fields a submission carries: command_line_arguments and compiler_options as words, redirect_stderr_to_stdout, number_of_runs, limits', async () => {
  const args = await run({ source_code: 'import sys; print(sys.argv[1:])', language_id: 71, command_line_arguments: `a "b c" 'd e' f\\ g` });
  assert.equal(args.stdout, "['a', 'b c', 'd e', 'f g']\n");
  const opts = await run({ source_code: '#include <stdio.h>\nint main(){printf("%d\\n", X);}', language_id: 50, compiler_options: '-DX=42 -O2' });
  assert.equal(opts.stdout, '42\n');
  const merged = await run({
    source_code: 'import sys; print("out"); sys.stdout.flush(); print("err", file=sys.stderr)',
    language_id: 71,
    redirect_stderr_to_stdout: true,
  });
  assert.equal(merged.stdout, 'out\nerr\n');
  assert.equal(merged.stderr, null);
  const limits = await run(
    {
      source_code: 'print(1)',
      language_id: 71,
      number_of_runs: 3,
      cpu_time_limit: 2,
      cpu_extra_time: 0.5,
      wall_time_limit: 5,
      memory_limit: 256000,
      stack_limit: 64000,
      max_processes_and_or_threads: 30,
      max_file_size: 2048,
      enable_per_process_and_thread_time_limit: false,
    },
    'wait=true&fields=*',
  );
  assert.equal(limits.status.id, 3);
  assert.equal(limits.number_of_runs, 3);
  assert.equal(limits.cpu_time_limit, '2.000');
  assert.equal(limits.max_file_size, 2048);
  assert.equal(limits.max_processes_and_or_threads, 30);
});

test('bad requests answer 422 per attribute, as in the documentation', async () => {
  const cases: [object, object][] = [
    [{ source_code: C_HELLO }, { language_id: ["can't be blank"] }],
    [
      { source_code: C_HELLO, language_id: 150000, stdin: 'world', expected_output: 'hello, world' },
      { language_id: ["language with id 150000 doesn't exist"] },
    ],
    [
      {
        source_code: C_HELLO,
        language_id: 4,
        number_of_runs: 1,
        stdin: 'Judge0',
        expected_output: 'hello, Judge0',
        cpu_time_limit: 1,
        cpu_extra_time: 0.5,
        wall_time_limit: 100000,
        memory_limit: 128000,
        stack_limit: 128000,
        enable_per_process_and_thread_time_limit: false,
        enable_per_process_and_thread_memory_limit: false,
        max_file_size: 1024,
      },
      { language_id: ['language with id 4 is archived and cannot be used anymore'], wall_time_limit: ['must be less than or equal to 20.0'] },
    ],
    [{ source_code: '', language_id: 71 }, { source_code: ["can't be blank"] }],
    [{ source_code: 'x', language_id: 71, cpu_time_limit: 'fast' }, { cpu_time_limit: ['is not a number'] }],
    [{ source_code: 'x', language_id: 71, memory_limit: -1 }, { memory_limit: ['must be greater than or equal to 2048'] }],
    [
      { source_code: 'x', language_id: 71, enable_per_process_and_thread_memory_limit: true },
      { enable_per_process_and_thread_memory_limit: ['this option cannot be enabled'] },
    ],
    [{ source_code: 'x', language_id: 71, enable_network: true }, { enable_network: ['enabling network is not allowed'] }],
    [{ source_code: 'x', language_id: 71, callback_url: 'ftp://example.org/' }, { callback_url: ['only http and https'] }],
  ];
  for (const [body, errors] of cases) {
    const res = await post('/submissions', body);
    assert.equal(res.statusCode, 422, res.body);
    assert.deepEqual(res.json(), errors);
  }
  const malformed = await t.app.inject({ method: 'POST', url: '/submissions', payload: '{', headers: { 'content-type': 'application/json' } });
  assert.equal(malformed.statusCode, 400);
  assert.ok(malformed.json().error);
  assert.equal((await get('/submissions/no-such-token')).statusCode, 404);
});

test('batches: created per submission (errors in place), fetched by tokens with nulls for unknown ones, size limits', async () => {
  const res = await post('/submissions/batch?base64_encoded=true', {
    submissions: [
      { language_id: 46, source_code: b64('echo hello from Bash') },
      { language_id: 999, source_code: b64('x') },
      { language_id: 71, source_code: b64('print("hello from Python")') },
    ],
  });
  assert.equal(res.statusCode, 201);
  const [a, bad, c] = res.json();
  assert.ok(a.token && c.token);
  assert.deepEqual(bad, { language_id: ["language with id 999 doesn't exist"] });
  const got = await until(
    async () => (await get(`/submissions/batch?tokens=${a.token},nope,${c.token}&base64_encoded=true&fields=token,stdout,status_id,language_id`)).json(),
    (v) => v.submissions.every((s: { status_id: number } | null) => !s || s.status_id > 2),
  );
  assert.equal(got.submissions[1], null);
  assert.equal(Buffer.from(got.submissions[0].stdout, 'base64').toString(), 'hello from Bash\n');
  assert.equal(Buffer.from(got.submissions[2].stdout, 'base64').toString(), 'hello from Python\n');
  assert.deepEqual((await post('/submissions/batch', { submissions: [] })).json(), { error: 'there should be at least one submission in a batch' });
  assert.equal((await post('/submissions/batch', { submissions: Array(21).fill({ language_id: 71, source_code: 'x' }) })).statusCode, 400);
  assert.equal((await post('/submissions/batch', { submissions: [{ language_id: 1000 }] })).statusCode, 422);
  assert.equal((await get('/submissions/batch?tokens=')).statusCode, 400);
});

test('additional_files: a zip extracted in a box next to the program; zip-slip and links refused', async () => {
  const zip = zipOf({ 'helper.py': 'def greet(n):\n    return "hi " + n\n', 'data/input.txt': 'from a file\n' });
  const s = await run(
    { source_code: 'import helper\nprint(helper.greet("there"))\nprint(open("data/input.txt").read(), end="")', language_id: 71, additional_files: zip },
    'wait=true&fields=stdout,status_id,additional_files',
  );
  assert.equal(s.stdout, 'hi there\nfrom a file\n');
  assert.equal(s.status_id, 3);
  assert.equal(s.additional_files.replace(/\n/g, ''), zip);
  for (const evil of [zipOf({ '../escape.txt': 'x' }), zipOf({ '/etc/evil': 'x' }), zipOf({}, 'link'), b64('not a zip')]) {
    const res = await post('/submissions', { source_code: 'print(1)', language_id: 71, additional_files: evil });
    assert.equal(res.statusCode, 422, res.body);
    assert.ok(res.json().additional_files, res.body);
  }
});

test('callback_url: the finished submission is PUT there, base64-encoded, with the default fields', async () => {
  const rx = await receiver();
  try {
    const res = await post('/submissions', { source_code: 'print("called back")', language_id: 71, callback_url: rx.url });
    const { token } = res.json();
    await until(
      async () => rx.got.length,
      (n) => n > 0,
    );
    assert.equal(rx.got[0]!.method, 'PUT');
    const body = rx.got[0]!.body;
    assert.equal(body.token, token);
    assert.deepEqual(body.status, { id: 3, description: 'Accepted' });
    assert.equal(Buffer.from(String(body.stdout), 'base64').toString(), 'called back\n');
  } finally {
    rx.close();
  }
});

test('statuses, languages, about, version, config_info, system_info, workers; DELETE and listing as Judge0 CE ships them', async () => {
  const statuses = (await get('/statuses')).json();
  assert.equal(statuses.length, 14);
  assert.deepEqual(statuses[0], { id: 1, description: 'In Queue' });
  assert.deepEqual(statuses[13], { id: 14, description: 'Exec Format Error' });
  const langs = (await get('/languages')).json();
  assert.ok(langs.some((l: { id: number; name: string }) => l.id === 71 && /^Python \(3/.test(l.name)));
  assert.ok(
    langs.some((l: { id: number }) => l.id === 54),
    'C++ (GCC) under 54',
  );
  const one = (await get('/languages/50')).json();
  assert.equal(one.id, 50);
  assert.equal(one.is_archived, false);
  assert.equal(typeof one.run_cmd, 'string');
  assert.equal((await get('/languages/150000')).statusCode, 404);
  assert.ok((await get('/languages/all')).json().some((l: { id: number; is_archived: boolean }) => l.id === 4 && l.is_archived));
  assert.equal((await get('/about')).json().version, '1.13.1');
  assert.equal((await get('/version')).body, '1.13.1');
  const conf = (await get('/config_info')).json();
  assert.equal(conf.max_cpu_time_limit, 15);
  assert.equal(conf.enable_wait_result, true);
  assert.ok((await get('/system_info')).json().Architecture);
  const [w] = (await get('/workers')).json();
  assert.equal(typeof w.available, 'number');
  const made = await run({ source_code: 'print(1)', language_id: 71 });
  assert.deepEqual((await t.app.inject({ method: 'DELETE', url: `/submissions/${made.token}` })).json(), { error: 'delete not allowed' });
  assert.equal((await get('/submissions')).statusCode, 403);
  // Also under /judge0 for servers whose root is taken.
  assert.equal((await get('/judge0/statuses')).json().length, 14);
});

test('X-Auth-Token holds an airlock key; a bad one answers an empty 401', async () => {
  assert.equal((await get('/about')).statusCode, 200);
  const bad = await post('/submissions', { source_code: 'print(1)', language_id: 71 }, { 'x-auth-token': 'ak_nope' });
  assert.equal(bad.statusCode, 401);
  assert.equal(bad.body, '');
  const k = newKey('judge0-client', { languages: ['python3'] });
  await t.parts.store.createKey(k.record);
  const mine = await post('/submissions?wait=true', { source_code: 'print("keyed")', language_id: 71 }, { 'x-auth-token': k.token });
  assert.equal(mine.json().stdout, 'keyed\n');
  // The run is the key's: others (anonymous here) do not see it.
  assert.equal((await get(`/submissions/${mine.json().token}`)).statusCode, 404);
  assert.equal((await get(`/submissions/${mine.json().token}`, { 'x-auth-user': k.token })).statusCode, 200);
  // The key's policy holds: a language it may not use.
  assert.equal((await post('/submissions', { source_code: 'echo', language_id: 46 }, { 'x-auth-token': k.token })).statusCode, 403);
});
