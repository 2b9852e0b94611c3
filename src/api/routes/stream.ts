// GET /v1/stream (WebSocket): start a run, send stdin as it goes, get stdout and stderr as they come, then the result.
import { PassThrough } from 'node:stream';
import type { WebSocket } from 'ws';
import { AirlockError, isAirlockError } from '../../errors.js';
import { isUtf8 } from '../../service/text.js';
import { toView } from '../views/run.js';
import { testView } from '../../service/judge-view.js';
import type { JudgeEvent } from '../../judge/index.js';
import type { App, AppDeps } from '../types.js';
import { Value } from '@sinclair/typebox/value';
import { RunRequestSchema } from '../../contracts/request.js';
import { ResizeMessageSchema, TERMINAL_MAX_SIDE } from '../../contracts/stream.js';
import { TerminalSize } from '../../sandbox/terminal.js';
import { decodeField } from '../../service/text.js';
import { endAsError } from './runs.js';

/** A client message; see docs/api.md for the protocol. */
type ClientMessage =
  | { type: 'start'; run: unknown; tty?: unknown }
  | { type: 'stdin'; data: string; encoding?: 'utf8' | 'base64' }
  | { type: 'eof' }
  | { type: 'cancel' }
  | { type: 'resize' };

/** Register the stream route. */
export function streamRoutes(app: App, { service, config }: AppDeps): void {
  app.get(
    '/v1/stream',
    { websocket: true, schema: { summary: 'Interactive run over WebSocket (see docs/api.md)', tags: ['runs'] } },
    (socket: WebSocket, req) => {
      const send = (msg: object) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(msg));
      const fail = (e: unknown) => {
        const err = isAirlockError(e) ? e : new AirlockError('AIRLOCK_ERR_INTERNAL', `see the service log for request ${req.id}`);
        if (!isAirlockError(e)) req.log.error({ err: e }, 'stream failed');
        send({ type: 'error', error: { code: err.code, message: err.message, requestId: req.id } });
        socket.close(1008, err.code);
      };
      const stdin = new PassThrough();
      let stdinBytes = 0;
      let started = false;
      let runId: string | undefined;
      let ended = false;
      // `tty: true`: the program runs on a terminal of the box's own, of this size (resize messages change it).
      let terminal: TerminalSize | undefined;
      const chunk = (type: 'stdout' | 'stderr') => (b: Buffer) =>
        send(isUtf8(b) ? { type, data: b.toString('utf8'), encoding: 'utf8' } : { type, data: b.toString('base64'), encoding: 'base64' });

      // A run with tests reports each step of its judgement as it happens; the result follows as usual.
      const onJudge = (e: JudgeEvent) => {
        if (e.type === 'compile') send({ type: 'compile', compile: e.compile });
        else if (e.type === 'test') send({ type: 'test', test: testView(e.test) });
        else if (e.type === 'group') send({ type: 'group', group: e.group });
      };

      const start = async (body: unknown) => {
        if (!Value.Check(RunRequestSchema, body)) {
          const first = Value.Errors(RunRequestSchema, body).First();
          throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', `run${first?.path ?? ''} ${first?.message ?? 'is invalid'}`);
        }
        if (body.stdin !== undefined) throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'send stdin as stdin messages in a stream session');
        if (body.callbackUrl !== undefined) throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'a stream session has no callback URL');
        // A judged run feeds each test's input from a file: there is no one terminal to give it.
        if (terminal && (body.tests !== undefined || body.expectedOutput !== undefined))
          throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'tty is for a run without tests');
        const [run] = await service.submit([body], req.principal, {
          mode: 'stream',
          requestId: req.id,
          // "compiled" tells a client the program starts now (the page counts its wall time down from here).
          live: {
            stdin,
            onStdout: chunk('stdout'),
            onStderr: chunk('stderr'),
            onJudge,
            onCompiled: (c) => send({ type: 'compiled', status: c.status, wallTime: c.wallTime }),
            ...(terminal ? { terminal } : {}),
          },
        });
        runId = run!.id;
        send({ type: 'started', id: runId });
        const done = await service.wait(runId, (config.ceilings.wallTime + config.runs.syncTimeout) * 1000);
        ended = true;
        const err = endAsError(done);
        if (err) return fail(err);
        send({ type: 'result', run: toView(done) });
        socket.close(1000, 'done');
      };

      socket.on('message', (raw, isBinary) => {
        let msg: ClientMessage;
        try {
          if (isBinary) throw new Error('binary frame');
          msg = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.concat(raw as Buffer[]).toString('utf8')) as ClientMessage;
        } catch {
          return fail(new AirlockError('AIRLOCK_ERR_MALFORMED_JSON', 'each message is one JSON object'));
        }
        if (!started && msg.type !== 'start') return fail(new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'the first message must be {"type":"start"}'));
        try {
          switch (msg.type) {
            case 'start':
              if (started) throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'one run per session');
              started = true;
              if (msg.tty !== undefined && typeof msg.tty !== 'boolean') throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'tty must be true or false');
              if (msg.tty) terminal = new TerminalSize();
              start(msg.run).catch(fail);
              return;
            case 'stdin': {
              if (typeof msg.data !== 'string') throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'stdin data must be a string');
              const bytes = decodeField(msg.data, msg.encoding ?? 'utf8', 'stdin');
              stdinBytes += bytes.length;
              if (stdinBytes > config.runs.maxStdinBytes) throw new AirlockError('AIRLOCK_ERR_STDIN_TOO_LARGE', `more than ${config.runs.maxStdinBytes} bytes`);
              if (!stdin.writableEnded) stdin.write(bytes);
              return;
            }
            case 'eof':
              stdin.end();
              return;
            case 'cancel':
              if (runId) service.cancel(runId, req.principal).catch(() => {});
              return;
            case 'resize':
              if (!terminal) throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'resize is for a session started with tty: true');
              if (!Value.Check(ResizeMessageSchema, msg))
                throw new AirlockError(
                  'AIRLOCK_ERR_BAD_REQUEST',
                  `resize wants {"type":"resize","cols":N,"rows":N}, whole numbers from 1 to ${TERMINAL_MAX_SIDE}`,
                );
              terminal.resize(msg.cols, msg.rows);
              return;
            default:
              throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'type must be start, stdin, eof, cancel or resize');
          }
        } catch (e) {
          if (runId) service.cancel(runId, req.principal).catch(() => {});
          fail(e);
        }
      });
      socket.on('close', () => {
        stdin.end();
        // The client left: its box is of no use to anyone.
        if (runId && !ended) service.cancel(runId, req.principal).catch(() => {});
      });
    },
  );
}
