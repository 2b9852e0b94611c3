// Compile commands a compatibility API's route uses instead of a language's own (src/compat picks the dialect by name).
import type { Language } from '../types.js';
import { jobe } from './jobe.js';
import { judge0 } from './judge0.js';

/**
 * Per dialect, per language id, the compile argv (same placeholders as Language.compile). Clients of Judge0 and Jobe
 * expect those servers' compilers: no -O2 (so `1/0` in C traps instead of being folded away), Jobe's -Werror, and a
 * syntax check for interpreted languages that Jobe compiles. A dialect is only a name in the stored spec, never an
 * argv, so a stored or queued run cannot carry a command of its own.
 */
const dialects: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = { jobe, judge0 };

/** The compile argv for a language on a dialect's route; the language's own when the dialect has none for it. */
export function compileCommand(lang: Language, dialect: string | undefined): readonly string[] | undefined {
  return (dialect !== undefined ? dialects[dialect]?.[lang.id] : undefined) ?? lang.compile;
}

/** Whether a dialect's clients keep their own file names (Piston runs the first file under the name it was sent with). */
export function keepsNames(dialect: string | undefined): boolean {
  return dialect === 'piston';
}
