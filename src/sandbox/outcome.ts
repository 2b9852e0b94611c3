// What a box gives back, however it was run (a spawned launcher or the daemon): the result, its capped output,
// and what the launcher's exit status means (docs/launcher-protocol.md).
import type { ChildProcess, IOType } from 'node:child_process';
import type { Readable, Stream } from 'node:stream';
import { AirlockError } from '../errors.js';
import type { BoxRecord, BoxStatus } from './result.js';
import type { TerminalSize } from './terminal.js';

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
  /** With `tty`: the terminal's size, the pty's when the box starts, then followed while it runs (through the daemon). */
  terminal?: TerminalSize;
  /**
   * The launcher's fds 0 and 1, wired by the caller (with `passthrough`, to join two boxes by pipes):
   * given to spawn as they are; runBox then neither writes stdin nor collects stdout.
   */
  stdio?: [IOType | Stream, IOType | Stream];
  /** Called once the launcher is spawned, so the caller can hand its pipes on. */
  onSpawn?: (child: ChildProcess) => void;
}

/** Past this, a store is the whole cap (see add). */
const BIG = 1 << 20;

/** Small stores come from Node's shared pool; large ones are their own allocation, freed with the result. */
const allocate = (n: number): Buffer => (n < 65536 ? Buffer.allocUnsafe(n) : Buffer.allocUnsafeSlow(n));

/**
 * Keeps at most `cap` bytes of one output stream (the launcher enforces the cap; this is a second fence). The bytes are
 * copied into one store that grows as they come (never past `cap`): the socket's read buffers die young, and the
 * result is the store itself when it is at least half full. Only the bytes written are ever shown. Threat: a 16 MiB
 * output held three times over (the read buffers each part of it pinned, their concatenation, then the text) made one
 * run cost the service 130 MiB of RSS.
 */
export class CappedOutput {
  private store: Buffer | undefined;
  private size = 0;

  constructor(
    private readonly cap: number,
    private readonly onChunk: ((b: Buffer) => void) | undefined,
    private readonly keep: boolean,
  ) {}

  /** Show a chunk to the live listener, and keep what fits under the cap. */
  add(chunk: Buffer): void {
    this.onChunk?.(chunk);
    if (!this.keep || this.size >= this.cap) return;
    const take = Math.min(chunk.length, this.cap - this.size);
    // The store doubles as output arrives, up to 1 MiB; past that it is the whole cap at once, whose pages the kernel
    // maps only as they are written (so RSS is what was written, and a 16 MiB output is not copied through 2, 4 and
    // 8 MiB stores). The whole cap at the first byte cost every run a cap-sized buffer: V8 counts it as external
    // memory and collected garbage for it after every few runs (judging 100 tests spent most of its time in the GC).
    if (!this.store || this.size + take > this.store.length) {
      const want = Math.max(this.size + take, 2 * (this.store?.length ?? 0), 4096);
      const grown = allocate(want > BIG ? this.cap : Math.min(this.cap, want));
      this.store?.copy(grown, 0, 0, this.size);
      this.store = grown;
    }
    this.size += chunk.copy(this.store, this.size, 0, take);
  }

  /** Everything kept, as one buffer: the kept part of the store, or, when that is mostly unused, a copy of it. */
  buffer(): Buffer {
    if (!this.store) return Buffer.alloc(0);
    const kept = this.store.subarray(0, this.size);
    return this.size >= this.store.length / 2 ? kept : Buffer.from(kept);
  }
}

/**
 * The launcher's exit status as our error: 3 the slot is another launcher's, 1 it refused its arguments (our
 * bug, or a caller's value that slipped through validation). Anything else carries a record: undefined here.
 */
export function launcherError(exit: number | null, slot: number | undefined, detail: string): AirlockError | undefined {
  if (exit === 3) return new AirlockError('AIRLOCK_ERR_NO_SLOT', detail || `slot ${slot} is held by another launcher`);
  if (exit === 1) return new AirlockError('AIRLOCK_ERR_SANDBOX_FAILED', `launcher rejected its arguments: ${detail}`);
  return undefined;
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
