// WebSocket sessions with `tty: true`: the program runs on a terminal of the box's own (prompts show at once,
// isatty is true, stderr is merged, the size follows resize messages), under the same output cap; bad terminal
// messages are refused with AIRLOCK_ERR_BAD_REQUEST.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { testApp } from '../helpers/service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let url: string;
before(async () => {
  t = await testApp(314);
  url = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
});
after(() => t.close());

type Msg = {
  type: string;
  data?: string;
  run?: { state: string; result: { status: string; stdout: string; stderr: string; message?: string } };
  error?: { code: string; message: string };
};

/** Open a session, send `first`, hand each message (and all so far) to `onMessage`; resolve with all messages and the close code. */
function session(first: object[], onMessage: (m: Msg, ws: WebSocket, got: Msg[]) => void = () => {}): Promise<{ got: Msg[]; code: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}/v1/stream`);
    const got: Msg[] = [];
    ws.on('message', (raw) => {
      const m = JSON.parse((raw as Buffer).toString()) as Msg;
      got.push(m);
      onMessage(m, ws, got);
    });
    ws.on('open', () => first.forEach((m) => ws.send(JSON.stringify(m))));
    ws.on('close', (code) => resolve({ got, code }));
    ws.on('error', reject);
  });
}

const result = (got: Msg[]) => got.find((m) => m.type === 'result')!.run!.result;
const output = (got: Msg[]) =>
  got
    .filter((m) => m.type === 'stdout')
    .map((m) => m.data)
    .join('');
const start = (source: string, extra: object = {}, run: object = {}) => ({ type: 'start', tty: true, ...extra, run: { language: 'c', source, ...run } });

const prompt = '#include <stdio.h>\nint main(void){int a,b;printf("a b? ");if(scanf("%d %d",&a,&b)!=2)return 1;printf("%d\\n",a+b);return 0;}\n';
const isatty =
  '#include <stdio.h>\n#include <unistd.h>\nint main(void){printf("isatty %d %d %d\\n",isatty(0),isatty(1),isatty(2));fprintf(stderr,"to stderr\\n");return 0;}\n';
const size =
  '#include <stdio.h>\n#include <sys/ioctl.h>\nint main(void){struct winsize w;char l[8];ioctl(0,TIOCGWINSZ,&w);printf("size %dx%d\\n",w.ws_col,w.ws_row);fflush(stdout);' +
  'if(!fgets(l,sizeof l,stdin))return 1;ioctl(0,TIOCGWINSZ,&w);printf("size %dx%d\\n",w.ws_col,w.ws_row);return 0;}\n';

test('a C prompt without a newline or fflush arrives before any input; the answer reaches the program', async () => {
  let answered = false;
  const { got } = await session([start(prompt)], (m, ws, all) => {
    // Answer only once the prompt came: on a pipe it would wait in the program's buffer until the end.
    if (m.type === 'stdout' && !answered && output(all).includes('a b? ')) {
      answered = true;
      ws.send(JSON.stringify({ type: 'stdin', data: '2 40\n' }));
    }
  });
  assert.ok(answered, 'the prompt never came before the answer');
  const r = result(got);
  assert.equal(r.status, 'OK', r.message);
  // The terminal echoes the answer and ends lines with \r\n, as any terminal does.
  assert.equal(r.stdout, 'a b? 2 40\r\n42\r\n');
});

test('the program sees a terminal on fds 0-2; stderr is merged into stdout; without tty, pipes as before', async () => {
  const tty = result((await session([start(isatty), { type: 'eof' }])).got);
  assert.equal(tty.status, 'OK', tty.message);
  assert.equal(tty.stdout, 'isatty 1 1 1\r\nto stderr\r\n');
  assert.equal(tty.stderr, '');
  const pipes = result((await session([start(isatty, { tty: false }), { type: 'eof' }])).got);
  assert.equal(pipes.stdout, 'isatty 0 0 0\n');
  assert.equal(pipes.stderr, 'to stderr\n');
});

test('resize sets the terminal size, before the program starts and while it runs', async () => {
  let resized = false;
  const { got } = await session([start(size), { type: 'resize', cols: 100, rows: 30 }], (m, ws, all) => {
    if (m.type === 'stdout' && !resized && output(all).includes('size 100x30')) {
      resized = true;
      ws.send(JSON.stringify({ type: 'resize', cols: 132, rows: 43 }));
      ws.send(JSON.stringify({ type: 'stdin', data: '\n' }));
    }
  });
  const r = result(got);
  assert.equal(r.status, 'OK', r.message);
  assert.equal(r.stdout, 'size 100x30\r\n\r\nsize 132x43\r\n');
});

test('the output cap holds on the terminal: OLE', async () => {
  const flood = '#include <stdio.h>\nint main(void){for(;;)puts("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");}\n';
  const r = result((await session([start(flood, {}, { limits: { output: 100000 } })])).got);
  assert.equal(r.status, 'OLE');
  assert.equal(Buffer.byteLength(r.stdout), 100000);
});

test('bad terminal messages are refused with AIRLOCK_ERR_BAD_REQUEST and the session closes', async () => {
  const sleep = '#include <unistd.h>\nint main(void){sleep(2);return 0;}\n';
  const bad: Array<[string, object[]]> = [
    ['tty not a boolean', [start(sleep, { tty: 'yes' })]],
    ['tty with tests', [start(sleep, {}, { tests: [{ input: '', output: '' }] })]],
    ['resize without tty', [start(sleep, { tty: false }), { type: 'resize', cols: 80, rows: 24 }]],
    ['zero columns', [start(sleep), { type: 'resize', cols: 0, rows: 24 }]],
    ['too many rows', [start(sleep), { type: 'resize', cols: 80, rows: 1001 }]],
    ['a fraction', [start(sleep), { type: 'resize', cols: 80.5, rows: 24 }]],
    ['a string', [start(sleep), { type: 'resize', cols: '80', rows: 24 }]],
    ['no rows', [start(sleep), { type: 'resize', cols: 80 }]],
    ['an extra field', [start(sleep), { type: 'resize', cols: 80, rows: 24, x: 1 }]],
  ];
  for (const [what, messages] of bad) {
    const { got, code } = await session(messages);
    const err = got.find((m) => m.type === 'error');
    assert.equal(err?.error?.code, 'AIRLOCK_ERR_BAD_REQUEST', what);
    assert.equal(code, 1008, what);
  }
});
