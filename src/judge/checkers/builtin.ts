// The built-in checkers by name, as the problem file names them.
import type { CheckerSpec } from '../problem/types.js';
import { exact } from './exact.js';
import { floats } from './floats.js';
import { icpcDiff } from './icpc-diff.js';
import { lines } from './lines.js';
import { tokens } from './tokens.js';
import type { CompareFn } from './types.js';
import { unordered } from './unordered.js';

/** The comparison for a built-in checker spec; undefined for a checker program. */
export function builtinChecker(spec: CheckerSpec): CompareFn | undefined {
  switch (spec.type) {
    case 'exact':
      return exact;
    case 'lines':
      return lines;
    case 'unordered':
      return unordered;
    case 'tokens':
      return (out, ans) => tokens(out, ans, spec);
    case 'floats':
      return (out, ans) => floats(out, ans, spec);
    case 'icpc-diff':
      return (out, ans) => icpcDiff(out, ans, spec);
    case 'program':
      return undefined;
  }
}
