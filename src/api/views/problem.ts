// A stored problem as the API shows it.
import type { ProblemView } from '../../contracts/problem.js';
import type { ProblemRecord } from '../../store/problem-types.js';

/** The list row: no statement, no samples. */
export function problemItem(p: ProblemRecord) {
  const s = p.summary;
  return {
    id: p.id,
    name: p.name,
    title: p.title,
    revision: p.revision,
    public: p.public,
    limits: s.limits,
    tests: s.tests,
    points: s.points,
    interactive: s.interactive,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}

/** The whole problem: statement, samples, groups. Hidden tests are never shown. */
export function problemView(p: ProblemRecord): ProblemView {
  const s = p.summary;
  return {
    ...problemItem(p),
    statement: s.statement,
    samples: s.samples,
    ...(s.publicTests ? { publicTests: s.publicTests } : {}),
    groups: s.groups,
    checker: s.checker,
    format: s.format,
    warnings: s.warnings,
  };
}
