// Recording a language's minimum syscall set: run every sample under --seccomp-record, several times, and keep the union.
import { writeFile } from 'node:fs/promises';
import { Engine } from '../engine/execute.js';
import type { SlotPool } from '../sandbox/slots.js';
import { profilePath } from './profiles.js';
import { languageVersion } from './registry.js';
import { type Sample, samplesOf } from './samples.js';
import type { Language, Stage } from './types.js';

/**
 * Calls any runtime may make at moments a few runs do not catch: returning from a
 * signal handler, restarting an interrupted call, futex wake-ups, yielding, giving
 * memory back. They are added to every recorded list (none is on the hostile list).
 */
export const sometimes = [
  'rt_sigreturn', 'restart_syscall', 'futex', 'sched_yield', 'nanosleep', 'clock_nanosleep',
  'madvise', 'munmap', 'mprotect', 'mmap', 'brk', 'exit', 'exit_group', 'getpid', 'gettid', 'tgkill',
  'rt_sigprocmask', 'rt_sigaction', 'sigaltstack', 'write', 'close',
];

/** Limits for recording: short, so the failing-on-purpose samples end quickly, and still reach their limit. */
const quick = { cpuTime: 2, wallTime: 4 };

/** Syscalls seen per stage. */
export type Recorded = Record<Stage, Set<string>>;

/** Run each sample `runs` times with recording on; the compile and run stages are recorded apart. */
export async function recordLanguage(lang: Language, opts: { workDir: string; slots: SlotPool; runs: number; log?: (line: string) => void }): Promise<Recorded> {
  const engine = new Engine({ workDir: opts.workDir, slots: opts.slots, seccomp: 'record' });
  const seen: Recorded = { compile: new Set(), run: new Set() };
  for (const sample of samplesOf(lang)) {
    for (let i = 0; i < opts.runs; i++) {
      const r = await engine.execute(requestFor(lang, sample));
      for (const s of r.compile?.syscalls ?? []) seen.compile.add(s);
      if (r.status !== 'CE') for (const s of r.syscalls ?? []) seen.run.add(s);
      opts.log?.(`${lang.id}/${sample.kind} #${i + 1}: ${r.status}${r.compile ? ` (compile ${r.compile.status})` : ''}`);
      if (r.status === 'IE') throw new Error(`${lang.id}/${sample.kind}: ${r.message}`);
    }
  }
  return seen;
}

function requestFor(lang: Language, sample: Sample) {
  const failing = sample.kind === 'loop' || sample.kind === 'hog' || sample.kind === 'bomb';
  return {
    language: lang.id,
    files: [{ name: sample.name, content: sample.content }],
    stdin: 'line one\nline two\n',
    ...(failing ? { limits: quick } : {}),
  };
}

/** Write the allow-lists (one name a line, sorted, with a header saying where they came from); returns the paths. */
export async function writeProfiles(lang: Language, seen: Recorded, runs: number): Promise<string[]> {
  const version = await languageVersion(lang);
  const stages: Stage[] = lang.compile ? ['compile', 'run'] : ['run'];
  const written: string[] = [];
  for (const stage of stages) {
    const names = [...new Set([...seen[stage], ...sometimes])].sort();
    const header = [
      `# airlock syscall allow-list: ${lang.id}, ${stage} stage (${lang.name} ${version})`,
      `# Recorded by \`airlock languages --profile ${lang.id}\`: ${runs} runs of each sample in`,
      `# src/languages/programs/${lang.id}/, plus the calls in src/languages/profile.ts \`sometimes\`.`,
      '# Review changes like code: every added name widens what this language may ask the kernel.',
    ];
    const path = profilePath(lang, stage);
    await writeFile(path, `${[...header, ...names].join('\n')}\n`);
    written.push(path);
  }
  return written;
}
