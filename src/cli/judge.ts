// `airlock judge PROBLEM_DIR SOLUTION`: judge a solution against a problem package, a row per test as it finishes.
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Engine } from '../engine/execute.js';
import { type JudgeEvent, type JudgeResult, judgeSubmission, type Problem, type TestResult, validateProblem } from '../judge/index.js';
import { getLanguage, languageForFile } from '../languages/registry.js';
import { HostSlotPool } from '../sandbox/hostslots.js';
import { parse, positive } from './args.js';
import { hostSettings } from './host.js';
import { sanitize } from './run.js';
import { verifyPackage } from './verify.js';

const help = `Usage: airlock judge PROBLEM_DIR SOLUTION [options]
       airlock judge --validate PROBLEM_DIR
       airlock judge --verify PROBLEM_DIR

Judges SOLUTION against the problem package in PROBLEM_DIR (docs/problems.md):
compiles it once, runs every test in a fresh box, several at a time, and prints
a row per test as it finishes, then the verdict and the score. The language
comes from the file's extension unless --lang is given.

Options:
  --lang ID        language id (see "airlock languages")
  --json           print one JSON object (verdict, score, tests, groups) at the end
  --slots N        boxes at once (default: the number of CPUs)
  --validate       only check the package and list every problem found
  --verify         judge every program in the package's submissions/accepted,
                   wrong_answer, time_limit_exceeded, run_time_error (and
                   partially_accepted) folders; report those whose verdict is
                   not what their folder says

Exit status: 0 accepted (--verify: every submission as its folder says), 1 any
other verdict (--verify: a submission that is not), 2 bad usage or an invalid package.
`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    lang: { type: 'string' },
    json: { type: 'boolean' },
    slots: { type: 'string' },
    validate: { type: 'boolean' },
    verify: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help || positionals.length !== (values.validate || values.verify ? 1 : 2) || (values.validate && values.verify)) {
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
  // An interactive test holds two slots at once: the solution's box and the interactor's.
  const slots = Math.max(v.problem.interactor ? 2 : 1, Math.round(positive('slots', values.slots) ?? availableParallelism()));
  const engine = new Engine({ ...hostSettings(), slots: new HostSlotPool(slots) });
  if (values.verify) return verify(engine, v.problem, !!values.json);
  const lang = values.lang ? getLanguage(values.lang) : languageForFile(file);
  const submission = { language: lang.id, files: [{ name: sanitize(basename(file)), content: await readFile(file) }] };
  const table = new LiveTable(values.json ? undefined : process.stdout);
  const result = await judgeSubmission(engine, v.problem, submission, { onEvent: (e) => table.event(e) });
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return result.verdict === 'AC' ? 0 : 1;
}

/** --verify: a row per submission as it is judged, then a summary; exit 1 when any breaks its folder's promise. */
async function verify(engine: Engine, problem: Problem, json: boolean): Promise<number> {
  const out = process.stdout;
  const rows = await verifyPackage(engine, problem, (r) => {
    if (json) return;
    const result = r.skipped ? 'skipped' : `${r.verdict} ${r.score}/${r.maxScore}`;
    out.write(
      `${r.submission.padEnd(40)} ${result.padEnd(16)} ${r.skipped ? r.skipped : r.ok ? 'ok' : `MISMATCH: expected ${r.expected}; ${oneLine(r.reason)}`}\n`,
    );
  });
  const bad = rows.filter((r) => !r.ok);
  if (json) out.write(`${JSON.stringify({ ok: bad.length === 0, submissions: rows }, null, 2)}\n`);
  else if (rows.length === 0) out.write('no submissions in submissions/{accepted,wrong_answer,time_limit_exceeded,run_time_error}\n');
  else
    out.write(
      `\n${bad.length ? `${bad.length} of ${rows.length} submissions not as their folder says` : `all ${rows.length} submissions as their folders say`}${rows.some((r) => r.skipped) ? ` (${rows.filter((r) => r.skipped).length} skipped)` : ''}\n`,
    );
  return bad.length || rows.length === 0 ? 1 : 0;
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
    this.out!.write(
      `${cells
        .map((c, i) => (widths[i] ? (i >= 3 && i <= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i])) : c))
        .join(' ')
        .trimEnd()}\n`,
    );
  }

  private row(t: TestResult): void {
    if (!this.header) {
      this.line([...columns]);
      this.header = true;
    }
    const ran = t.verdict !== 'SKIPPED' && (t.cpuTime > 0 || t.wallTime > 0);
    const detail = t.verdict === 'AC' ? t.checker : t.reason;
    this.line([
      t.name,
      t.group,
      t.verdict,
      ran ? t.cpuTime.toFixed(3) : '-',
      ran ? t.wallTime.toFixed(3) : '-',
      ran ? (t.memory / 1048576).toFixed(1) : '-',
      oneLine(detail),
    ]);
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
