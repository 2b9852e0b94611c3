// Loading a problem package from a directory: airlock's problem.json, Polygon's problem.xml, or the ICPC format's problem.yaml.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AirlockError } from '../../errors.js';
import { readAirlockPackage } from './airlock.js';
import { readIcpcPackage } from './icpc.js';
import { type Issue, Issues } from './issues.js';
import { readPolygonPackage } from './polygon.js';
import type { Problem } from './types.js';

/** What a package check found: every error and warning, and the problem when there were no errors. */
export interface Validation {
  ok: boolean;
  errors: string[];
  warnings: string[];
  /** The same errors and warnings as {file, field, message}. */
  issues: { errors: Issue[]; warnings: Issue[] };
  problem?: Problem;
}

/** Check a package directory and report every mistake at once (for upload forms and `airlock judge`). */
export async function validateProblem(dir: string): Promise<Validation> {
  const abs = resolve(dir);
  const issues = new Issues();
  let problem: Problem | undefined;
  if (!existsSync(abs)) issues.error(dir, 'no such directory');
  else if (existsSync(join(abs, 'problem.json'))) problem = readAirlockPackage(abs, issues);
  else if (existsSync(join(abs, 'problem.xml'))) problem = readPolygonPackage(abs, issues);
  else if (existsSync(join(abs, 'problem.yaml'))) problem = readIcpcPackage(abs, issues);
  else issues.error(dir, 'neither problem.json (an airlock package), problem.yaml (an ICPC package) nor problem.xml (a Polygon package)');
  const ok = issues.errors.length === 0 && problem !== undefined;
  return {
    ok,
    errors: issues.errors,
    warnings: issues.warnings,
    issues: { errors: issues.errorItems, warnings: issues.warningItems },
    ...(ok ? { problem } : {}),
  };
}

/** Load a package; AIRLOCK_ERR_BAD_PROBLEM (400) names every error. */
export async function loadProblem(dir: string): Promise<Problem> {
  const v = await validateProblem(dir);
  if (!v.problem) throw new AirlockError('AIRLOCK_ERR_BAD_PROBLEM', v.errors.join('; ') || 'unreadable package');
  return v.problem;
}
