// GET /v1/submissions/:id/events: Server-Sent Events. The stored events are sent first (a late client sees every
// step), then new ones as they are stored, and "done" (the whole submission) last, after which the stream ends.
import type { ServerResponse } from 'node:http';
import type { SubmissionEvent } from '../../store/problem-types.js';
import { toViewNow } from '../views/submission-now.js';
import { ErrorSchema, IdParamsSchema } from '../../contracts/run.js';
import type { App, AppDeps } from '../types.js';

/** How often a stream reads the store without being woken (a worker on another machine), and sends a keep-alive. */
const POLL_MS = 1000;
const KEEPALIVE_TICKS = 15;

/** Where a client is: "attempt-seq" of the last event it got (the Last-Event-ID header on a reconnect). */
interface Cursor {
  attempt: number;
  seq: number;
}

/** Register the event stream route. */
export function submissionEventRoutes(app: App, { judging }: AppDeps): void {
  const { submissions, problemStore: store, bus } = judging;
  const open = new Set<() => void>();
  // Streams never end on their own while a submission waits; a closing server ends them so it can close.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(
    '/v1/submissions/:id/events',
    {
      schema: {
        summary: 'Server-Sent Events: compile, test (each as it finishes), group, then done (the whole submission); stored events are replayed first',
        tags: ['submissions'],
        params: IdParamsSchema,
        response: { 401: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (req, reply) => {
      const first = await submissions.get(req.params.id, req.principal);
      const id = first.id;
      reply.hijack();
      const res: ServerResponse = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // nginx would buffer the stream otherwise.
        'x-accel-buffering': 'no',
        'x-request-id': String(req.id),
      });
      res.write('retry: 2000\n\n');
      let cursor: Cursor = lastEventId(req.headers['last-event-id']) ?? { attempt: first.attempts, seq: 0 };
      let busy = false;
      let again = false;
      let ended = false;
      let ticks = 0;
      const end = () => {
        if (ended) return;
        ended = true;
        off();
        clearInterval(timer);
        open.delete(end);
        res.end();
      };
      const send = (e: Pick<SubmissionEvent, 'attempt' | 'seq' | 'type'>, data: unknown) => {
        res.write(`id: ${e.attempt}-${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      // One reader at a time, in order; a wake-up during a read makes it read again.
      const pump = async () => {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        try {
          do {
            again = false;
            const now = await store.getSubmission(id);
            if (!now) return end(); // purged meanwhile
            // A restart judges again from the start: its events replace the interrupted attempt's.
            if (now.attempts !== cursor.attempt) cursor = { attempt: now.attempts, seq: 0 };
            for (const e of await store.submissionEvents(id, cursor.seq)) {
              if (ended) return;
              if (e.attempt !== cursor.attempt) {
                again = true;
                break;
              }
              cursor = { attempt: e.attempt, seq: e.seq };
              if (e.type !== 'done') {
                send(e, e.data);
                continue;
              }
              send(e, await toViewNow(store, (await store.getSubmission(id)) ?? now));
              return end();
            }
          } while (again && !ended);
        } catch (err) {
          req.log.error({ err }, 'submission event stream failed');
          end();
        } finally {
          busy = false;
        }
      };
      const off = bus.on(id, () => void pump());
      const timer = setInterval(() => {
        if (++ticks % KEEPALIVE_TICKS === 0) res.write(': keep-alive\n\n');
        void pump();
      }, POLL_MS);
      open.add(end);
      res.on('close', end);
      await pump();
    },
  );
}

/** "3-12" as a cursor; anything else starts from the beginning. */
function lastEventId(h: string | string[] | undefined): Cursor | undefined {
  const m = typeof h === 'string' ? /^(\d{1,9})-(\d{1,9})$/.exec(h.trim()) : null;
  return m ? { attempt: Number(m[1]), seq: Number(m[2]) } : undefined;
}
