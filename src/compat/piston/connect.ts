// Piston's WebSocket /api/v2/connect: init, then stdin as data messages and signals; stage, data, exit back.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { WebSocket } from 'ws';
import type { AppDeps } from '../../api/types.js';
import type { StageResult } from '../../engine/stage.js';
import { isAirlockError } from '../../errors.js';
import type { Principal } from '../../auth/types.js';
import { PistonError, translateJob } from './request.js';
import { isSignalName, signalName } from './signals.js';

/** Piston's close codes and reasons, as its server words them (clients show the reason). */
const CLOSE = {
  alreadyInitialized: [4000, 'Already Initialized'],
  initTimeout: [4001, 'Initialization Timeout'],
  notifiedError: [4002, 'Notified Error'],
  notInitialized: [4003, 'Not yet initialized'],
  onlyStdin: [4004, 'Can only write to stdin'],
  invalidSignal: [4005, 'Invalid signal'],
  completed: [4999, 'Job Completed'],
} as const;

/** Register GET /connect (under the Piston prefix). */
export function connectRoute(scope: FastifyInstance, deps: AppDeps, auth: (req: FastifyRequest) => Promise<Principal>): void {
  const { service, config } = deps;
  scope.get(
    '/connect',
    { websocket: true, schema: { tags: ['piston'], summary: 'Piston: interactive execution over WebSocket' } },
    (socket: WebSocket, req) => {
      const send = (msg: object) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(msg));
      const close = ([code, reason]: readonly [number, string]) => socket.readyState === socket.OPEN && socket.close(code, reason);
      const stdin = new PassThrough();
      let state: 'waiting' | 'starting' | 'running' | 'ended' = 'waiting';
      let runId: string | undefined;
      let who: Principal | undefined;
      let signalled: string | undefined;
      const fail = (message: string) => {
        send({ type: 'error', message });
        close(CLOSE.notifiedError);
      };
      const timer = setTimeout(() => state === 'waiting' && close(CLOSE.initTimeout), 1000);

      const init = async (msg: Record<string, unknown>) => {
        who = await auth(req);
        const { run, runtime } = await translateJob(msg, config, false);
        send({ type: 'runtime', language: runtime.language, version: runtime.version });
        const compiled = !!runtime.lang.compile;
        send({ type: 'stage', stage: compiled ? 'compile' : 'run' });
        // Text frames: a decoder per stream keeps UTF-8 characters whole across chunk boundaries.
        const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
        const data = (stream: 'stdout' | 'stderr') => (b: Buffer) => {
          const text = decoders[stream].write(b);
          if (text) send({ type: 'data', stream, data: text });
        };
        const onCompiled = (c: StageResult) => {
          if (c.stdout.length) send({ type: 'data', stream: 'stdout', data: c.stdout.toString('utf8') });
          if (c.stderr.length) send({ type: 'data', stream: 'stderr', data: c.stderr.toString('utf8') });
          send({ type: 'exit', stage: 'compile', code: c.signal ? null : c.exitCode, signal: signalName(c.signal) });
          if (c.status === 'OK') send({ type: 'stage', stage: 'run' });
        };
        const live = { stdin, onStdout: data('stdout'), onStderr: data('stderr'), onCompiled };
        const [created] = await service.submit([run], who, { mode: 'stream', requestId: req.id, live, compat: [{ api: 'piston' }] });
        runId = created!.id;
        state = 'running';
        const done = await service.wait(runId, (config.ceilings.wallTime + config.ceilings.cpuTime + config.runs.syncTimeout) * 1000);
        state = 'ended';
        const r = done.result;
        if (!r && done.state === 'cancelled' && signalled) {
          // The client's signal ended the job: that is its normal end, as in Piston.
          send({ type: 'exit', stage: 'run', code: null, signal: signalled });
          return close(CLOSE.completed);
        }
        if (!r) return fail(done.state === 'cancelled' ? 'the job was killed' : (done.error ?? `the job ended ${done.state}`));
        for (const stream of ['stdout', 'stderr'] as const) {
          const rest = decoders[stream].end();
          if (rest) send({ type: 'data', stream, data: rest });
        }
        if (r.status !== 'CE') {
          const killed = ['TLE', 'MLE', 'OLE'].includes(r.status);
          send({
            type: 'exit',
            stage: 'run',
            code: r.signal || killed ? null : r.exitCode,
            signal: killed ? 'SIGKILL' : signalName(r.signal),
            ...(r.status !== 'OK' && r.status !== 'RE' ? { message: r.message } : {}),
          });
        }
        close(CLOSE.completed);
      };

      socket.on('message', (raw, isBinary) => {
        let msg: Record<string, unknown>;
        try {
          if (isBinary) throw new Error('binary');
          const bytes = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
          msg = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
          if (!msg || typeof msg !== 'object') throw new Error('not an object');
        } catch {
          return fail('Invalid JSON message');
        }
        if (msg.type === 'init') {
          if (state !== 'waiting') return close(CLOSE.alreadyInitialized);
          state = 'starting';
          clearTimeout(timer);
          init(msg).catch((e) => {
            state = 'ended';
            if (runId && who) service.cancel(runId, who).catch(() => {});
            if (e instanceof PistonError || isAirlockError(e)) return fail(e.message);
            req.log.error({ err: e }, 'piston connect failed');
            fail(`internal error; see the service log for request ${req.id}`);
          });
          return;
        }
        // Piston ignores a message of any other type, before init or after.
        if (msg.type !== 'data' && msg.type !== 'signal') return;
        if (state === 'waiting') return close(CLOSE.notInitialized);
        if (msg.type === 'data') {
          if (msg.stream !== 'stdin' || typeof msg.data !== 'string') return close(CLOSE.onlyStdin);
          if (!stdin.writableEnded) stdin.write(Buffer.from(msg.data, 'utf8'));
          return;
        }
        if (!isSignalName(msg.signal)) return close(CLOSE.invalidSignal);
        // airlock kills the whole box for any signal (see docs/compat.md).
        signalled = msg.signal;
        if (runId && who) service.cancel(runId, who).catch(() => {});
      });
      socket.on('close', () => {
        clearTimeout(timer);
        stdin.end();
        if (runId && who && state !== 'ended') service.cancel(runId, who).catch(() => {});
      });
    },
  );
}
