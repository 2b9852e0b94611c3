// JSON over HTTP to the service, with every failure turned into an ApiError the page can explain.

/** An error the API answered ({error: {code, message, requestId}}), or one on the way to it. */
export class ApiError extends Error {
  constructor(
    /** AIRLOCK_ERR_* from the API, or AIRLOCK_WEB_* for failures before an answer. */
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly requestId = '',
    /** Seconds from Retry-After on a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** The page's base URL; a worker, which has no document, is told it (setApiBase). */
let base = typeof document === 'undefined' ? '' : document.baseURI;

/** Set the base URL that API paths are relative to (in a worker: the page's). */
export function setApiBase(url: string): void {
  base = url;
}

/** A URL relative to the page, so the page works under any prefix a proxy mounts it at. */
export function apiUrl(path: string): string {
  return new URL(path, base).href;
}

/** Call the API; resolves with the parsed body and status of a 2xx answer, rejects with ApiError otherwise. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<{ status: number; body: T }> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? null : JSON.stringify(init.body),
      signal: init.signal ?? null,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw new ApiError('AIRLOCK_WEB_ABORTED', 'Stopped.');
    throw new ApiError('AIRLOCK_WEB_NETWORK', 'The service did not answer.');
  }
  const text = await res.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page, say: keep the status, say what came back.
  }
  if (res.ok) return { status: res.status, body: body as T };
  const err = (body as { error?: { code?: string; message?: string; requestId?: string } } | null)?.error;
  const retry = Number(res.headers.get('retry-after'));
  throw new ApiError(
    err?.code ?? 'AIRLOCK_WEB_HTTP',
    err?.message ?? `The service answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`,
    res.status,
    err?.requestId ?? res.headers.get('x-request-id') ?? '',
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}
