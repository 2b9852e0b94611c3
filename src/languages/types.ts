// The shape of a language definition: data, not code.
import type { BoxLimits } from '../sandbox/limits.js';

/** How to compile and run one language. argv arrays only: user text never meets a shell. */
export interface Language {
  /** Stable id used by the API and CLI, e.g. "python3". */
  id: string;
  /** Display name, e.g. "Python 3". */
  name: string;
  /** File extensions that select this language when none is given. */
  extensions: string[];
  /** Name of the main source file in /box. */
  source: string;
  /** Compiler argv; "{options}" is replaced by the caller's compiler options. */
  compile?: string[];
  /** Run argv; the caller's arguments are appended. */
  run: string[];
  /** argv that prints the version (run on the host, trusted). */
  version: string[];
  /** Debian packages that provide the toolchain. */
  packages: string[];
  /** /etc entries the runtime needs inside the box. */
  etc?: string[];
  /** Environment for compile and run. */
  env?: Record<string, string>;
  /** Limit adjustments the runtime needs (JVM and Go need more threads). */
  runLimits?: Partial<BoxLimits>;
  compileLimits?: Partial<BoxLimits>;
  /** Multiplier on time limits for slow runtimes. */
  timeFactor?: number;
}
