// A Jobe run_spec checked with Jobe's messages, as a native run plus what the Jobe answer needs to remember.
import type { RunRequest } from '../../contracts/request.js';
import type { Config } from '../../config/schema.js';
import { mainFileName } from '../../languages/source.js';
import { JobeError } from './errors.js';
import type { FileCache, FileOwner } from './files.js';
import { jobeLanguage } from './languages.js';
import { jobeParams } from './params.js';

export { JobeError } from './errors.js';

/** Kept with the run (the stored spec's compat): the dialect's name, and where the answer cuts each stream. */
export interface JobeCompat {
  [key: string]: unknown;
  api: 'jobe';
  streamBytes: number;
}

/** Jobe's file ids in a file_list: letters and digits, at least 8 of them (Jobe's MIN_FILE_IDENTIFIER_SIZE). */
const LIST_ID = /^[A-Za-z0-9]{8,}$/;

/** Check the POST body and build the native run; file_list entries are read from the caller's cache (404 if one is missing). */
export async function translateRunSpec(
  body: unknown,
  config: Readonly<Config>,
  cache: FileCache,
  owner: FileOwner,
): Promise<{ request: RunRequest; compat: JobeCompat }> {
  if (!body || typeof body !== 'object') throw new JobeError('Non-JSON post data received');
  const run = (body as { run_spec?: unknown }).run_spec as Record<string, unknown> | undefined;
  if (!run || typeof run !== 'object') throw new JobeError('No run_spec attribute found in post data');
  for (const attr of ['sourcecode', 'language_id']) {
    if (run[attr] === undefined || run[attr] === null) throw new JobeError(`run_spec is missing the required attribute '${attr}'`);
  }
  const lang = jobeLanguage(String(run.language_id));
  if (!lang) throw new JobeError(`Language '${String(run.language_id)}' is not known`);
  if (run.sourcefilename !== undefined && (typeof run.sourcefilename !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(run.sourcefilename))) {
    throw new JobeError('The sourcefilename for the run_spec is illegal');
  }
  const params = jobeParams(run.parameters, lang, config);

  const list = run.file_list ?? [];
  if (!Array.isArray(list)) throw new JobeError('Invalid file specifier: file_list must be a list');
  for (const spec of list) {
    const ok =
      Array.isArray(spec) &&
      (spec.length === 2 || spec.length === 3) &&
      typeof spec[0] === 'string' &&
      typeof spec[1] === 'string' &&
      LIST_ID.test(spec[0]) &&
      /^[A-Za-z0-9._-]+$/.test(spec[1]);
    if (!ok) throw new JobeError(`Invalid file specifier: ${JSON.stringify(spec)}`);
  }
  // Jobe writes the program, then each cached file over whatever has its name: the last one named alike wins,
  // the program's own name included.
  const mainName = typeof run.sourcefilename === 'string' ? run.sourcefilename : lang.source;
  const files = new Map<string, Buffer>([[mainName, Buffer.from(String(run.sourcecode), 'utf8')]]);
  for (const [id, name] of list as [string, string][]) {
    const content = await cache.get(owner, id);
    if (!content) throw new JobeError('One or more of the specified files is missing/unavailable', 404);
    files.set(name, content);
  }

  // The box places the program under the language's name (main.py, Java's public class): a cached file with that name
  // cannot sit next to it. Refused as the caller's request (400 naming the file), never an internal error (outcome 20).
  const placed = mainFileName(lang, files.get(mainName)!).toLowerCase();
  const clash = [...files.keys()].find((n) => n !== mainName && n.toLowerCase() === placed);
  if (clash) throw new JobeError(`The file name '${clash}' is reserved for the program on this Jobe server`);

  const request: RunRequest = {
    language: lang.id,
    encoding: 'base64',
    files: [...files].map(([name, content]) => ({ name, content: content.toString('base64') })),
    ...(typeof run.input === 'string' && run.input ? { stdin: Buffer.from(run.input, 'utf8').toString('base64') } : {}),
    ...(params.args.length ? { args: params.args } : {}),
    ...(params.compileOptions.length && lang.compile ? { compileOptions: params.compileOptions } : {}),
    ...(Object.keys(params.limits).length ? { limits: params.limits } : {}),
    outputEncoding: 'base64',
  };
  return { request, compat: { api: 'jobe', streamBytes: params.streamBytes } };
}
