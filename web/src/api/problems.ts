// Problems and submissions (docs/api.md, "Problems and submissions"): list, read, submit, follow live.
import { api, ApiError, apiUrl } from './client.js';
import type { CompileInfo, GroupResult, Problem, ProblemSummary, Submission, TestResult } from './types.js';

const enc = encodeURIComponent;

/** GET /v1/problems. */
export async function listProblems(): Promise<ProblemSummary[]> {
  return (await api<{ problems: ProblemSummary[] }>('v1/problems')).body.problems;
}

/** GET /v1/problems/:id. */
export async function getProblem(id: string): Promise<Problem> {
  return (await api<Problem>(`v1/problems/${enc(id)}`)).body;
}

/** POST /v1/problems/:id/submissions: the accepted submission (queued). */
export async function submit(problem: string, language: string, source: string): Promise<Submission> {
  return (await api<Submission>(`v1/problems/${enc(problem)}/submissions`, { body: { language, source } })).body;
}

/** GET /v1/submissions/:id. */
export async function getSubmission(id: string): Promise<Submission> {
  return (await api<Submission>(`v1/submissions/${enc(id)}`)).body;
}

/** DELETE /v1/submissions/:id: cancel a submission being judged. */
export async function cancelSubmission(id: string): Promise<void> {
  await api(`v1/submissions/${enc(id)}`, { method: 'DELETE' });
}

/** What following a submission reports, in order. */
export interface SubmissionHandlers {
  /** The stream (re)started: events from the first are replayed next, so forget what was shown. */
  reset(): void;
  compile(c: CompileInfo): void;
  test(t: TestResult): void;
  group(g: GroupResult): void;
  done(s: Submission): void;
  error(e: ApiError): void;
  /** The connection was lost (false: trying again) or is back (true). */
  connection?(ok: boolean): void;
}

/** Failures worth trying again: the service unreachable, restarting, or a proxy in between failing. */
const transient = (e: ApiError) => e.code === 'AIRLOCK_WEB_NETWORK' || e.code === 'AIRLOCK_ERR_SHUTTING_DOWN' || e.status >= 500;

/** An event's payload: the object itself, or wrapped under its event's name ({test: {...}}). */
function payload<T>(ev: MessageEvent, name: string): T | undefined {
  try {
    const data = JSON.parse(String(ev.data)) as Record<string, unknown>;
    return ((data[name] && typeof data[name] === 'object' ? data[name] : data) as T) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Follow a submission over Server-Sent Events until `done`. The first connection replays every stored event.
 * A reconnection sends Last-Event-ID and should get only what came after; events it gets again anyway are
 * skipped by their ids, so the view is kept. A server without event ids replays everything, so then each
 * (re)open resets the view. If the stream cannot be had, poll instead.
 * Returns a function that stops following.
 */
export function followSubmission(id: string, on: SubmissionHandlers): () => void {
  let stopped = false;
  let opened = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const source = new EventSource(apiUrl(`v1/submissions/${enc(id)}/events`));
  const stop = () => {
    stopped = true;
    source.close();
    clearTimeout(timer);
  };
  const finish = (s: Submission) => {
    stop();
    on.done(s);
  };
  let withIds = false;
  let attempt = -1;
  let seq = -1;
  let lost = false;
  const connected = (ok: boolean) => {
    if (ok === !lost) return;
    lost = !ok;
    on.connection?.(ok);
  };
  source.addEventListener('open', () => {
    if (!opened || !withIds) on.reset();
    opened = true;
    connected(true);
  });
  /**
   * Whether an event is new. Ids are "attempt-seq": a reconnection that replays what was already shown is
   * skipped event by event, and a new attempt (judging started again after a restart) replaces the old one.
   */
  const fresh = (ev: MessageEvent): boolean => {
    const m = /^(\d+)-(\d+)$/.exec(ev.lastEventId);
    if (!m) return true;
    withIds = true;
    const [a, n] = [Number(m[1]), Number(m[2])];
    if (a > attempt) {
      if (attempt !== -1) on.reset();
      attempt = a;
      seq = -1;
    }
    if (a < attempt || n <= seq) return false;
    seq = n;
    return true;
  };
  source.addEventListener('compile', (ev) => {
    if (!fresh(ev)) return;
    const c = payload<CompileInfo>(ev, 'compile');
    if (c) on.compile(c);
  });
  source.addEventListener('test', (ev) => {
    if (!fresh(ev)) return;
    const t = payload<TestResult>(ev, 'test');
    if (t) on.test(t);
  });
  source.addEventListener('group', (ev) => {
    if (!fresh(ev)) return;
    const g = payload<GroupResult>(ev, 'group');
    if (g) on.group(g);
  });
  source.addEventListener('done', (ev) => {
    const s = payload<Submission>(ev, 'submission');
    // The done event carries the whole submission; if it does not parse, read it.
    if (s && Array.isArray(s.tests)) finish(s);
    else getSubmission(id).then(finish, (e: ApiError) => (stop(), on.error(e)));
  });
  /**
   * Poll the submission (no event stream to be had): its tests so far, until it ends. A service that does not
   * answer is asked again, saying so, rather than left as an endless "Judging…" or given up on.
   */
  const poll = (): Promise<void> =>
    getSubmission(id).then(
      (s) => {
        if (stopped) return;
        connected(true);
        if (s.state === 'queued' || s.state === 'running') {
          on.reset();
          for (const t of s.tests ?? []) on.test(t);
          timer = setTimeout(() => void poll(), 1000);
        } else finish(s);
      },
      (e: ApiError) => {
        if (stopped) return;
        if (!transient(e)) return (stop(), on.error(e));
        connected(false);
        timer = setTimeout(() => void poll(), 2000);
      },
    );
  source.addEventListener('error', () => {
    if (stopped) return;
    // A drop after the stream opened: EventSource reconnects by itself and replay covers the gap; meanwhile the
    // page says the connection is being made again. Once it gives up (an HTTP error), polling takes over.
    if (opened && source.readyState !== EventSource.CLOSED) return connected(false);
    // Never opened (no SSE route, a proxy that buffers), or given up: poll the submission instead.
    source.close();
    void poll();
  });
  return stop;
}
