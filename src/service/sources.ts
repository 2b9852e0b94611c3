// The program a caller sends (a run's or a submission's): its language and its files, decoded and checked.
import type { Policy } from '../config/schema.js';
import { type SourceFile, validateFiles } from '../engine/files.js';
import { AirlockError } from '../errors.js';
import { isInstalled } from '../languages/registry.js';
import type { Language } from '../languages/types.js';
import { decodeField } from './text.js';

/** The fields that carry a program. */
export interface SourceFields {
  source?: string;
  files?: Array<{ name: string; content: string; encoding?: 'utf8' | 'base64' }>;
  main?: string;
}

/** A language this key may use and this host has. */
export function allowedLanguage(lang: Language, policy: Policy): Language {
  if (policy.languages && !policy.languages.includes(lang.id)) throw new AirlockError('AIRLOCK_ERR_FORBIDDEN', `language ${lang.id}`);
  if (!isInstalled(lang)) throw new AirlockError('AIRLOCK_ERR_LANGUAGE_NOT_INSTALLED', lang.id);
  return lang;
}

/** `source` (stored under `sourceName`) or `files`, decoded, within `maxBytes`, with safe names; `main` among them. */
export function decodeSources(body: SourceFields, encoding: 'utf8' | 'base64', maxBytes: number, sourceName: () => string): SourceFile[] {
  if ((body.source === undefined) === (body.files === undefined)) throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'give either source or files');
  const files = body.files
    ? body.files.map((f, i) => ({ name: f.name, content: decodeField(f.content, f.encoding ?? encoding, `files[${i}].content`) }))
    : [{ name: sourceName(), content: decodeField(body.source!, encoding, 'source') }];
  const total = files.reduce((n, f) => n + f.content.length, 0);
  if (total === 0) throw new AirlockError('AIRLOCK_ERR_EMPTY_SOURCE');
  if (total > maxBytes) throw new AirlockError('AIRLOCK_ERR_SOURCE_TOO_LARGE', `${total} bytes, at most ${maxBytes}`);
  validateFiles(files);
  if (body.main !== undefined && !files.some((f) => f.name === body.main)) {
    throw new AirlockError('AIRLOCK_ERR_BAD_FILE_NAME', `main file ${JSON.stringify(body.main)} is not among the files`);
  }
  return files;
}

/** Arguments and compiler options are argv elements. */
export function checkArgs(args: string[]): void {
  if (args.some((a) => a.includes('\0'))) throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', 'arguments must not contain NUL bytes');
}
