// `airlock judge PROBLEM_DIR SOLUTION`: judge a solution against a problem package, a row per test as it finishes.
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Engine } from '../engine/execute.js';
import { type JudgeEvent, type JudgeResult, judgeSubmission, type TestResult, validateProblem } from '../judge/index.js';
import { getLanguage, languageForFile } from '../languages/registry.js';
import { HostSlotPool } from '../sandbox/hostslots.js';
import { parse, positive } from './args.js';
import { hostSettings } from './host.js';
import { sanitize } from './run.js';

const help = `Usage: airlock judge PROBLEM_DIR SOLUTION [options]
       airlock judge --validate PROBLEM_DIR

Judges SOLUTION against the problem package in PROBLEM_DIR (docs/problems.md):
compiles it once, runs every test in a fresh box, several at a time, and prints
a row per test as it finishes, then the verdict and the score. The language
comes from the file's extension unless --lang is given.

Options:
  --lang ID        language id (see "airlock languages")
  --json           print one JSON object (verdict, score, tests, groups) at the end
  --slots N        boxes at once (default: the number of CPUs)
  --validate       only check the package and list every problem found

Exit status: 0 accepted, 1 any other verdict, 2 bad usage or an invalid package.
`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    lang: { type: 'string' },
    json: { type: 'boolean' },
    slots: { type: 'string' },
    validate: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help || positionals.length !== (values.validate ? 1 : 2)) {
    process.stdout.write(help);
    return values.help ? 0 : 2;
  }
  const [dir, file] = positionals as [string, string];
  const v = await validateProblem(dir);
  for (const w of v.warnings) process.stderr.write(`airlock: warning: ${w}\n`);
  if (!v.problem) {
    for (const e of v.errors) process.stderr.write(`airlock: ${e}\n`);
    process.stderr.write(`airlock: ${dir} is not a valid problem package (AIRLOCK_ERR_BAD_PROBLEM)\n`);
    return 2;
  }
  if (values.validate) {
    const p = v.problem;
    const how = p.interactor ? `interactor ${p.interactor.source}` : `checker ${p.checker.type === 'program' ? p.checker.program.source : p.checker.type}`;
    process.stdout.write(`${p.name}: ${p.tests.length} tests in ${p.groups.length} group(s), ${how}, ${p.groups.reduce((s, g) => s + g.points, 0)} points\n`);
    return 0;
  }
  const lang = values.lang ? getLanguage(values.lang) : languageForFile(file);
  // An interactive test holds two slots at once: the solution's box and the interactor's.
  const slots = Math.max(v.problem.interactor ? 2 : 1, Math.round(positive('slots', values.slots) ?? availableParallelism()));
  const engine = new Engine({ ...hostSettings(), slots: new HostSlotPool(slots) });
  const submission = { language: lang.id, files: [{ name: sanitize(basename(file)), content: await readFile(file) }] };
  const table = new LiveTable(values.json ? undefined : process.stdout);
  const result = await judgeSubmission(engine, v.problem, submission, { onEvent: (e) => table.event(e) });
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return result.verdict === 'AC' ? 0 : 1;
}

const columns = ['TEST', 'GROUP', 'VERDICT', 'CPU s', 'WALL s', 'MEM MiB', 'DETAIL'] as const;
const widths = [12, 10, 8, 7, 7, 8, 0];

/** Rows as events arrive; nothing when printing JSON. */
class LiveTable {
  private header = false;

  constructor(private readonly out: NodeJS.WritableStream | undefined) {}

  event(e: JudgeEvent): void {
    if (!this.out) return;
    if (e.type === 'compile' && e.compile.status !== 'OK') this.out.write(`compile: ${e.compile.status} ${e.compile.message}\n${e.compile.output}\n`);
    if (e.type === 'test') this.row(e.test);
    if (e.type === 'done') this.summary(e.result);
  }

  private line(cells: string[]): void {
    this.out!.write(`${cells.map((c, i) => (widths[i] ? (i >= 3 && i <= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)) : c)).join(' ').trimEnd()}\n`);
  }

  private row(t: TestResult): void {
    if (!this.header) {
      this.line([...columns]);
      this.header = true;
    }
    const ran = t.verdict !== 'SKIPPED' && (t.cpuTime > 0 || t.wallTime > 0);
    const detail = t.verdict === 'AC' ? t.checker : t.reason;
    this.line([t.name, t.group, t.verdict, ran ? t.cpuTime.toFixed(3) : '-', ran ? t.wallTime.toFixed(3) : '-', ran ? (t.memory / 1048576).toFixed(1) : '-', oneLine(detail)]);
  }

  private summary(r: JudgeResult): void {
    if (r.groups.length > 1) {
      this.out!.write('\n');
      for (const g of r.groups) this.out!.write(`group ${g.name}: ${g.score}/${g.points} ${g.verdict}\n`);
    }
    this.out!.write(`\n${r.verdict} · score ${r.score}/${r.maxScore} · ${oneLine(r.reason)}\n`);
  }
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 100 ? `${t.slice(0, 100)}…` : t;
}
