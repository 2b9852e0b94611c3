// An interactive run over the WebSocket /v1/stream (docs/api.md): stdin as typed, output as it comes, then the result.
import { ApiError, apiUrl } from './client.js';
import type { Run, RunRequest } from './types.js';

/** What a session reports to its owner. */
export interface StreamHandlers {
  started?(id: string): void;
  /** A compiled language's compile stage ended: the program starts now. */
  compiled?(status: string): void;
  output(stream: 'stdout' | 'stderr', text: string): void;
  result(run: Run): void;
  error(e: ApiError): void;
}

/** A live session. */
export interface StreamSession {
  send(text: string): void;
  eof(): void;
  cancel(): void;
  /** The terminal's size, for a session started with `tty`. */
  resize(cols: number, rows: number): void;
}

/** A session's request: the run, and whether its program runs on a terminal (`tty`, docs/api.md). */
export type StreamRequest = Omit<RunRequest, 'stdin'> & { tty?: boolean };

/** Base64 chunks are bytes cut anywhere (half a UTF-8 character): a streaming decoder per stream and session. */
function chunkDecoder(): (stream: 'stdout' | 'stderr', data: string, encoding: string | undefined) => string {
  const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  return (stream, data, encoding) =>
    encoding === 'base64'
      ? decoders[stream].decode(
          Uint8Array.from(atob(data), (c) => c.charCodeAt(0)),
          { stream: true },
        )
      : data;
}

/** Open a session and start the run. */
export function startStream(req: StreamRequest, on: StreamHandlers): StreamSession {
  const url = new URL(apiUrl('v1/stream'));
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url.href);
  let finished = false;
  const chunkText = chunkDecoder();
  const queue: string[] = [];
  const post = (msg: object) => {
    const text = JSON.stringify(msg);
    if (ws.readyState === WebSocket.OPEN) ws.send(text);
    else if (ws.readyState === WebSocket.CONNECTING) queue.push(text);
  };
  ws.addEventListener('open', () => {
    const { tty, ...run } = req;
    ws.send(JSON.stringify({ type: 'start', run, ...(tty ? { tty: true } : {}) }));
    for (const m of queue.splice(0)) ws.send(m);
  });
  ws.addEventListener('message', (ev) => {
    let msg: {
      type: string;
      id?: string;
      status?: string;
      data?: string;
      encoding?: string;
      run?: Run;
      error?: { code: string; message: string; requestId?: string };
    };
    try {
      msg = JSON.parse(String(ev.data)) as typeof msg;
    } catch {
      return;
    }
    if (msg.type === 'started' && msg.id) on.started?.(msg.id);
    else if (msg.type === 'compiled') on.compiled?.(msg.status ?? 'OK');
    else if ((msg.type === 'stdout' || msg.type === 'stderr') && typeof msg.data === 'string') on.output(msg.type, chunkText(msg.type, msg.data, msg.encoding));
    else if (msg.type === 'result' && msg.run) {
      finished = true;
      on.result(msg.run);
    } else if (msg.type === 'error' && msg.error) {
      finished = true;
      on.error(new ApiError(msg.error.code, msg.error.message, 0, msg.error.requestId ?? ''));
    }
  });
  ws.addEventListener('close', () => {
    if (!finished) {
      finished = true;
      on.error(new ApiError('AIRLOCK_WEB_STREAM', 'The connection closed before the result came.'));
    }
  });
  return {
    send: (text) => post({ type: 'stdin', data: text, encoding: 'utf8' }),
    eof: () => post({ type: 'eof' }),
    cancel: () => post({ type: 'cancel' }),
    resize: (cols, rows) => post({ type: 'resize', cols, rows }),
  };
}
