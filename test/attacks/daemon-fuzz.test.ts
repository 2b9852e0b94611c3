// The launcher daemon's frame parser under random and malformed input for a bounded time: every connection
// carries exactly one defect (a bad type, length, order, argument or file name, a cut frame, noise), and the
// daemon must answer with an IE record or close, within seconds, never run the program, never crash, and still
// serve a good box afterwards. Run over the sanitizer build too (scripts/test.mjs), so an over-read is an error.
// AIRLOCK_FUZZ_SECONDS (8) bounds it, AIRLOCK_FUZZ_SEED replays a run.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { daemonSocket, startDaemon, stopDaemon } from '../../src/sandbox/daemon.js';
import { hostSnapshot, leftovers, runProbe, text, testSlot } from '../helpers/box.js';
import { prng } from './prng.js';

const SLOT = testSlot(744);
const WORKERS = 3;
const SECONDS = Number(process.env.AIRLOCK_FUZZ_SECONDS ?? 8);
const seed = Number(process.env.AIRLOCK_FUZZ_SEED ?? randomInt(2 ** 31));
/** The daemon's largest frame payload (docs/launcher-protocol.md). */
const FRAME_MAX = 65536;

/** One frame: a type byte, a little-endian u32 length, the payload; `claim` lies about the length. */
function frame(type: string, payload: Buffer | string = Buffer.alloc(0), claim?: number): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeUInt32LE(claim ?? body.length, 1);
  return Buffer.concat([header, body]);
}

/** Arguments that would run a box which waits for stdin, so nothing finishes before the defect is read. */
const goodArgs = (slot: number) => ['--slot', String(slot), '--wall-time', '5', '--', '/bin/cat'].map((a) => a + '\0').join('');

/** One connection's bytes with exactly one defect. */
function makeCase(r: () => number, slot: number): { bytes: Buffer; why: string } {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const noise = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
  const A = frame('A', goodArgs(slot));
  const F = frame('F', Buffer.concat([Buffer.from('input.txt\0'), noise(Math.floor(r() * 64))]));
  const G = frame('G');
  const cases: Array<() => { bytes: Buffer; why: string }> = [
    () => ({ bytes: noise(1 + Math.floor(r() * 200)), why: 'noise' }),
    () => {
      const t = pick(['B', 'Z', '\0', '\xff', 'a', 'R', 'O', 'E']);
      return { bytes: Buffer.concat([A, frame(t, noise(Math.floor(r() * 16)))]), why: `type ${JSON.stringify(t)} after A` };
    },
    () => {
      const claim = pick([FRAME_MAX + 1, 2 ** 31, 2 ** 32 - 1, 64 * 2 ** 20 + 1]);
      return { bytes: pick([frame('A', Buffer.alloc(0), claim), Buffer.concat([A, frame('F', Buffer.alloc(0), claim)])]), why: `length ${claim}` };
    },
    () => {
      const whole = pick([A, Buffer.concat([A, F])]);
      const cut = 1 + Math.floor(r() * (whole.length - 1));
      return { bytes: whole.subarray(0, cut), why: `cut after ${cut} of ${whole.length} bytes` };
    },
    () => {
      const [bytes, why] = pick<[Buffer, string]>([
        [Buffer.concat([F, A, G]), 'F before A'],
        [Buffer.concat([G]), 'G first'],
        [frame('I', 'x'), 'I first'],
        [Buffer.concat([A, A, G]), 'A twice'],
        [Buffer.concat([A, frame('I', 'x'), G]), 'I before G'],
        [frame('A'), 'empty A'],
        [Buffer.concat([A, frame('G', 'x')]), 'G with a payload'],
        [Buffer.concat([frame('A', goodArgs(slot).slice(0, -1)), G]), 'good arguments without their last NUL'],
      ]);
      return { bytes, why };
    },
    () => {
      const args = pick([
        ['--slot', String(slot), '--serve', '/tmp/x', '--', '/bin/cat'],
        ['--slot', String(slot), '--passthrough', '--', '/bin/cat'],
        ['--slot', String(slot), '--time', '0x10', '--', '/bin/cat'],
        ['--slot', String(slot)],
        ['--slot', 'abc', '--', '/bin/cat'],
        ['--slot', String(slot), '--nosuch', '--', '/bin/cat'],
        ['--slot', String(slot), '--memory', '-1', '--', '/bin/cat'],
      ]);
      // No NUL after the last argument half the time: the parser must not read past the payload.
      const payload = args.join('\0') + (r() < 0.5 ? '\0' : '');
      return { bytes: Buffer.concat([frame('A', payload), G]), why: `arguments ${JSON.stringify(args.slice(2).join(' '))}` };
    },
    () => {
      const name = pick(['../escape', '/etc/passwd', '', 'a/../../b', '.', '..', 'x'.repeat(300), 'noterminator']);
      const payload = name === 'noterminator' ? Buffer.from('no-nul-in-this-frame') : Buffer.from(`${name}\0data`);
      return { bytes: Buffer.concat([A, frame('F', payload), G]), why: `file name ${JSON.stringify(name.slice(0, 20))}` };
    },
  ];
  return pick(cases)();
}

/**
 * Send the bytes and collect what the daemon answers until it closes (or 5 s pass). `halfClose` ends our side
 * after them, as a client that sent a cut or incomplete conversation would; a live client keeps it open (the
 * daemon takes an early end as the caller going away).
 */
function exchange(bytes: Buffer, halfClose = true): Promise<{ frames: Array<{ type: string; payload: Buffer }>; closed: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = connect(daemonSocket()!);
    const chunks: Buffer[] = [];
    const done = (closed: boolean) => {
      clearTimeout(timer);
      sock.destroy();
      const all = Buffer.concat(chunks);
      const frames: Array<{ type: string; payload: Buffer }> = [];
      for (let at = 0; at + 5 <= all.length;) {
        const len = all.readUInt32LE(at + 1);
        frames.push({ type: all.toString('latin1', at, at + 1), payload: all.subarray(at + 5, at + 5 + len) });
        at += 5 + len;
      }
      resolve({ frames, closed, ms: Date.now() - started });
    };
    const timer = setTimeout(() => done(false), 5000);
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', () => done(true));
    sock.on('close', () => done(true));
    if (halfClose) sock.end(bytes);
    else sock.write(bytes);
  });
}

before(async () => {
  await startDaemon();
});
after(() => stopDaemon());

test("the fuzzer's good frames are good: A, F, G and stdin run a box through the daemon", async () => {
  const { frames } = await exchange(
    Buffer.concat([frame('A', goodArgs(SLOT)), frame('F', 'input.txt\0abc'), frame('G'), frame('I', 'hello'), frame('I')]),
    false,
  );
  const record = frames.find((f) => f.type === 'R')?.payload.toString() ?? '';
  assert.match(record, /status=OK/, record);
  assert.equal(Buffer.concat(frames.filter((f) => f.type === 'O').map((f) => f.payload)).toString(), 'hello');
});

test(`daemon frame fuzzing for ${SECONDS} s (seed ${seed})`, { timeout: (SECONDS + 30) * 1000 }, async () => {
  const snapshot = hostSnapshot();
  const r = prng(seed);
  const deadline = Date.now() + SECONDS * 1000;
  const failures: string[] = [];
  let cases = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      while (Date.now() < deadline && failures.length < 10) {
        const c = makeCase(r, SLOT + worker);
        cases++;
        const res = await exchange(c.bytes);
        const record = res.frames.find((f) => f.type === 'R')?.payload.toString();
        const ran = res.frames.some((f) => f.type === 'O' || f.type === 'E');
        // A defect ends the connection: an IE record (or nothing, when the frames never got that far), never a box that ran.
        const ok = res.closed && !ran && (record === undefined || /^status=IE$/m.test(record));
        if (!ok) failures.push(`${c.why}: closed ${res.closed} after ${res.ms} ms, ran ${ran}, record ${JSON.stringify(record?.slice(0, 200))}`);
      }
    }),
  );
  assert.deepEqual(failures, [], `seed ${seed}, ${cases} cases`);
  assert.ok(cases > 50, `only ${cases} cases ran`);
  // The daemon lived through all of it and still builds boxes; nothing was left behind.
  assert.equal(text(await runProbe(SLOT, ['hello'])), 'hello\n');
  for (let w = 0; w < WORKERS; w++) assert.deepEqual(await leftovers(SLOT + w, snapshot), []);
});
