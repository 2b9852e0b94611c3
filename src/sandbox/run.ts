// Run one box: start the launcher, feed stdin, collect capped output, parse the record.
import { type ChildProcess, type IOType, spawn } from 'node:child_process';
import type { Readable, Stream } from 'node:stream';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AirlockError } from '../errors.js';
import { daemonSocket, runViaDaemon } from './daemon.js';
import { assertLauncher } from './launcher.js';
import { type BoxOptions, launcherArgs } from './options.js';
import { type BoxRecord, type BoxStatus, parseRecord } from './result.js';

/** The outcome of one box, in seconds and bytes. */
export interface BoxResult {
  status: BoxStatus;
  exitCode: number;
  signal: number;
  stdout: Buffer;
  stderr: Buffer;
  cpuTime: number;
  wallTime: number;
  memory: number;
  oomKilled: boolean;
  message: string;
  syscalls: string[] | undefined;
}

/** How the caller talks to the box while it runs. */
export interface BoxIO {
  /** All of stdin at once, or a stream fed to the program as it arrives (interactive sessions). */
  stdin?: Buffer | string | Readable;
  signal?: AbortSignal;
  /** Live output; the chunks are also collected unless `collect` is false. */
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  collect?: boolean;
  /**
   * The launcher's fds 0 and 1, wired by the caller (with `passthrough`, to join two boxes by pipes):
   * given to spawn as they are; runBox then neither writes stdin nor collects stdout.
   */
  stdio?: [IOType | Stream, IOType | Stream];
  /** Called once the launcher is spawned, so the caller can hand its pipes on. */
  onSpawn?: (child: ChildProcess) => void;
}

/**
 * Run the box to the end. A failed program is a result; only our own failures throw.
 * Through the launcher daemon when one runs in this process (no spawn per run), else
 * by spawning the launcher (always for boxes whose stdio the caller wires itself).
 */
export function runBox(opts: BoxOptions, io: BoxIO = {}): Promise<BoxResult> {
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
  const child = spawn(launcher, launcherArgs(opts), {
    stdio: [...(io.stdio ?? [opts.stdinFile ? 'ignore' : 'pipe', 'pipe']), 'pipe', 'pipe'],
    env: {},
  });
  io.onSpawn?.(child);
  const cap = opts.limits.output;
  const out = io.stdio ? undefined : collector(child.stdout!, cap, io.onStdout, io.collect !== false);
  const err = collector(child.stderr!, cap, io.onStderr, io.collect !== false);
  const record = collector(child.stdio[3] as Readable, 64 * 1024, undefined, true);
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
      const text = record.text();
      if (code === 3) return reject(new AirlockError('AIRLOCK_ERR_NO_SLOT', `slot ${opts.slot} is held by another launcher`));
      if (code === 1) {
        return reject(new AirlockError('AIRLOCK_ERR_SANDBOX_FAILED', `launcher rejected its arguments: ${err.text().trim()}`));
      }
      let rec: BoxRecord;
      try {
        rec = parseRecord(text);
      } catch (e) {
        const how = sig ? `killed by ${sig}` : `exit code ${code}`;
        return reject(new AirlockError('AIRLOCK_ERR_SANDBOX_FAILED', `launcher ${how}; ${(e as Error).message}`));
      }
      resolve(boxResult(rec, out?.buffer() ?? Buffer.alloc(0), err.buffer()));
    });
  });
}

/** A record and the collected output as a result, in seconds and bytes. */
export function boxResult(rec: BoxRecord, stdout: Buffer, stderr: Buffer): BoxResult {
  return {
    status: rec.status,
    exitCode: rec.exitCode,
    signal: rec.signal,
    stdout,
    stderr,
    cpuTime: rec.cpuUs / 1e6,
    wallTime: rec.wallUs / 1e6,
    memory: rec.memoryBytes,
    oomKilled: rec.oomKilled,
    message: rec.message,
    syscalls: rec.syscalls,
  };
}

/** Keep at most `cap` bytes of a stream (the launcher enforces the cap; this is a second fence). */
function collector(stream: Readable, cap: number, onChunk: ((b: Buffer) => void) | undefined, keep: boolean) {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    onChunk?.(chunk);
    if (!keep || size >= cap) return;
    const part = size + chunk.length > cap ? chunk.subarray(0, cap - size) : chunk;
    chunks.push(part);
    size += part.length;
  });
  return {
    buffer: () => Buffer.concat(chunks, size),
    text: () => Buffer.concat(chunks, size).toString('utf8'),
  };
}
