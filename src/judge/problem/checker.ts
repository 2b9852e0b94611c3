// The "checker" of problem.json: a built-in comparison by name, or a program.
import type { Fields } from './fields.js';
import type { Issues } from './issues.js';
import { readProgram } from './programs.js';
import type { CheckerSpec } from './types.js';

const BUILTIN = ['exact', 'lines', 'tokens', 'floats', 'unordered'];

/** "tokens", "check.cpp", {type: "floats", absolute, relative}, {type: "program", source, ...}. */
export function readChecker(f: Fields, v: unknown, dir: string, issues: Issues): CheckerSpec | undefined {
  if (v === undefined) return { type: 'tokens' };
  if (typeof v === 'string' && !BUILTIN.includes(v) && !v.includes('.')) {
    f.error('checker', `unknown checker "${v}"; built-in ones are ${BUILTIN.join(', ')}, or name a program file`);
    return undefined;
  }
  const o = typeof v === 'string' ? (BUILTIN.includes(v) ? { type: v } : { type: 'program', source: v }) : f.object(v, 'checker');
  if (!o) return undefined;
  const type = f.string(o.type, 'checker.type') ?? (o.source !== undefined ? 'program' : undefined);
  switch (type) {
    case 'exact':
    case 'lines':
    case 'unordered':
      f.onlyKeys(o, 'checker', ['type']);
      return { type };
    case 'tokens': {
      f.onlyKeys(o, 'checker', ['type', 'ignoreCase']);
      const ignoreCase = f.boolean(o.ignoreCase, 'checker.ignoreCase');
      return { type, ...(ignoreCase !== undefined ? { ignoreCase } : {}) };
    }
    case 'floats': {
      f.onlyKeys(o, 'checker', ['type', 'absolute', 'relative']);
      const absolute = f.number(o.absolute, 'checker.absolute', 'units', true);
      const relative = f.number(o.relative, 'checker.relative', 'units (a fraction)', true);
      return { type, ...(absolute !== undefined ? { absolute } : {}), ...(relative !== undefined ? { relative } : {}) };
    }
    case 'program': {
      const program = readProgram(f, o, 'checker', dir, issues, 'problem.json', ['type']);
      return program ? { type, program } : undefined;
    }
    default:
      f.error('checker.type', `must be one of ${[...BUILTIN, 'program'].join(', ')}`);
      return undefined;
  }
}
