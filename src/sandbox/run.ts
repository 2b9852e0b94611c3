// Run one box: start the launcher, feed stdin, collect capped output, parse the record.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AirlockError } from '../errors.js';
import { daemonSocket, runViaDaemon } from './daemon.js';
import { assertLauncher } from './launcher.js';
import { type BoxOptions, launcherArgs } from './options.js';
import { type BoxIO, type BoxResult, boxResult, CappedOutput, launcherError } from './outcome.js';
import { type BoxRecord, parseRecord } from './result.js';

export type { BoxIO, BoxResult } from './outcome.js';

/**
 * Run the box to the end. A failed program is a result; only our own failures throw.
 * Through the launcher daemon when one runs in this process (no spawn per run), else
 * by spawning the launcher (always for boxes whose stdio the caller wires itself).
 */
export function runBox(given: BoxOptions, io: BoxIO = {}): Promise<BoxResult> {
  // A terminal's size when the box starts goes with the arguments, so the program starts with it: a 'W' frame could
  // reach the pty after the program has read its size (a full-screen program drew for 80x24). Frames carry changes.
  const t = given.tty && !given.ttySize ? io.terminal : undefined;
  const opts = t ? { ...given, ttySize: { cols: t.cols, rows: t.rows } } : given;
  const socket = daemonSocket();
  if (socket && !io.stdio && !io.onSpawn && !opts.passthrough) return runViaDaemon(socket, opts, io);
  if (opts.files?.length) return withStagedFiles(opts, (staged) => spawnBox(staged, io));
  return spawnBox(opts, io);
}

/** The command line has no file frames: files held in memory go through a private directory and --copy-in. */
async function withStagedFiles<T>(opts: BoxOptions, fn: (o: BoxOptions) => Promise<T>): Promise<T> {
  if (opts.copyIn) throw new AirlockError('AIRLOCK_ERR_SANDBOX_FAILED', 'a box takes files from memory or from a directory, not both');
  const dir = await mkdtemp(join(tmpdir(), 'airlock-files-'));
  try {
    for (const f of opts.files!) {
      await mkdir(dirname(join(dir, f.name)), { recursive: true, mode: 0o700 });
      await writeFile(join(dir, f.name), f.content, { mode: 0o644, flag: 'wx' });
    }
    const { files: _, ...rest } = opts;
    return await fn({ ...rest, copyIn: dir });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Run the box by spawning the launcher. */
function spawnBox(opts: BoxOptions, io: BoxIO): Promise<BoxResult> {
  const launcher = assertLauncher();
  if (io.signal?.aborted) return Promise.reject(new AirlockError('AIRLOCK_ERR_CANCELLED'));
  // A service killed with -9 must not leave launchers running boxes (and holding slots) after it.
  const child = spawn(launcher, ['--die-with-parent', ...launcherArgs(opts)], {
    stdio: [...(io.stdio ?? [opts.stdinFile ? 'ignore' : 'pipe', 'pipe']), 'pipe', 'pipe'],
    env: {},
  });
  io.onSpawn?.(child);
  const cap = opts.limits.output;
  const out = io.stdio ? undefined : collect(child.stdout!, new CappedOutput(cap, io.onStdout, io.collect !== false));
  const err = collect(child.stderr!, new CappedOutput(cap, io.onStderr, io.collect !== false));
  const record = collect(child.stdio[3] as Readable, new CappedOutput(64 * 1024, undefined, true));
  if (child.stdin && !io.stdio) {
    // A program that never reads its stdin must not make us fail: EPIPE is expected.
    child.stdin.on('error', () => {});
    const src = io.stdin;
    if (typeof src === 'object' && !Buffer.isBuffer(src)) {
      src.on('error', () => child.stdin!.end());
      src.pipe(child.stdin);
      child.on('close', () => src.unpipe(child.stdin!));
    } else child.stdin.end(src ?? '');
  }
  let cancelled = false;
  const onAbort = () => {
    cancelled = true;
    child.kill('SIGTERM'); // the launcher kills the box and still cleans up
  };
  io.signal?.addEventListener('abort', onAbort, { once: true });

  return new Promise<BoxResult>((resolve, reject) => {
    child.on('error', (e) => reject(new AirlockError('AIRLOCK_ERR_SANDBOX_FAILED', e.message, { cause: e })));
    child.on('close', (code, sig) => {
      io.signal?.removeEventListener('abort', onAbort);
      if (cancelled) return reject(new AirlockError('AIRLOCK_ERR_CANCELLED'));
      const refused = launcherError(code, opts.slot, code === 1 ? err.buffer().toString('utf8').trim() : '');
      if (refused) return reject(refused);
      let rec: BoxRecord;
      try {
        rec = parseRecord(record.buffer().toString('utf8'));
      } catch (e) {
        const how = sig ? `killed by ${sig}` : `exit code ${code}`;
        return reject(new AirlockError('AIRLOCK_ERR_SANDBOX_FAILED', `launcher ${how}; ${(e as Error).message}`));
      }
      resolve(boxResult(rec, out?.buffer() ?? Buffer.alloc(0), err.buffer()));
    });
  });
}

/** Feed a stream into a capped collector. */
function collect(stream: Readable, into: CappedOutput): CappedOutput {
  stream.on('data', (chunk: Buffer) => into.add(chunk));
  return into;
}
