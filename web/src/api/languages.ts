// The server's languages, fetched once per page load.
import { api } from './client.js';
import type { Language } from './types.js';

let cached: Promise<Language[]> | undefined;

/** GET /v1/languages, shared by every view; a failure is retried on the next call. */
export function getLanguages(): Promise<Language[]> {
  cached ??= api<{ languages: Language[] }>('v1/languages').then(
    (r) => r.body.languages,
    (e) => {
      cached = undefined;
      throw e;
    },
  );
  return cached;
}

/** "Python 3 (3.11.2)" for the picker. */
export function languageLabel(l: Language): string {
  return l.version ? `${l.name} (${l.version})` : l.name;
}
