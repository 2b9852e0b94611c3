// The launcher as a daemon (`airlock-sandbox --serve`): every box is still fresh, but a run
// costs a socket connection instead of a process spawn from Node and an exec of the launcher.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { AirlockError } from '../errors.js';
import { assertLauncher } from './launcher.js';
import { type BoxOptions, launcherArgs } from './options.js';
import { parseRecord } from './result.js';
import { type BoxIO, type BoxResult, boxResult, CappedOutput, launcherError } from './outcome.js';
import { FrameReader } from './frame-reader.js';

const FRAME_MAX = 65536;

let daemon: { socket: string; child: ChildProcess } | undefined;

/** The socket of the running daemon, if one was started in this process. */
export function daemonSocket(): string | undefined {
  return daemon && daemon.child.exitCode === null && daemon.child.signalCode === null ? daemon.socket : undefined;
}

/** The launcher's default state directory: root's, or (rootless) the user's own, as the launcher picks it. */
export function defaultStateDir(): string {
  if (process.geteuid?.() === 0) return '/run/airlock';
  const xdg = process.env.XDG_RUNTIME_DIR;
  return xdg?.startsWith('/') ? join(xdg, 'airlock') : `/tmp/airlock-${process.geteuid?.()}`;
}

/** Start a daemon whose socket lives in the (private) state directory; resolves once it listens. */
export async function startDaemon(stateDir = defaultStateDir()): Promise<string> {
  if (daemonSocket()) return daemon!.socket;
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const socket = join(stateDir, `daemon-${process.pid}.sock`);
  const child = spawn(assertLauncher(), ['--state-dir', stateDir, '--serve', socket], { stdio: ['ignore', 'ignore', 'inherit'], env: {} });
  child.unref();
  daemon = { socket, child };
  for (let i = 0; i < 250 && !existsSync(socket); i++) {
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  if (!existsSync(socket)) {
    child.kill();
    daemon = undefined;
    throw new AirlockError('AIRLOCK_ERR_SANDBOX_FAILED', `the launcher daemon did not start on ${socket}`);
  }
  return socket;
}

/** Stop the daemon; boxes already running finish (each is its own process). */
export function stopDaemon(): void {
  if (!daemon) return;
  daemon.child.kill('SIGTERM');
  // The socket file would stay in the state directory (the next daemon start sweeps one whose owner died).
  rmSync(daemon.socket, { force: true });
  daemon = undefined;
}

function frame(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

/** One box through the daemon: the launcher's arguments, stdin and output as frames (docs/launcher-protocol.md). */
export function runViaDaemon(socketPath: string, opts: BoxOptions, io: BoxIO = {}): Promise<BoxResult> {
  if (io.signal?.aborted) return Promise.reject(new AirlockError('AIRLOCK_ERR_CANCELLED'));
  const keep = io.collect !== false;
  const out = new CappedOutput(opts.limits.output, io.onStdout, keep);
  const err = new CappedOutput(opts.limits.output, io.onStderr, keep);
  let record: string | undefined;
  let cancelled = false;

  const sock = connect(socketPath);
  const terminal = opts.tty ? io.terminal : undefined;
  const args = launcherArgs(opts).map((a) => Buffer.from(a));
  // Each argument ends with a NUL (not just separated by one): a trailing empty argument survives.
  sock.write(frame('A', Buffer.concat(args.flatMap((a) => [a, Buffer.from([0])]))));
  for (const f of opts.files ?? []) sock.write(frame('F', Buffer.concat([Buffer.from(f.name), Buffer.from([0]), f.content])));
  sock.write(frame('G', Buffer.alloc(0)));
  if (terminal) {
    // The pty's size at each change (runBox put the first in the arguments): the launcher sets it and the program
    // gets SIGWINCH.
    const size = () => {
      const p = Buffer.alloc(4);
      p.writeUInt16LE(terminal.cols, 0);
      p.writeUInt16LE(terminal.rows, 2);
      if (!sock.destroyed) sock.write(frame('W', p));
    };
    terminal.on('resize', size);
    sock.once('close', () => terminal.off('resize', size));
  }
  const send = (input: Buffer) => {
    for (let off = 0; off < input.length; off += FRAME_MAX) sock.write(frame('I', input.subarray(off, off + FRAME_MAX)));
  };
  const src = io.stdin;
  if (opts.stdinFile || src === undefined || typeof src === 'string' || Buffer.isBuffer(src)) {
    if (!opts.stdinFile && (typeof src === 'string' || Buffer.isBuffer(src))) send(Buffer.from(src));
    sock.write(frame('I', Buffer.alloc(0)));
  } else {
    // Interactive stdin: frames as the input arrives, the empty frame when it ends.
    const onData = (chunk: Buffer | string) => !sock.destroyed && send(Buffer.from(chunk));
    const onEnd = () => !sock.destroyed && sock.write(frame('I', Buffer.alloc(0)));
    src.on('data', onData).once('end', onEnd).once('error', onEnd);
    sock.once('close', () => src.off('data', onData).off('end', onEnd).off('error', onEnd));
  }

  const onAbort = () => {
    cancelled = true;
    sock.destroy(); // the launcher sees its client gone, kills the box and tears down
  };
  io.signal?.addEventListener('abort', onAbort, { once: true });

  return new Promise<BoxResult>((resolve, reject) => {
    let settled = false;
    // The record is the box's last word: the launcher sends it before tearing the box down
    // (the slot stays locked until then), so the run ends here, not when the connection closes.
    const settle = () => {
      if (settled) return;
      settled = true;
      io.signal?.removeEventListener('abort', onAbort);
      if (cancelled) return reject(new AirlockError('AIRLOCK_ERR_CANCELLED'));
      if (record === undefined) return reject(new AirlockError('AIRLOCK_ERR_SANDBOX_FAILED', 'the launcher daemon closed the connection without a result'));
      let rec;
      try {
        rec = parseRecord(record);
      } catch (e) {
        return reject(e instanceof Error ? e : new Error(String(e)));
      }
      const refused = launcherError(rec.launcherExit ?? null, opts.slot, rec.message);
      if (refused) return reject(refused);
      resolve(boxResult(rec, out.buffer(), err.buffer()));
    };
    const recordParts: Buffer[] = [];
    const frames = new FrameReader((type, piece, last) => {
      if (type === 'O') out.add(piece);
      else if (type === 'E') err.add(piece);
      else if (type === 'R') {
        recordParts.push(piece);
        if (last) {
          record = Buffer.concat(recordParts).toString('utf8');
          settle();
        }
      }
    });
    sock.on('data', (data: Buffer) => frames.push(data));
    sock.on('error', () => {}); // a reset after the record is harmless; without one, 'close' reports it
    sock.on('close', settle);
  });
}
