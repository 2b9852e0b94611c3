// A Jobe run_spec checked with Jobe's messages, as a native run; the result as Jobe's outcome codes.
import type { RunRequest } from '../../contracts/request.js';
import type { RunResult } from '../../contracts/result.js';
import { limitBounds } from '../../config/limit-bounds.js';
import type { Config } from '../../config/schema.js';
import type { RunRecord } from '../../store/types.js';
import { lossyText, stageBytes } from '../shared/output.js';
import type { FileCache, FileOwner } from './files.js';
import { jobeLanguage } from './languages.js';

/** Jobe refuses the request: its status and its message (sent as a JSON string). */
export class JobeError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}

/** Jobe's outcome codes. */
export const OUTCOME = { compile: 11, runtime: 12, time: 13, success: 15, memory: 17, syscall: 19, internal: 20, overload: 21 } as const;

const MB = 1024 * 1024;
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v)) ? Number(v) : undefined);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : []);

/** Check the POST body and build the native run; file_list entries are read from the caller's cache (404 if one is missing). */
export async function translateRunSpec(body: unknown, config: Readonly<Config>, cache: FileCache, owner: FileOwner): Promise<RunRequest> {
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
  const p = (run.parameters && typeof run.parameters === 'object' ? run.parameters : {}) as Record<string, unknown>;
  const cputime = num(p.cputime);
  if (cputime !== undefined && cputime > config.ceilings.cpuTime) throw new JobeError(`cputime exceeds maximum allowed on this Jobe server (${config.ceilings.cpuTime} secs)`);

  const files: { name: string; content: Buffer }[] = [{ name: typeof run.sourcefilename === 'string' ? run.sourcefilename : lang.source, content: Buffer.from(String(run.sourcecode), 'utf8') }];
  const list = run.file_list ?? [];
  if (!Array.isArray(list)) throw new JobeError('Invalid file specifier: file_list must be a list');
  for (const spec of list) {
    const ok = Array.isArray(spec) && (spec.length === 2 || spec.length === 3) && typeof spec[0] === 'string' && typeof spec[1] === 'string' &&
      /^[A-Za-z0-9]+$/.test(spec[0]) && /^[A-Za-z0-9._-]+$/.test(spec[1]);
    if (!ok) throw new JobeError(`Invalid file specifier: ${JSON.stringify(spec)}`);
    const content = await cache.get(owner, spec[0]);
    if (!content) throw new JobeError('One or more of the specified files is missing/unavailable', 404);
    files.push({ name: spec[1], content });
  }

  // Jobe's units: seconds and megabytes; 0 (or a missing value) keeps airlock's default. Jobe kills at twice the CPU time.
  // Above the server's ceiling a value is lowered to it (cputime excepted, as in Jobe); below the range a box can run
  // (limit-bounds.ts), or negative, it is refused with a message rather than failing the run.
  const sized = (name: string, key: 'memory' | 'output' | 'fileSize', v: number | undefined) => {
    if (!v) return {};
    const bytes = Math.floor(v * MB);
    const { minimum } = limitBounds[key];
    const least = minimum >= MB ? `${minimum / MB} MB` : `${minimum} byte${minimum === 1 ? '' : 's'}`;
    if (!(bytes >= minimum)) throw new JobeError(`${name} must be at least ${least} on this Jobe server`);
    return { [key]: Math.min(bytes, config.ceilings[key]) };
  };
  if (cputime && !(cputime >= limitBounds.cpuTime.minimum)) throw new JobeError(`cputime must be at least ${limitBounds.cpuTime.minimum} secs on this Jobe server`);
  const procs = num(p.numprocs);
  if (procs && !(Math.floor(procs) >= limitBounds.processes.minimum)) throw new JobeError(`numprocs must be at least ${limitBounds.processes.minimum} on this Jobe server`);
  const limits = {
    ...(cputime ? { cpuTime: cputime, wallTime: Math.min(2 * cputime, config.ceilings.wallTime) } : {}),
    ...sized('memorylimit', 'memory', num(p.memorylimit)),
    ...sized('streamsize', 'output', num(p.streamsize)),
    ...sized('disklimit', 'fileSize', num(p.disklimit)),
    ...(procs ? { processes: Math.min(Math.floor(procs), config.ceilings.processes) } : {}),
  };
  const compileOptions = [...strings(p.compileargs), ...strings(p.linkargs)];
  const args = strings(p.runargs);
  return {
    language: lang.id,
    encoding: 'base64',
    files: files.map((f) => ({ name: f.name, content: f.content.toString('base64') })),
    ...(typeof run.input === 'string' && run.input ? { stdin: Buffer.from(run.input, 'utf8').toString('base64') } : {}),
    ...(args.length ? { args } : {}),
    ...(compileOptions.length && lang.compile ? { compileOptions } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
    outputEncoding: 'base64',
  };
}

/** A finished (or failed) run as Jobe's result object. */
export function jobeResult(run: RunRecord): { run_id: null; outcome: number; cmpinfo: string; stdout: string; stderr: string } {
  const r: RunResult | null = run.result;
  if (!r) return { run_id: null, outcome: OUTCOME.internal, cmpinfo: '', stdout: '', stderr: run.error ?? `the run ended ${run.state}` };
  const { stdout, stderr } = stageBytes(r, r.encoding);
  if (r.status === 'CE') {
    const c = r.compile ? stageBytes(r.compile, r.encoding) : { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };
    const info = Buffer.concat([c.stdout, c.stderr]);
    return { run_id: null, outcome: OUTCOME.compile, cmpinfo: lossyText(info.length ? info : Buffer.from(r.message)), stdout: '', stderr: '' };
  }
  const outcome = { OK: OUTCOME.success, RE: OUTCOME.runtime, TLE: OUTCOME.time, MLE: OUTCOME.memory, SV: OUTCOME.syscall, OLE: OUTCOME.runtime, IE: OUTCOME.internal }[r.status] ?? OUTCOME.internal;
  // Jobe has no message field: the reason for an output cap or an internal error goes at the end of stderr.
  const why = r.status === 'OLE' || r.status === 'IE' ? `\n${r.message}\n` : '';
  return { run_id: null, outcome, cmpinfo: '', stdout: lossyText(stdout), stderr: lossyText(stderr) + why };
}
