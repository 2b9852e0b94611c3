// A Jobe client for the tests: real HTTP requests shaped as Jobe's own clients send them (JSON body, X-API-KEY).
import type { App } from '../../src/api/types.js';

/** CodeRunner's default Jobe key (its settings' default value), sent by every CodeRunner site that kept it. */
export const CODERUNNER_KEY = '2AAA7A5415B4A9B394B54BF1D2E9D';

/** A Jobe result object. */
export interface JobeAnswer {
  run_id: null;
  outcome: number;
  cmpinfo: string;
  stdout: string;
  stderr: string;
}

/** The API's base URL once the app listens. */
export async function jobeBase(app: App): Promise<string> {
  return `${await app.listen({ port: 0, host: '127.0.0.1' })}/jobe/index.php/restapi`;
}

/** Requests to one Jobe base URL with the given key header (none when key is undefined). */
export function jobeClient(base: string, key: string | undefined) {
  const request = async (method: string, path: string, body?: object, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        ...(key !== undefined ? { 'x-api-key': key } : {}),
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  return {
    request,
    /** POST a run_spec (to "runs/", as testsubmit.py does, unless told otherwise). */
    async run(run_spec: object, path = '/runs/'): Promise<{ status: number; body: JobeAnswer }> {
      const r = await request('POST', path, { run_spec });
      return { status: r.status, body: r.body as JobeAnswer };
    },
    /** PUT a file's text in the cache, as base64 (Jobe's file_contents). */
    async put(id: string, text: string): Promise<number> {
      return (await request('PUT', `/files/${id}`, { file_contents: Buffer.from(text, 'utf8').toString('base64') })).status;
    },
  };
}
