// --tty: the program's stdio is a pty of the box's own. It must behave as a terminal (prompts
// without a newline show at once, ^D ends input, the size follows the caller's), and must not
// widen the box: the same output cap, TIOCSTI still SV, no other box's or host's terminal in
// reach, and without --tty nothing of it exists.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { startDaemon, stopDaemon } from '../../src/sandbox/daemon.js';
import { assertLauncher } from '../../src/sandbox/launcher.js';
import { defaultRunLimits } from '../../src/sandbox/limits.js';
import { type BoxIO, type BoxResult, runBox } from '../../src/sandbox/run.js';
import { TerminalSize } from '../../src/sandbox/terminal.js';
import { repoRoot, runProbe, said, testSlot, TIME_SCALE } from '../helpers/box.js';
import { until } from '../helpers/until.js';

const SLOTS = [testSlot(125), testSlot(126)];
const dir = mkdtempSync(join(tmpdir(), 'airlock-tty-'));

/** Run test/sandbox/programs/tty.c in a box with a pty (or, with tty false, without one). */
function ttyProgram(slot: number, args: string[], io: BoxIO = {}, tty = true, output?: number, ttySize?: { cols: number; rows: number }): Promise<BoxResult> {
  return runBox(
    {
      command: ['./tty', ...args],
      slot,
      copyIn: dir,
      limits: { ...defaultRunLimits, cpuTime: 2 * TIME_SCALE, wallTime: 10 * TIME_SCALE, ...(output ? { output } : {}) },
      ...(tty ? { tty: true } : {}),
      ...(ttySize ? { ttySize } : {}),
    },
    io,
  );
}

/** A live view of what the program wrote so far, and its stdin. */
function session(): { io: BoxIO; stdin: PassThrough; seen: () => string } {
  const stdin = new PassThrough();
  let out = '';
  return { io: { stdin, onStdout: (c) => (out += c.toString('utf8')) }, stdin, seen: () => out };
}

before(() => {
  execFileSync('gcc', ['-O1', '-o', join(dir, 'tty'), join(repoRoot, 'test/sandbox/programs/tty.c')]);
});

// The same tests on the command line (stdio relayed) and through the daemon (frames).
for (const via of ['command line', 'daemon'] as const) {
  describe(`--tty (${via})`, () => {
    if (via === 'daemon') {
      before(async () => void (await startDaemon()));
      after(() => stopDaemon());
    }
    const slot = SLOTS[0]!;

    test('a prompt without a newline or fflush shows before any input, and the answer reaches the program', async () => {
      const s = session();
      const run = ttyProgram(slot, ['prompt'], s.io);
      await until(s.seen, (o) => o.includes('a b? '), 10_000, 'the prompt');
      s.stdin.end('2 40\n');
      const r = await run;
      assert.equal(r.status, 'OK', said(r));
      // The terminal echoes what was typed, and turns \n into \r\n, as any terminal does.
      assert.equal(r.stdout.toString(), 'a b? 2 40\r\n42\r\n');
    });

    test('the program has a terminal of its own: stdio, session, /dev/tty; stderr is merged', async () => {
      const r = await ttyProgram(slot, ['info'], { stdin: '' });
      assert.equal(r.status, 'OK', said(r));
      assert.deepEqual(r.stdout.toString().split('\r\n'), [
        'isatty 1 1 1',
        'ttyname /dev/pts/0',
        'size 80x24',
        'session leader 1 foreground 1',
        '/dev/tty is fd 0',
        '/dev/pts 0 ptmx',
        '/dev/ptmx exists',
        'TERM xterm-256color',
        'to stderr',
        '',
      ]);
      assert.equal(r.stderr.length, 0);
    });

    test('colours and \\r pass through untouched', async () => {
      const r = await ttyProgram(slot, ['colour'], { stdin: '' });
      assert.equal(r.stdout.toString(), '\x1b[31mred\x1b[0m and\rback\r\n');
    });

    test('the end of stdin is ^D: the program reads to EOF and ends', async () => {
      const r = await ttyProgram(slot, ['count'], { stdin: 'abc\n' });
      assert.equal(r.status, 'OK', said(r));
      assert.match(r.stdout.toString(), /read 4 bytes then EOF/);
    });

    test('the output cap holds on the pty (OLE at exactly the cap)', async () => {
      const r = await runProbe(slot, ['flood'], { output: 100_000 }, { tty: true }, { stdin: '' });
      assert.equal(r.status, 'OLE', said(r));
      assert.equal(r.stdout.length, 100_000);
      assert.equal(r.stderr.length, 0);
    });

    test('TIOCSTI on the box\'s own terminal is still SV', async () => {
      const r = await runProbe(slot, ['tiocsti'], {}, { tty: true }, { stdin: '' });
      assert.equal(r.status, 'SV', said(r));
    });

    test('two boxes at once each see only their own pty', async () => {
      const a = session();
      const b = session();
      const runs = [ttyProgram(SLOTS[0]!, ['pts'], a.io), ttyProgram(SLOTS[1]!, ['pts'], b.io)];
      // Both list /dev/pts while both are alive.
      await until(() => a.seen() + '|' + b.seen(), (o) => (o.match(/pts /g) ?? []).length === 2, 10_000, 'both listings');
      a.stdin.end('\n');
      b.stdin.end('\n');
      for (const r of await Promise.all(runs)) {
        assert.equal(r.status, 'OK', said(r));
        assert.equal(r.stdout.toString().split('\r\n')[0], 'pts 0 ptmx');
      }
    });

    test('the program starts with the size given (--tty-size), or 80x24', async () => {
      const sized = await ttyProgram(slot, ['winch', '0'], { stdin: '' }, true, undefined, { cols: 100, rows: 30 });
      assert.equal(sized.status, 'OK', said(sized));
      assert.equal(sized.stdout.toString(), 'size 100x30\r\n');
      const plain = await ttyProgram(slot, ['winch', '0'], { stdin: '' });
      assert.equal(plain.stdout.toString(), 'size 80x24\r\n');
    });

    // Only frames carry a change of size: the command line's pty keeps its first. One daemon for the file (each
    // start has a moment between bind and listen where a connection is refused).
    if (via !== 'daemon') return;
    test('the first size and each change reach the pty; the program gets SIGWINCH', async () => {
      const s = session();
      const terminal = new TerminalSize(100, 30);
      const run = ttyProgram(SLOTS[0]!, ['winch', '1'], { ...s.io, terminal });
      await until(s.seen, (o) => o.includes('size 100x30'), 10_000, 'the first size');
      terminal.resize(132, 43);
      const r = await run;
      assert.equal(r.status, 'OK', said(r));
      assert.equal(r.stdout.toString(), 'size 100x30\r\nsize 132x43\r\n');
    });

    test('a malformed window size, or one for a box without --tty, is a protocol error', async () => {
      const bad = (payload: Buffer) => Buffer.concat([Buffer.from('W'), Buffer.from(new Uint32Array([payload.length]).buffer), payload]);
      const size = (cols: number, rows: number) => Buffer.from(new Uint16Array([cols, rows]).buffer);
      const cases: Array<[string[], Buffer]> = [
        [['--tty'], bad(Buffer.from([80, 0, 24]))],
        [['--tty'], bad(size(0, 24))],
        [['--tty'], bad(size(80, 5000))],
        [[], bad(size(80, 24))],
      ];
      const socket = await startDaemon();
      for (const [flags, frame] of cases) {
        const record = await new Promise<string>((resolve, reject) => {
          const sock = connect(socket);
          const args = ['--slot', String(SLOTS[0]), ...flags, '--', '/bin/sleep', '5'].map((a) => a + '\0').join('');
          const head = (t: string, n: number) => Buffer.concat([Buffer.from(t), Buffer.from(new Uint32Array([n]).buffer)]);
          sock.write(Buffer.concat([head('A', Buffer.byteLength(args)), Buffer.from(args), head('G', 0), frame]));
          let got = Buffer.alloc(0);
          sock.on('data', (d: Buffer) => (got = Buffer.concat([got, d])));
          sock.on('error', reject);
          sock.on('close', () => resolve(got.toString('latin1')));
        });
        assert.match(record, /status=IE/, `${flags.join(' ')} ${frame.toString('hex')}`);
        assert.match(record, /protocol error/);
      }
    });
  });
}

test('without --tty the box has no terminal, no /dev/pts, no /dev/ptmx, no /dev/tty', async () => {
  const r = await ttyProgram(SLOTS[0]!, ['info'], { stdin: '' }, false);
  assert.equal(r.status, 'OK', said(r));
  assert.deepEqual(r.stdout.toString().split('\n'), [
    'isatty 0 0 0',
    'ttyname ENOTTY',
    'session leader 1 foreground 0',
    '/dev/tty ENOENT',
    '/dev/pts ENOENT',
    '/dev/ptmx ENOENT',
    'TERM unset',
    '',
  ]);
  assert.equal(r.stderr.toString(), 'to stderr\n');
});

test('--tty excludes --passthrough and --stdin', () => {
  for (const extra of [['--passthrough'], ['--stdin', '/dev/null']]) {
    const r = spawnSync(assertLauncher(), ['--slot', String(SLOTS[0]), '--tty', ...extra, '--', '/bin/true'], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /--tty excludes/);
  }
});

test('--tty-size takes COLSxROWS, each 1 to 4096, and only with --tty', () => {
  for (const [flags, why] of [
    [['--tty', '--tty-size', '0x30'], /--tty-size wants COLSxROWS/],
    [['--tty', '--tty-size', '100x30x'], /--tty-size wants COLSxROWS/],
    [['--tty', '--tty-size', '+100x30'], /--tty-size wants COLSxROWS/],
    [['--tty', '--tty-size', '4097x30'], /--tty-size wants COLSxROWS/],
    [['--tty-size', '100x30'], /--tty-size needs --tty/],
  ] as const) {
    const r = spawnSync(assertLauncher(), ['--slot', String(SLOTS[0]), ...flags, '--', '/bin/true'], { encoding: 'utf8' });
    assert.notEqual(r.status, 0, flags.join(' '));
    assert.match(r.stderr, why, flags.join(' '));
  }
});
