// One HTTP exchange of the hostile soak, tallied: the status, the stable code of a refusal, and a transport failure
// kept apart from an answer.
import type { Tally } from './hostile-tally.js';

/** An answer: status, body text and parsed JSON (undefined when it is not JSON). */
export interface Answer {
  status: number;
  text: string;
  json: unknown;
}

/** The stable code of a refusal: airlock's AIRLOCK_ERR_* in /v1, else the compatibility API's own error shape. */
function codeOf(status: number, json: unknown, text: string): string | undefined {
  if (status < 400) return undefined;
  const native = (json as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (typeof native === 'string') return native;
  // Judge0's 422 names the attribute, Piston's {message} and Jobe's quoted string are their APIs' shapes.
  if (json && typeof json === 'object') return `${status} ${Object.keys(json).sort().join(',')}`;
  return text ? `${status} text` : undefined;
}

/**
 * Send one request and tally it under `kind`; undefined on a transport failure (tallied too). A 4xx without a code
 * of its API is tallied as unexpected: every refusal must say which rule it applied.
 */
export async function send(
  tally: Tally,
  kind: string,
  url: string,
  init: { method?: string; body?: unknown; raw?: Buffer; type?: string; timeoutMs?: number } = {},
): Promise<Answer | undefined> {
  const body = init.raw ? new Uint8Array(init.raw) : init.body === undefined ? undefined : JSON.stringify(init.body);
  try {
    const res = await fetch(url, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      ...(body === undefined ? {} : { body, headers: { 'content-type': init.type ?? 'application/json' } }),
      signal: AbortSignal.timeout(init.timeoutMs ?? 120_000),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const code = codeOf(res.status, json, text);
    tally.answer(kind, res.status, code, text);
    if (res.status >= 400 && res.status < 500 && !code) tally.wrong(kind, `HTTP ${res.status} without an error code: ${text.slice(0, 200)}`);
    return { status: res.status, text, json };
  } catch (e) {
    tally.transport(kind, `${init.method ?? 'POST'} ${url}: ${(e as Error).message}`);
    return undefined;
  }
}
