// The shape of a language definition: data, not code. docs/languages.md explains each field.
import type { BoxLimits } from '../sandbox/limits.js';
import type { Bind } from '../sandbox/options.js';

/**
 * How to compile and run one language. argv arrays only: user text never meets a shell.
 *
 * argv elements and env values may hold placeholders, filled in per execution
 * (src/languages/placeholders.ts): {options} (the caller's compiler options, as
 * separate elements), {source} (the main file's name), {stem} (that name without
 * its extension), {sources} (the main file and every other file with one of the
 * language's extensions, as separate elements), {memory_mb} (the stage's memory
 * limit in MiB) and {heap_mb} (three quarters of it, for runtimes with their own heap cap).
 */
export interface Language {
  /** Stable id used by the API and CLI, e.g. "python3". */
  id: string;
  /** Display name, e.g. "Python 3". */
  name: string;
  /** File extensions that select this language when none is given; the first is the samples' extension. */
  extensions: string[];
  /** Name of the main source file in /box. */
  source: string;
  /**
   * Name the main file after its content (Java: after its public class). The first
   * match of `pattern` (a regular expression) fills `$1` in `name`; no match keeps `source`.
   */
  sourceFrom?: { pattern: string; name: string; lowercase?: boolean };
  /**
   * A first line the runtime insists on, put before the main file when it does not start with it.
   * escript skips a program's first line whatever it holds, so a program must not need to bring one.
   */
  header?: string;
  /** Compiler argv; absent for interpreted languages. */
  compile?: string[];
  /** Run argv; the caller's arguments are appended. */
  run: string[];
  /** argv that prints the version (run on the host, trusted). */
  version: string[];
  /** Debian packages that provide the toolchain (apt-get install). */
  packages: string[];
  /**
   * Every command the toolchain needs in the box's PATH: compiler, assembler, linker, runtime.
   * The language counts as installed only when all of them are there (a shell script that
   * calls nasm and ld needs both, not just `sh`); compile[0] and run[0] are among them.
   */
  tools: string[];
  /** npm packages setup.sh installs globally (under /usr/lib/node_modules, which boxes see): type declarations, never binaries. */
  npmPackages?: string[];
  /** Host files the language needs beyond its tools (checked by isInstalled). */
  needs?: string[];
  /** /etc entries the runtime needs inside the box. */
  etc?: string[];
  /** Host directories the toolchain needs that the box does not show (read-only; GHC's package db under /var). */
  binds?: Bind[];
  /** Environment for compile and run. */
  env?: Record<string, string>;
  /** Extra environment for the compile stage only (compiler caches in /tmp, never in /box). */
  compileEnv?: Record<string, string>;
  /** Limit adjustments the runtime needs (JVM and Go need more threads). */
  runLimits?: Partial<BoxLimits>;
  compileLimits?: Partial<BoxLimits>;
  /** Multiplier on run time limits for slow runtimes. */
  timeFactor?: number;
  /**
   * Regular expressions for the runtime's own out-of-memory report on stderr (the
   * JVM's OutOfMemoryError when -Xmx is reached before the cgroup limit). A run that
   * failed (RE) with one of these is reported as MLE: the heap cap is a memory limit too.
   */
  outOfMemory?: string[];
}

/** The two sandboxed stages of an execution. */
export type Stage = 'compile' | 'run';
