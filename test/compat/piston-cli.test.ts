// Piston's official CLI (engineer-man/piston, cli/commands/execute.js; not on npm) replayed against a live server:
// each request is the one `piston run` sends, byte for byte, and each answer is read as the CLI reads it.
//
// What it sends, as recorded from the CLI (axios 0.21.4, yargs 16.2.0) on Node 20: axios's headers in its order,
// then JSON.stringify of {language, version ("*" unless -l), files, args, stdin, compile_timeout, run_timeout} with
// the CLI's defaults 10000 and 3000. files are the -f files first and the program last, each {name: basename,
// content, encoding}: base64 when decoding the bytes as UTF-8 gives U+FFFD, else utf8. args are yargs's positionals,
// so a numeric one is a JSON number; stdin is "" unless -i. It prints compile (when present) and run, reading
// stdout, stderr, code and signal of each: a run missing from the answer crashes it. With -t it opens the WebSocket
// instead: init with the same fields (no stdin), then its own stdin as data messages.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { testApp } from '../helpers/service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let port: number;
let languages: string[];
before(async () => {
  t = await testApp(514);
  port = Number(new URL(await t.app.listen({ port: 0, host: '127.0.0.1' })).port);
  languages = ((await (await fetch(`http://127.0.0.1:${port}/api/v2/runtimes`)).json()) as { language: string }[]).map((r) => r.language);
});
after(() => t.close());

/** A file given to the CLI: its path's basename and its bytes. */
type CliFile = [name: string, bytes: Buffer | string];

/** The CLI's file object: base64 when the bytes are not clean UTF-8 (the CLI looks for U+FFFD after decoding). */
function cliFile([name, raw]: CliFile) {
  const bytes = Buffer.from(raw);
  const encoding = bytes.toString().includes('\uFFFD') ? 'base64' : 'utf8';
  return { name, content: bytes.toString(encoding), encoding };
}

/** `piston run <language> <file> [args..] [-f extra..] [-i < stdin]` as the body the CLI posts. */
function cliBody(language: string, file: CliFile, opts: { args?: (string | number)[]; extra?: CliFile[]; stdin?: string } = {}): string {
  const files = [...(opts.extra ?? []), file].map(cliFile);
  return JSON.stringify({ language, version: '*', files, args: opts.args ?? [], stdin: opts.stdin ?? '', compile_timeout: 10000, run_timeout: 3000 });
}

/** The exact bytes of the CLI's request (axios 0.21.4 through Node 20's http, which adds Host and keep-alive). */
function cliRequest(body: string): Buffer {
  const head = [
    'POST /api/v2/execute HTTP/1.1',
    'Accept: application/json, text/plain, */*',
    'Content-Type: application/json',
    'User-Agent: axios/0.21.4',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `Host: 127.0.0.1:${port}`,
    'Connection: keep-alive',
  ];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body, 'utf8')]);
}

/** Send raw bytes on a fresh connection; the status, the headers and the body once Content-Length bytes arrived. */
function send(raw: Buffer): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    let got = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      got = Buffer.concat([got, chunk]);
      const end = got.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [status, ...lines] = got.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length']);
      if (!Number.isInteger(length)) return reject(new Error(`no Content-Length in ${got.toString('latin1')}`));
      if (got.length < end + 4 + length) return;
      socket.destroy();
      resolve({ status: Number(status!.split(' ')[1]), headers, body: got.subarray(end + 4, end + 4 + length).toString('utf8') });
    });
  });
}

/** A Piston stage as the CLI reads it. */
interface Stage {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: string | null;
}

/** What the CLI prints for an answer (its step() without colours); throws where the CLI would crash. */
function cliPrint(response: { compile?: Stage; run: Stage }): string[] {
  const out: string[] = [];
  const step = (name: string, ctx: Stage) => {
    out.push(`== ${name} ==`);
    if (ctx.stdout) out.push('STDOUT', ctx.stdout.replace(/\n/g, '\n    '));
    if (ctx.stderr) out.push('STDERR', ctx.stderr.replace(/\n/g, '\n    '));
    if (ctx.code) out.push(`Exit Code: ${ctx.code}`);
    if (ctx.signal) out.push(`Signal: ${ctx.signal}`);
  };
  if (response.compile) step('Compile', response.compile);
  step('Run', response.run);
  return out;
}

/** Run one CLI invocation: the answer (200 and JSON, as axios needs) and what the CLI prints. */
async function cli(...args: Parameters<typeof cliBody>) {
  const res = await send(cliRequest(cliBody(...args)));
  assert.equal(res.status, 200, res.body);
  assert.match(res.headers['content-type'] ?? '', /^application\/json/);
  const answer = JSON.parse(res.body) as { language: string; version: string; compile?: Stage; run: Stage };
  return { answer, printed: cliPrint(answer) };
}

const PROGRAM: CliFile = ['main.py', 'import sys\nprint(sys.argv[1:], repr(sys.stdin.read()))\n'];

test('piston run python main.py: the exact request, the run printed', async () => {
  const body = cliBody('python', PROGRAM);
  assert.equal(
    body,
    '{"language":"python","version":"*","files":[{"name":"main.py","content":"import sys\\nprint(sys.argv[1:], repr(sys.stdin.read()))\\n","encoding":"utf8"}],"args":[],"stdin":"","compile_timeout":10000,"run_timeout":3000}',
    'the body as recorded from the CLI',
  );
  const { answer, printed } = await cli('python', PROGRAM);
  assert.equal(answer.language, 'python');
  assert.ok(!('compile' in answer));
  // Piston ends stdin with a newline, so the empty stdin the CLI sends reads as one.
  assert.deepEqual(printed, ['== Run ==', 'STDOUT', "[] '\\n'\n    "]);
});

test('piston run python main.py 1 2 abc -i -f data.bin: numeric args as numbers, a binary file as base64 before the program', async () => {
  const data: CliFile = ['data.bin', Buffer.from([0xff, 0xfe, 0x00, 0x62, 0x69, 0x6e])];
  const program: CliFile = ['main.py', 'import sys\nprint(sys.argv[1:], input(), open("data.bin", "rb").read().hex())\n'];
  const body = JSON.parse(cliBody('python', program, { args: [1, 2, 'abc'], extra: [data], stdin: 'hello\n' })) as {
    files: { encoding: string }[];
    args: unknown[];
  };
  assert.deepEqual(
    [body.files.map((f) => f.encoding), body.args],
    [
      ['base64', 'utf8'],
      [1, 2, 'abc'],
    ],
  );
  // Piston runs the first file sent as text: the program, not the data file ahead of it.
  const { answer } = await cli('python', program, { args: [1, 2, 'abc'], extra: [data], stdin: 'hello\n' });
  assert.deepEqual([answer.run.stdout, answer.run.stderr, answer.run.code], ["['1', '2', 'abc'] hello fffe0062696e\n", '', 0]);
});

test('piston run python main.py -f helper.py: a later file has the name the language would give the program, never a 500', async () => {
  // The CLI puts -f files first, so Piston runs helper.py, and main.py is a later file named like Python's main file.
  const helper: CliFile = ['helper.py', 'import sys\nprint("helper runs first", sys.argv[0])\n'];
  const { answer } = await cli('python', PROGRAM, { extra: [helper] });
  assert.equal(answer.run.stdout, 'helper runs first helper.py\n');
  // -f lib/main.py: two files named main.py; Piston writes them in order, so the program (last) is what runs.
  const other: CliFile = ['main.py', 'print("the -f file")\n'];
  const same = await cli('python', PROGRAM, { extra: [other], args: ['x'] });
  assert.equal(same.answer.run.stdout, "['x'] '\\n'\n");
  for (const name of ['main.c', 'main.cpp']) {
    const lang = name.endsWith('.c') ? 'c' : 'c++';
    if (!languages.includes(lang)) continue;
    const prog: CliFile = ['prog' + name.slice(4), '#include <stdio.h>\nint main(void) { puts("prog runs"); return 0; }\n'];
    // `piston run c main.c -f prog.c`: main.c is a later file, compiled with prog.c, which is run; no clash.
    const clash = await cli(lang, [name, 'int unused_symbol;\n'], { extra: [prog] });
    assert.equal(clash.answer.run.stdout, 'prog runs\n', JSON.stringify(clash.answer));
  }
});

test('piston run c bad.c: a compile error prints both stages, run being the compile result', async (tt) => {
  if (!languages.includes('c')) return tt.skip('c is not installed here (./setup.sh --languages c)');
  const { answer, printed } = await cli('c', ['bad.c', 'int main(void) { return x; }\n']);
  assert.ok(answer.compile);
  assert.deepEqual(answer.run, answer.compile);
  assert.equal(answer.compile.code, 1);
  assert.deepEqual(
    printed.filter((l) => l.startsWith('==') || l.startsWith('Exit')),
    ['== Compile ==', 'Exit Code: 1', '== Run ==', 'Exit Code: 1'],
  );
  assert.match(printed.join('\n'), /undeclared/);
});

test('piston run c abort.c: the signal printed as SIGABRT', async (tt) => {
  if (!languages.includes('c')) return tt.skip('c is not installed here (./setup.sh --languages c)');
  const { printed } = await cli('c', ['abort.c', '#include <stdio.h>\n#include <stdlib.h>\nint main(void) { puts("before"); fflush(stdout); abort(); }\n']);
  assert.deepEqual(printed, ['== Compile ==', '== Run ==', 'STDOUT', 'before\n    ', 'Signal: SIGABRT']);
});

test('piston run python main.py 1 x -t: the WebSocket session the CLI opens (init, then stdin as it is typed)', async () => {
  // The CLI's init: the execute fields but stdin, numbers from yargs in args; stdin follows at once as data messages.
  const init = {
    type: 'init',
    language: 'python',
    version: '*',
    files: [cliFile(['main.py', 'import sys\nprint(sys.argv[1:], input())\n'])],
    args: [1, 'x'],
    compile_timeout: 10000,
    run_timeout: 3000,
  };
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v2/connect`);
  const got: { type: string; stream?: string; data?: string; stage?: string; code?: number | null; signal?: string | null }[] = [];
  ws.on('open', () => {
    ws.send(JSON.stringify(init));
    ws.send(JSON.stringify({ type: 'data', stream: 'stdin', data: 'hello\n' }));
  });
  ws.on('message', (m) => got.push(JSON.parse((m as Buffer).toString('utf8')) as (typeof got)[number]));
  const [code, reason] = await new Promise<[number, string]>((resolve) => ws.on('close', (c, r) => resolve([c, r.toString()])));
  assert.deepEqual([code, reason], [4999, 'Job Completed'], JSON.stringify(got));
  // What the CLI writes to its stdout: the data messages of stream stdout, in order.
  const stdout = got
    .filter((m) => m.type === 'data' && m.stream === 'stdout')
    .map((m) => m.data)
    .join('');
  assert.equal(stdout, "['1', 'x'] hello\n");
  assert.deepEqual(got.at(-1), { type: 'exit', stage: 'run', code: 0, signal: null });
});
