// How the catalogue runs each language. c, cpp and python3 come from src/languages; the others are
// invoked directly with runBox with the flags they need, so the catalogue does not follow language tweaks.
import { type Fill, expandArgv, expandEnv } from '../../src/languages/placeholders.js';
import { getLanguage, isInstalled, resolveCommand } from '../../src/languages/registry.js';
import type { BoxLimits } from '../../src/sandbox/limits.js';
import type { AttackLang } from './catalogue/types.js';

/** What a box needs to run one language's program from /box. */
export interface Runtime {
  /** Name of the program file in /box. */
  file: string;
  /** Compiled through the engine before it runs. */
  compiled: boolean;
  command(limits: BoxLimits): string[];
  env: Record<string, string>;
  etc: string[];
  /** Limits the runtime needs, below the attack's own. */
  limits: Partial<BoxLimits>;
  /** Why it cannot run here, or undefined. */
  missing(): string | undefined;
}

const MB = 1024 * 1024;
/** The heap caps of V8 and the JVM sit under the cgroup limit, as the languages branch does. */
const heapMb = (l: BoxLimits) => Math.max(16, Math.floor((l.memory / MB) * 0.75));
const needs = (cmd: string) => () => (resolveCommand(cmd) ? undefined : `${cmd} is not installed`);

function registered(id: string): Runtime {
  const lang = getLanguage(id);
  const fill = (l: BoxLimits): Fill => ({ source: lang.source, files: [lang.source], options: [], memory: l.memory });
  return {
    file: lang.source,
    compiled: !!lang.compile,
    command: (l) => expandArgv(lang, lang.run, fill(l)),
    env: expandEnv(lang.env, fill({ memory: 256 * MB } as BoxLimits)),
    etc: lang.etc ?? [],
    limits: lang.runLimits ?? {},
    missing: () => (isInstalled(lang) ? undefined : `${id} is not installed`),
  };
}

/** Each catalogue language's runtime. */
export const runtimes: Record<AttackLang, Runtime> = {
  c: registered('c'),
  cpp: registered('cpp'),
  python3: registered('python3'),
  javascript: {
    file: 'main.js',
    compiled: false,
    command: (l) => ['node', `--max-old-space-size=${heapMb(l)}`, 'main.js'],
    env: { UV_THREADPOOL_SIZE: '1' },
    etc: [],
    limits: { cpuTime: 2, wallTime: 4 },
    missing: needs('node'),
  },
  java: {
    file: 'Main.java',
    compiled: false,
    // Single-file source launch: javac runs in the same JVM, so no compile step of ours.
    command: (l) => ['java', `-Xmx${heapMb(l)}m`, '-Xss64m', '-XX:+UseSerialGC', '-XX:-UsePerfData', '-XX:TieredStopAtLevel=1', 'Main.java'],
    env: {},
    etc: ['java-17-openjdk'],
    // javac runs in the same JVM first: generous wall time, so a loaded machine does not turn OK into TLE.
    limits: { cpuTime: 4, wallTime: 15, processes: 128 },
    missing: needs('java'),
  },
  bash: {
    file: 'main.sh',
    compiled: false,
    command: () => ['bash', 'main.sh'],
    env: {},
    etc: [],
    limits: {},
    missing: needs('bash'),
  },
};
