// A stream session across machines: the API node holds the WebSocket, a worker holds the box; Redis carries the I/O.
// stdin goes through a Redis stream (kept until read, so bytes sent before the worker starts are not lost), with a
// terminal's size changes in the same stream (in order with the input), output through pub/sub on a channel the API
// node subscribed to before the job was queued.
import { PassThrough } from 'node:stream';
import type { Redis } from 'ioredis';
import type { StageResult } from '../engine/stage.js';
import type { JudgeEvent } from '../judge/index.js';
import { TerminalSize } from '../sandbox/terminal.js';
import { keys } from './redis.js';
import type { LiveIO } from './types.js';

/** One message on a session's output channel. */
type Out =
  | { t: 'stdout' | 'stderr'; d: string }
  | { t: 'compiled'; d: Omit<StageResult, 'stdout' | 'stderr'> & { stdout: string; stderr: string } }
  | { t: 'judge'; d: JudgeEvent }
  | { t: 'end' };

/** How long a session's stdin stream outlives its last write: a session never lasts longer than this. */
const STDIN_TTL_SECONDS = 3600;

/** The API node's side: forwards a session's stdin to Redis and its output back to the WebSocket. */
export class LiveRelay {
  private readonly sessions = new Map<string, { live: LiveIO; drained: () => void; ended: Promise<void> }>();

  constructor(
    private readonly queue: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
  ) {
    sub.on('message', (channel: string, raw: string) => this.deliver(channel, raw));
  }

  /** Start relaying before the job is queued; resolves once the output channel is subscribed. */
  async attach(id: string, live: LiveIO): Promise<void> {
    const k = keys(this.queue);
    let drained!: () => void;
    const ended = new Promise<void>((res) => (drained = res));
    this.sessions.set(id, { live, drained, ended });
    await this.sub.subscribe(k.liveOut(id));
    const push = (fields: string[]) =>
      this.pub
        .multi()
        .xadd(k.liveIn(id), '*', ...fields)
        .expire(k.liveIn(id), STDIN_TTL_SECONDS)
        .exec()
        .catch(() => {});
    const terminal = live.terminal;
    if (terminal) {
      const size = () => void push(['w', `${terminal.cols},${terminal.rows}`]);
      size();
      terminal.on('resize', size);
    }
    live.stdin.on('data', (b: Buffer) => void push(['d', b.toString('base64')]));
    live.stdin.once('end', () => void push(['e', '1']));
  }

  /** The job ended: wait (briefly) until its last output has arrived, then stop listening. */
  async detach(id: string, graceMs = 2000): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([s.ended, new Promise<void>((res) => (timer = setTimeout(res, graceMs)))]);
    clearTimeout(timer);
    this.sessions.delete(id);
    await this.sub.unsubscribe(keys(this.queue).liveOut(id)).catch(() => {});
    await this.pub.del(keys(this.queue).liveIn(id)).catch(() => {});
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  private deliver(channel: string, raw: string): void {
    const m = /:live:([^:]+):out$/.exec(channel);
    const s = m ? this.sessions.get(m[1]!) : undefined;
    if (!s) return;
    const msg = JSON.parse(raw) as Out;
    if (msg.t === 'stdout') s.live.onStdout(Buffer.from(msg.d, 'base64'));
    else if (msg.t === 'stderr') s.live.onStderr(Buffer.from(msg.d, 'base64'));
    else if (msg.t === 'compiled') s.live.onCompiled?.({ ...msg.d, stdout: Buffer.from(msg.d.stdout, 'base64'), stderr: Buffer.from(msg.d.stderr, 'base64') });
    else if (msg.t === 'judge') s.live.onJudge?.(msg.d);
    else s.drained();
  }
}

/** The worker's side of a session: stdin read from the Redis stream, output published; close() ends it. */
export function remoteLive(queue: string, id: string, pub: Redis, tty = false): { live: LiveIO; close(): Promise<void> } {
  const k = keys(queue);
  const stdin = new PassThrough();
  const terminal = tty ? new TerminalSize() : undefined;
  // XREAD BLOCK holds its connection: each session reads on one of its own, dropped at close.
  const reader = pub.duplicate();
  let closed = false;
  const send = (m: Out) => void pub.publish(k.liveOut(id), JSON.stringify(m)).catch(() => {});
  void (async () => {
    let last = '0';
    while (!closed) {
      const got = await reader.xread('BLOCK', 1000, 'STREAMS', k.liveIn(id), last).catch(() => null);
      for (const [, entries] of got ?? []) {
        for (const [entryId, fields] of entries) {
          last = entryId;
          if (fields[0] === 'e') {
            stdin.end();
            if (terminal) continue; // a terminal still changes size after its input ended
            return;
          }
          if (fields[0] === 'w') {
            const [cols, rows] = (fields[1] ?? '').split(',').map(Number);
            if (terminal && cols && rows) terminal.resize(cols, rows);
            continue;
          }
          if (!stdin.writableEnded) stdin.write(Buffer.from(fields[1] ?? '', 'base64'));
        }
      }
    }
  })();
  return {
    live: {
      stdin,
      onStdout: (b) => send({ t: 'stdout', d: b.toString('base64') }),
      onStderr: (b) => send({ t: 'stderr', d: b.toString('base64') }),
      onCompiled: (c) => send({ t: 'compiled', d: { ...c, stdout: c.stdout.toString('base64'), stderr: c.stderr.toString('base64') } }),
      onJudge: (e) => send({ t: 'judge', d: e }),
      ...(terminal ? { terminal } : {}),
    },
    async close() {
      closed = true;
      send({ t: 'end' });
      reader.disconnect();
      if (!stdin.writableEnded) stdin.end();
    },
  };
}
