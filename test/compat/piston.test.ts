// Piston v2's API, from its documentation's examples: runtimes, execute (stages, encodings, limits), a WebSocket session.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { satisfies } from '../../src/compat/piston/semver.js';
import { testApp } from '../helpers/service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let base: string;
before(async () => {
  t = await testApp(510);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(() => t.close());

/** Piston's stage object, and the whole answer of execute (or an error's message). */
interface Stage {
  stdout: string;
  stderr: string;
  output: string;
  code: number | null;
  signal: string | null;
  message: string | null;
  status: string | null;
  cpu_time: number;
  wall_time: number;
  memory: number;
}
interface Answer {
  language: string;
  version: string;
  run: Stage;
  compile: Stage;
  message: string;
}
/** One WebSocket message from the server. */
interface Msg {
  type: string;
  stage?: string;
  stream?: string;
  data?: string;
  code?: number | null;
  signal?: string | null;
  message?: string;
  language?: string;
  version?: string;
}

/** A real HTTP client, as Piston's clients are. */
async function execute(body: object) {
  const res = await fetch(`${base}/api/v2/execute`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Answer };
}

test('semver ranges as Piston matches them', () => {
  for (const [v, r, ok] of [
    ['3.11.2', '*', true],
    ['3.11.2', '3.x', true],
    ['3.11.2', '3', true],
    ['3.11.2', '3.11', true],
    ['3.11.2', '3.10', false],
    ['3.11.2', '^3.9.0', true],
    ['3.11.2', '~3.11.0', true],
    ['3.11.2', '~3.10.0', false],
    ['3.11.2', '>=3.12', false],
    ['20.20.2', '>=18 <21', true],
    ['20.20.2', '1.x || 20.x', true],
    ['5.2.15', '5.2.15', true],
    ['5.2.15', '5.2.14', false],
    ['1.2.3', '1.0.0 - 1.3.0', true],
  ] as const)
    assert.equal(satisfies(v, r), ok, `${v} ${r}`);
});

test('GET /api/v2/runtimes lists language, version, aliases and runtime', async () => {
  const list = (await (await fetch(`${base}/api/v2/runtimes`)).json()) as { language: string; version: string; aliases: string[]; runtime?: string }[];
  const js = list.find((r) => r.language === 'javascript')!;
  assert.equal(js.runtime, 'node');
  assert.ok(js.aliases.includes('js'));
  assert.match(js.version, /^\d+\.\d+\.\d+$/);
  assert.ok(list.find((r) => r.language === 'bash')!.aliases.includes('sh'));
  assert.ok(!('runtime' in list.find((r) => r.language === 'bash')!));
});

test('the documentation example: js with args, files[].name, timeouts and -1 memory', async () => {
  const { status, body } = await execute({
    language: 'js',
    version: '*',
    files: [{ name: 'my_cool_code.js', content: 'console.log(process.argv.slice(2))' }],
    stdin: '',
    args: ['1', '2', '3'],
    compile_timeout: 10000,
    run_timeout: 3000,
    compile_memory_limit: -1,
    run_memory_limit: -1,
  });
  assert.equal(status, 200);
  assert.equal(body.language, 'javascript');
  assert.equal(body.run.stdout, "[ '1', '2', '3' ]\n");
  assert.equal(body.run.output, body.run.stdout);
  assert.equal(body.run.code, 0);
  assert.equal(body.run.signal, null);
  assert.equal(body.run.status, null);
  for (const k of ['cpu_time', 'wall_time', 'memory'] as const) assert.equal(typeof body.run[k], 'number');
  assert.ok(!('compile' in body), 'no compile stage for an interpreted language');
});

test('compile and run stages; a failed compile answers run as the compile stage; stdin; base64 and hex files; several files', async () => {
  const c = await execute({
    language: 'c',
    version: '12.x',
    files: [{ name: 'main.c', content: '#include <stdio.h>\nint main(){int a,b;scanf("%d %d",&a,&b);printf("%d\\n",a+b);}' }],
    stdin: '2 40',
  });
  assert.equal(c.body.compile.code, 0);
  assert.equal(c.body.run.stdout, '42\n');
  const ce = await execute({ language: 'c', version: '*', files: [{ content: 'int main(){return x;}' }] });
  assert.equal(ce.status, 200);
  assert.equal(ce.body.compile.code, 1);
  assert.equal(ce.body.compile.status, 'RE');
  assert.match(ce.body.compile.stderr, /undeclared/);
  assert.deepEqual(ce.body.run, ce.body.compile, 'Piston answers run = compile when compiling failed');
  // Piston runs the first file sent as text; base64 and hex files are data (here modules) placed next to it.
  const enc = await execute({
    language: 'python',
    version: '3',
    files: [
      { name: 'blob.py', content: Buffer.from('def hi():\n    print("base64 ok")').toString('base64'), encoding: 'base64' },
      { name: 'main.py', content: 'import blob, helper\nblob.hi()\nhelper.hi()' },
      { name: 'helper.py', content: Buffer.from('def hi():\n    print("hex ok")').toString('hex'), encoding: 'hex' },
    ],
  });
  assert.equal(enc.body.run?.stdout, 'base64 ok\nhex ok\n', JSON.stringify(enc.body));
  const binary = await execute({
    language: 'python',
    version: '3',
    files: [{ name: 'main.py', content: Buffer.from('print(1)').toString('base64'), encoding: 'base64' }],
  });
  assert.deepEqual([binary.status, binary.body], [400, { message: 'files must include at least one utf8 encoded file' }]);
});

test('run statuses: RE, SG, TO, OL, and a memory kill with its reason in message', async () => {
  const re = await execute({ language: 'python', version: '*', files: [{ content: 'import sys; print("e", file=sys.stderr); sys.exit(3)' }] });
  assert.equal(re.body.run.status, 'RE');
  assert.equal(re.body.run.code, 3);
  assert.equal(re.body.run.stderr, 'e\n');
  const sg = await execute({ language: 'python', version: '*', files: [{ content: 'import os, signal; os.kill(os.getpid(), signal.SIGSEGV)' }] });
  assert.equal(sg.body.run.status, 'SG');
  assert.equal(sg.body.run.signal, 'SIGSEGV');
  assert.equal(sg.body.run.code, null);
  const to = await execute({ language: 'python', version: '*', files: [{ content: 'while True: pass' }], run_timeout: 1000, run_cpu_time: 500 });
  assert.equal(to.body.run.status, 'TO');
  assert.equal(to.body.run.signal, 'SIGKILL');
  const ol = await execute({ language: 'python', version: '*', files: [{ content: 'import sys\nwhile True: sys.stdout.write("y" * 65536)' }] });
  assert.equal(ol.body.run.status, 'OL');
  const mem = await execute({ language: 'python', version: '*', files: [{ content: 'x = bytearray(300 * 1024 * 1024)' }], run_memory_limit: 64 * 1024 * 1024 });
  assert.equal(mem.body.run.status, 'SG');
  assert.match(mem.body.run.message ?? '', /Memory limit exceeded/);
});

test('as Piston runs a job: client file names kept, stdin ends with a newline, SIGABRT, output cut at 1024 characters', async () => {
  const argv0 = await execute({
    language: 'python',
    version: '*',
    files: [
      { name: 'prog.py', content: 'import sys, helper\nprint(sys.argv[0], repr(sys.stdin.read()))' },
      { name: 'helper.py', content: '' },
    ],
    stdin: 'abc',
  });
  assert.equal(argv0.body.run.stdout, "prog.py 'abc\\n'\n");
  const empty = await execute({ language: 'python', version: '*', files: [{ content: 'import sys; print(repr(sys.stdin.read()))' }] });
  assert.equal(empty.body.run.stdout, "'\\n'\n", 'no stdin is one newline');
  // A later file with the language's own name (the CLI's -f main.py): the first file is still the one run, never a 500.
  const clash = await execute({
    language: 'python',
    version: '*',
    files: [
      { name: 'helper.py', content: 'print("helper runs")' },
      { name: 'main.py', content: 'print("main")' },
    ],
  });
  assert.equal(clash.status, 200, JSON.stringify(clash.body));
  assert.equal(clash.body.run.stdout, 'helper runs\n');
  const unnamed = await execute({
    language: 'c',
    version: '*',
    files: [{ content: '#include <stdio.h>\nint main(){puts("c ok");}' }, { name: 'main.c', content: 'int unused;' }],
  });
  assert.equal(unnamed.body.run?.stdout, 'c ok\n', JSON.stringify(unnamed.body));
  const abort = await execute({ language: 'python', version: '*', files: [{ content: 'import os; os.abort()' }] });
  assert.equal(abort.body.run.signal, 'SIGABRT');
  const out = await execute({ language: 'python', version: '*', files: [{ content: 'import sys\nsys.stderr.write("e")\nprint("x" * 5000)' }] });
  assert.deepEqual(
    [out.body.run.stdout, out.body.run.stderr, out.body.run.status, out.body.run.message, out.body.run.signal, out.body.run.code],
    ['x'.repeat(1024), 'e', 'OL', 'stdout length exceeded', 'SIGKILL', null],
  );
  const err = await execute({ language: 'python', version: '*', files: [{ content: 'import sys\nwhile True: sys.stderr.write("e" * 4096)' }] });
  assert.deepEqual(
    [err.body.run.stderr.length, err.body.run.status, err.body.run.message, err.body.run.signal],
    [1024, 'EL', 'stderr length exceeded', 'SIGKILL'],
  );
  const bad = await execute({ language: 'python', version: '*', files: [{ name: '../x.py', content: 'print(1)' }] });
  assert.equal(bad.status, 400);
  assert.match(bad.body.message, /x\.py/);
});

test('Java as Piston runs it: a class not named Main, public or not, under any file name', async (t) => {
  const runtimes = (await (await fetch(`${base}/api/v2/runtimes`)).json()) as { language: string }[];
  if (!runtimes.some((r) => r.language === 'java')) return t.skip('java is not installed here');
  const plain = await execute({
    language: 'java',
    version: '*',
    files: [{ name: 'Main.java', content: 'class Hello { public static void main(String[] a) { System.out.println("hello " + a[0]); } }' }],
    args: ['x'],
  });
  assert.equal(plain.body.run.stdout, 'hello x\n', JSON.stringify(plain.body));
  const pub = await execute({
    language: 'java',
    version: '*',
    files: [{ name: 'code.java', content: 'public class Greeter { public static void main(String[] a) { System.out.println("greeter"); } }' }],
  });
  assert.equal(pub.body.run.stdout, 'greeter\n', JSON.stringify(pub.body));
});

test('bad requests: 400 with {"message"}', async () => {
  const cases: [object, string][] = [
    [{ version: '*', files: [{ content: 'x' }] }, 'language is required as a string'],
    [{ language: 'python', files: [{ content: 'x' }] }, 'version is required as a string'],
    [{ language: 'python', version: '*' }, 'files is required as an array'],
    [{ language: 'python', version: '*', files: [{ name: 'x' }] }, 'files[0].content is required as a string'],
    [{ language: 'brainfuck', version: '*', files: [{ content: 'x' }] }, 'brainfuck-* runtime is unknown'],
    [{ language: 'python', version: '2.x', files: [{ content: 'x' }] }, 'python-2.x runtime is unknown'],
    [{ language: 'python', version: '*', files: [{ content: 'x' }], run_timeout: 'soon' }, 'If specified, run_timeout must be a number'],
    [{ language: 'python', version: '*', files: [{ content: 'x' }], run_timeout: 10_000_000 }, 'run_timeout cannot exceed the configured limit of 60000'],
  ];
  for (const [body, message] of cases) {
    const r = await execute(body);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.deepEqual(r.body, { message });
  }
});

/** A WebSocket session: sends `script` messages as the server's messages arrive; returns all messages and the close. */
function session(onMessage: (msg: Msg, ws: WebSocket) => void, first?: object): Promise<{ got: Msg[]; code: number; reason: string }> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v2/connect`);
  const got: Msg[] = [];
  ws.on('open', () => first && ws.send(JSON.stringify(first)));
  ws.on('message', (m) => {
    const msg = JSON.parse((m as Buffer).toString('utf8')) as Msg;
    got.push(msg);
    onMessage(msg, ws);
  });
  return new Promise((resolve) => ws.on('close', (code, reason) => resolve({ got, code, reason: reason.toString() })));
}

test('WebSocket: the documentation session (bash cat, stdin echoed, SIGKILL ends it)', async () => {
  const s = await session(
    (msg, ws) => {
      if (msg.type === 'stage' && msg.stage === 'run') ws.send(JSON.stringify({ type: 'data', stream: 'stdin', data: 'Hello World!\n' }));
      if (msg.type === 'data') ws.send(JSON.stringify({ type: 'signal', signal: 'SIGKILL' }));
    },
    { type: 'init', language: 'bash', version: '*', files: [{ content: 'cat' }] },
  );
  assert.deepEqual(s.got[0], { type: 'runtime', language: 'bash', version: s.got[0]!.version });
  assert.deepEqual(s.got[1], { type: 'stage', stage: 'run' });
  assert.deepEqual(s.got[2], { type: 'data', stream: 'stdout', data: 'Hello World!\n' });
  assert.deepEqual(s.got[3], { type: 'exit', stage: 'run', code: null, signal: 'SIGKILL' });
  assert.equal(s.code, 4999);
  assert.equal(s.reason, 'Job Completed');
});

test('WebSocket: a compiled language has a compile stage, then run, then exit with the code', async () => {
  const s = await session(() => {}, {
    type: 'init',
    language: 'c',
    version: '*',
    files: [{ content: '#include <stdio.h>\nint main(){puts("built");return 4;}' }],
  });
  assert.deepEqual(
    s.got.map((m) => (m.type === 'stage' ? `stage:${m.stage}` : m.type)),
    ['runtime', 'stage:compile', 'exit', 'stage:run', 'data', 'exit'],
  );
  assert.deepEqual(s.got[2], { type: 'exit', stage: 'compile', code: 0, signal: null });
  assert.deepEqual(s.got[5], { type: 'exit', stage: 'run', code: 4, signal: null });
  assert.equal(s.code, 4999);
});

test("WebSocket: the output cap holds, and protocol errors close with Piston's codes", async () => {
  const big = await session(() => {}, {
    type: 'init',
    language: 'python',
    version: '*',
    files: [{ content: 'import sys\nwhile True: sys.stdout.write("y" * 65536)' }],
  });
  const bytes = big.got.filter((m) => m.type === 'data').reduce((n, m) => n + (m.data ?? '').length, 0);
  assert.ok(bytes <= 16 * 1024 * 1024, `at most the output cap (${bytes})`);
  assert.equal(big.got.at(-1)!.type, 'exit');
  assert.equal(big.got.at(-1)!.signal, 'SIGKILL');
  const early = await session(() => {}, { type: 'data', stream: 'stdin', data: 'x' });
  assert.deepEqual([early.code, early.reason], [4003, 'Not yet initialized']);
  assert.equal((await session(() => {})).code, 4001);
  const twice = await session((msg, ws) => msg.type === 'stage' && ws.send(JSON.stringify({ type: 'init' })), {
    type: 'init',
    language: 'bash',
    version: '*',
    files: [{ content: 'sleep 5' }],
  });
  assert.equal(twice.code, 4000);
  const wrong = await session((msg, ws) => msg.type === 'stage' && ws.send(JSON.stringify({ type: 'data', stream: 'stdout', data: 'x' })), {
    type: 'init',
    language: 'bash',
    version: '*',
    files: [{ content: 'sleep 5' }],
  });
  assert.equal(wrong.code, 4004);
  const sig = await session((msg, ws) => msg.type === 'stage' && ws.send(JSON.stringify({ type: 'signal', signal: 'SIGNOPE' })), {
    type: 'init',
    language: 'bash',
    version: '*',
    files: [{ content: 'sleep 5' }],
  });
  assert.equal(sig.code, 4005);
  const bad = await session(() => {}, { type: 'init', language: 'nope', version: '*', files: [{ content: 'x' }] });
  assert.deepEqual(bad.got, [{ type: 'error', message: 'nope-* runtime is unknown' }]);
  assert.equal(bad.code, 4002);
});

test('WebSocket: a message of an unknown type is ignored, before init and after', async () => {
  const s = await session(
    (msg, ws) => {
      if (msg.type === 'stage') ws.send(JSON.stringify({ type: 'ping' }));
      if (msg.type === 'stage') ws.send(JSON.stringify({ type: 'data', stream: 'stdin', data: 'ok\n' }));
    },
    { type: 'hello' },
  );
  assert.equal(s.code, 4001, 'an unknown message is no init: the init timeout closes');
  const ran = await session((msg, ws) => msg.type === 'runtime' && ws.send(JSON.stringify({ type: 'keepalive' })), {
    type: 'init',
    language: 'bash',
    version: '*',
    files: [{ content: 'echo done' }],
  });
  assert.deepEqual([ran.code, ran.reason], [4999, 'Job Completed']);
  assert.deepEqual(
    ran.got.find((m) => m.type === 'data'),
    { type: 'data', stream: 'stdout', data: 'done\n' },
  );
});

test('a body posted without a JSON content type (as the piston-client npm package posts) is read as JSON', async () => {
  const res = await fetch(`${base}/api/v2/execute`, {
    method: 'POST',
    body: JSON.stringify({ language: 'python', version: '3.11.2', files: [{ content: 'print("Hello World!")' }], args: ['1', '2', '3'] }),
  });
  assert.equal(res.headers.get('content-type')?.startsWith('application/json'), true);
  assert.equal(((await res.json()) as { run: { stdout: string } }).run.stdout, 'Hello World!\n');
});
