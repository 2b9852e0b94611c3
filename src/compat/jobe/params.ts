// A run_spec's `parameters` in Jobe's units (seconds, MB, a process count) as airlock limits and compiler options.
import { limitBounds } from '../../config/limit-bounds.js';
import type { Config, Limits } from '../../config/schema.js';
import { jobeDefaultCompileArgs } from '../../languages/dialects/jobe.js';
import type { Language } from '../../languages/types.js';
import { defaultRunLimits } from '../../sandbox/limits.js';
import { JobeError } from './errors.js';
import { DEFAULT_STREAM_BYTES, streamBytes } from './text.js';

const MB = 1024 * 1024;

/** Jobe raises a Java run's numprocs to 256 (JavaTask): the JVM's threads count as processes. */
const NUMPROCS_FLOOR: Record<string, number> = { java: 256 };

const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v)) ? Number(v) : undefined);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : undefined);

/** What the parameters come to: the run's limits, the compiler's options, and where each output stream is cut. */
export interface JobeParams {
  limits: Limits;
  compileOptions: string[];
  args: string[];
  streamBytes: number;
}

/**
 * Check and translate. 0 or absent keeps airlock's default, as Jobe's 0 means its default; above the server's ceiling
 * a value is lowered to it, except cputime above Jobe's maximum (jobe.maxCpuTime), refused as Jobe refuses it; below
 * what a box can run, or negative, a value is refused with a message rather than failing the run.
 */
export function jobeParams(raw: unknown, lang: Language, config: Readonly<Config>): JobeParams {
  const p = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const cputime = num(p.cputime);
  if (cputime !== undefined && cputime > config.jobe.maxCpuTime)
    throw new JobeError(`cputime exceeds maximum allowed on this Jobe server (${config.jobe.maxCpuTime} secs)`);
  if (cputime && !(cputime >= limitBounds.cpuTime.minimum))
    throw new JobeError(`cputime must be at least ${limitBounds.cpuTime.minimum} secs on this Jobe server`);
  const sized = (name: string, key: 'memory' | 'fileSize', v: number | undefined) => {
    if (!v) return {};
    const bytes = Math.floor(v * MB);
    const { minimum } = limitBounds[key];
    const least = minimum >= MB ? `${minimum / MB} MB` : `${minimum} byte${minimum === 1 ? '' : 's'}`;
    if (!(bytes >= minimum)) throw new JobeError(`${name} must be at least ${least} on this Jobe server`);
    return { [key]: Math.min(bytes, config.ceilings[key]) };
  };
  const procs = num(p.numprocs);
  if (procs && !(Math.floor(procs) >= limitBounds.processes.minimum))
    throw new JobeError(`numprocs must be at least ${limitBounds.processes.minimum} on this Jobe server`);
  const streamsize = num(p.streamsize);
  if (streamsize !== undefined && streamsize < 0) throw new JobeError('streamsize must not be negative on this Jobe server');
  const stream = streamsize ? Math.max(1, streamBytes(streamsize)) : DEFAULT_STREAM_BYTES;
  // The box's cap is on stdout and stderr together and stops the program; Jobe's cut is per stream and lets it run
  // on. The box gets room for both streams in full (never less than its default), and each is cut afterwards.
  const boxOutput = 2 * stream > defaultRunLimits.output ? { output: Math.min(2 * stream, config.ceilings.output) } : {};
  const seconds = cputime ? Math.min(cputime, config.ceilings.cpuTime) : undefined;
  const limits: Limits = {
    ...(seconds ? { cpuTime: seconds, wallTime: Math.min(2 * seconds, config.ceilings.wallTime) } : {}),
    ...sized('memorylimit', 'memory', num(p.memorylimit)),
    ...sized('disklimit', 'fileSize', num(p.disklimit)),
    ...boxOutput,
    ...(procs ? { processes: Math.min(Math.max(Math.floor(procs), NUMPROCS_FLOOR[lang.id] ?? 0), config.ceilings.processes) } : {}),
  };
  // Jobe's compileargs replace its defaults (an empty list too); linkargs follow them.
  const compileargs = strings(p.compileargs) ?? [...(jobeDefaultCompileArgs[lang.id] ?? [])];
  return { limits, compileOptions: [...compileargs, ...(strings(p.linkargs) ?? [])], args: strings(p.runargs) ?? [], streamBytes: stream };
}
