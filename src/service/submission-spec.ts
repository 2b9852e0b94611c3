// A submission request turned into a checked, persistable spec, and back into what the judge takes.
import type { SubmissionRequest } from '../contracts/submission.js';
import type { Config, Policy } from '../config/schema.js';
import { AirlockError } from '../errors.js';
import type { Submission } from '../judge/index.js';
import { getLanguage, languageForFile } from '../languages/registry.js';
import type { SubmissionSpec } from '../store/problem-types.js';
import { allowedLanguage, checkArgs, decodeSources } from './sources.js';

/** Check a submission completely (an accepted one never fails later on the caller's mistake) and build its spec. */
export function toSubmissionSpec(body: SubmissionRequest, config: Readonly<Config>, policy: Policy): SubmissionSpec {
  if (body.source !== undefined && body.language === undefined) {
    throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'a source needs its language (files tell theirs by their extension)');
  }
  const given = body.language !== undefined ? getLanguage(body.language) : undefined;
  const files = decodeSources(body, body.encoding ?? 'utf8', config.runs.maxSourceBytes, () => given!.source);
  const lang = allowedLanguage(given ?? languageForFile(body.main ?? files[0]!.name), policy);
  checkArgs(body.compileOptions ?? []);
  return {
    language: lang.id,
    files: files.map((f) => ({ name: f.name, content: f.content.toString('base64') })),
    ...(body.main !== undefined ? { main: body.main } : {}),
    ...(body.compileOptions ? { compileOptions: body.compileOptions } : {}),
  };
}

/** What the judge takes for a stored spec. */
export function toJudged(spec: SubmissionSpec): Submission {
  return {
    language: spec.language,
    files: spec.files.map((f) => ({ name: f.name, content: Buffer.from(f.content, 'base64') })),
    ...(spec.main !== undefined ? { main: spec.main } : {}),
    ...(spec.compileOptions ? { compileOptions: spec.compileOptions } : {}),
  };
}
