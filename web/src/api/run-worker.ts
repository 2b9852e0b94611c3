// A batch run done off the page's main thread: the request, the wait, and above all reading the answer, which holds
// up to 16 MiB per stream (the output cap). Parsing that JSON and decoding it takes the main thread hundreds of
// milliseconds, so it happens here; the page gets the result with each big output cut to its head and tail, and
// the whole as a Blob (handed over by reference, not copied).
import { cut, type Cut } from './big-output.js';
import { ApiError, setApiBase } from './client.js';
import { runProgram } from './runs.js';
import type { Run, RunRequest } from './types.js';

/** What the page sends: a run to make (with the page's base URL), or stop it. */
export type WorkerRequest = { type: 'run'; base: string; req: RunRequest } | { type: 'abort' };

/** What comes back: the run, its big outputs cut, or the error as ApiError's fields. */
export type WorkerAnswer =
  | { ok: true; run: Run; cuts: Partial<Record<'stdout' | 'stderr' | 'compile', Cut>> }
  | { ok: false; error: { code: string; message: string; status: number; requestId: string; retryAfter?: number } };

/** base64 output (not valid UTF-8) as text with replacement characters. */
const decode = (text: string) => new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));

const ctrl = new AbortController();
const post = (a: WorkerAnswer) => (self as unknown as Worker).postMessage(a);

self.addEventListener('message', (ev: MessageEvent<WorkerRequest>) => {
  const m = ev.data;
  if (m.type === 'abort') return ctrl.abort();
  setApiBase(m.base);
  runProgram(m.req, ctrl.signal).then(
    (run) => {
      const cuts: Partial<Record<'stdout' | 'stderr' | 'compile', Cut>> = {};
      const r = run.result;
      if (r) {
        const text = (t: string) => (r.encoding === 'base64' ? decode(t) : t);
        const [stdout, stderr] = [text(r.stdout), text(r.stderr)];
        const compile = r.compile ? [text(r.compile.stdout), text(r.compile.stderr)].filter(Boolean).join('\n') : '';
        for (const [k, t] of [
          ['stdout', stdout],
          ['stderr', stderr],
          ['compile', compile],
        ] as const) {
          const c = cut(t);
          if (c) cuts[k] = c;
        }
        // The page gets text: decoded, and only the parts it shows of what was cut.
        r.stdout = cuts.stdout ? '' : stdout;
        r.stderr = cuts.stderr ? '' : stderr;
        if (r.compile) [r.compile.stdout, r.compile.stderr] = cuts.compile ? ['', ''] : [compile, ''];
        r.lossy = r.encoding === 'base64';
        r.encoding = 'utf8';
      }
      post({ ok: true, run, cuts });
    },
    (e: unknown) => {
      const err = e instanceof ApiError ? e : new ApiError('AIRLOCK_WEB_HTTP', e instanceof Error ? e.message : String(e));
      post({
        ok: false,
        error: {
          code: err.code,
          message: err.message,
          status: err.status,
          requestId: err.requestId,
          ...(err.retryAfter ? { retryAfter: err.retryAfter } : {}),
        },
      });
    },
  );
});
