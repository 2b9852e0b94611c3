// Trying a solution before submitting it: Run on the problem's samples (each compared with its expected answer,
// the differing lines marked) or on custom input. These are ordinary runs (POST /v1/runs), not submissions.
import { ApiError } from '../api/client.js';
import { errorBox } from '../api/errors.js';
import { runFailure, runProgram } from '../api/runs.js';
import type { Problem, RunRequest, RunResult, TestResult } from '../api/types.js';
import { ending, outputText } from '../playground/output.js';
import { h, replace } from '../ui/dom.js';
import { bytes, seconds } from '../ui/format.js';
import { badge } from '../ui/status.js';

/** The checkers a run can use; a problem with another (floats, its own program) is tried token by token. */
const RUN_CHECKERS = new Set(['exact', 'lines', 'tokens']);

/** Lines as the tokens checker sees them: trailing spaces and blank lines at the end do not count. */
const lines = (text: string) =>
  text
    .replace(/\s+$/, '')
    .split('\n')
    .map((l) => l.trim().split(/\s+/).join(' '));

/** The compiler's messages of a run. */
const compileText = (r: RunResult) =>
  r.compile ? [outputText(r.compile.stdout, r.encoding), outputText(r.compile.stderr, r.encoding)].filter(Boolean).join('\n') : '';

/** Expected and actual output side by side, lines that differ marked. */
export function diffView(expected: string, actual: string): HTMLElement {
  const [want, got] = [lines(expected), lines(actual)];
  const n = Math.max(want.length, got.length);
  const cells = (raw: string, side: string) =>
    h(
      'pre',
      { class: 'pane diff-side', tabindex: 0, 'aria-label': side },
      ...(raw === ''
        ? ['(nothing)']
        : raw
            .replace(/\n$/, '')
            .split('\n')
            .map((line, i) => h('span', { class: want[i] !== got[i] ? 'diff-line bad' : 'diff-line' }, `${line}\n`))),
    );
  const first = Array.from({ length: n }, (_, i) => i).find((i) => want[i] !== got[i]);
  return h(
    'div',
    { class: 'diff' },
    first !== undefined
      ? h(
          'p',
          { class: 'small', 'data-first-diff': first + 1 },
          `First difference on line ${first + 1}: expected “${want[first] ?? '(end of output)'}”, got “${got[first] ?? '(end of output)'}”.`,
        )
      : null,
    h(
      'div',
      { class: 'diff-cols' },
      h('figure', {}, h('figcaption', {}, 'Expected'), cells(expected, 'Expected output')),
      h('figure', {}, h('figcaption', {}, 'Your output'), cells(actual, 'Your output')),
    ),
  );
}

/** The Run part of a problem page: what to run on, and the outcome. */
export class TryRun {
  readonly el: HTMLElement;
  readonly custom: HTMLTextAreaElement;
  private readonly out = h('div', { class: 'try-out', role: 'status', 'aria-live': 'polite' });
  private readonly choice: HTMLInputElement[];
  private ctrl: AbortController | undefined;

  constructor(private readonly problem: Problem) {
    const hasSamples = (problem.samples?.length ?? 0) > 0;
    this.choice = (['samples', 'custom'] as const).map((v) =>
      h('input', { type: 'radio', name: 'try-on', value: v, checked: (v === 'samples') === hasSamples, disabled: v === 'samples' && !hasSamples }),
    );
    this.custom = h('textarea', { id: 'custom-input', rows: 4, spellcheck: 'false', hidden: hasSamples, 'aria-label': 'Custom input' });
    for (const c of this.choice) c.addEventListener('change', () => (this.custom.hidden = this.on() !== 'custom'));
    this.el = h(
      'section',
      { class: 'try', 'aria-label': 'Run before submitting' },
      h(
        'fieldset',
        { class: 'segmented' },
        h('legend', { class: 'sr-only' }, 'Run on'),
        ...this.choice.map((input) => h('label', { class: 'seg' }, input, input.value === 'samples' ? 'Samples' : 'Custom input')),
      ),
      this.custom,
      this.out,
    );
  }

  /** What Run runs on. */
  on(): 'samples' | 'custom' {
    return this.choice.find((c) => c.checked)?.value === 'custom' ? 'custom' : 'samples';
  }

  /** Run the code; resolves when the outcome is shown, with the compiler's messages when it failed to compile. */
  async run(language: string, source: string): Promise<string | undefined> {
    this.ctrl?.abort();
    const ctrl = (this.ctrl = new AbortController());
    const p = this.problem;
    const limits = {
      ...(typeof p.limits?.time === 'number' ? { cpuTime: p.limits.time } : {}),
      ...(typeof p.limits?.memory === 'number' && p.limits.memory > 65536 ? { memory: p.limits.memory } : {}),
    };
    const samples = this.on() === 'samples';
    const checker = RUN_CHECKERS.has(p.checker ?? 'tokens') ? (p.checker as 'tokens') : 'tokens';
    const req: RunRequest = samples
      ? { language, source, limits, tests: p.samples.map((s) => ({ name: s.name, input: s.input, output: s.output })), checker: { type: checker } }
      : { language, source, limits, stdin: this.custom.value };
    replace(this.out, h('span', { class: 'spinner', 'aria-hidden': 'true' }), samples ? ' Running on the samples…' : ' Running on your input…');
    try {
      const done = await runProgram(req, ctrl.signal);
      const failure = runFailure(done);
      if (failure) throw failure;
      const r = done.result!;
      if (samples) this.showSamples(r, checker !== (p.checker ?? 'tokens'));
      else this.showCustom(r);
      return r.status === 'CE' && r.compile ? compileText(r) : undefined;
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'AIRLOCK_WEB_ABORTED')) replace(this.out, errorBox(e));
      return undefined;
    }
  }

  private showSamples(r: RunResult, approximate: boolean): void {
    const compile = r.status === 'CE' ? compileText(r) : '';
    const tests = r.tests ?? [];
    replace(
      this.out,
      h(
        'p',
        { class: 'try-summary' },
        badge(r.verdict ?? r.status),
        ` on the samples`,
        approximate ? h('span', { class: 'muted small' }, ` (compared token by token here; the judge uses the problem's own checker)`) : null,
      ),
      compile ? h('pre', { class: 'pane compile-out', tabindex: 0, 'aria-label': 'Compiler output' }, compile) : null,
      ...tests.map((t, i) => this.sampleResult(t, this.problem.samples[i]?.output ?? '')),
    );
  }

  private sampleResult(t: TestResult, expected: string): HTMLElement {
    const output = t.stdout ?? t.output ?? '';
    return h(
      'div',
      { class: 'try-test', 'data-name': t.name, 'data-verdict': t.verdict },
      h(
        'h4',
        {},
        badge(t.verdict),
        ` ${t.name} `,
        h('span', { class: 'muted small' }, `${seconds(t.cpuTime)} · ${bytes(t.memory)}`),
        t.verdict !== 'AC' && t.reason ? h('span', { class: 'muted small' }, ` · ${t.reason}`) : null,
      ),
      t.verdict === 'AC' ? null : diffView(expected, output),
      t.stderr ? h('pre', { class: 'pane', tabindex: 0, 'aria-label': 'Errors' }, t.stderr) : null,
    );
  }

  private showCustom(r: RunResult): void {
    const compile = compileText(r);
    const stdout = outputText(r.stdout, r.encoding);
    const stderr = outputText(r.stderr, r.encoding);
    replace(
      this.out,
      h('p', { class: 'try-summary' }, badge(r.status), ` ${seconds(r.cpuTime)} · ${bytes(r.memory)} · ${ending(r)}`),
      compile ? h('pre', { class: 'pane compile-out', tabindex: 0, 'aria-label': 'Compiler output' }, compile) : null,
      h('pre', { class: 'pane try-stdout', tabindex: 0, 'aria-label': 'Output' }, stdout),
      stderr ? h('pre', { class: 'pane', tabindex: 0, 'aria-label': 'Errors' }, stderr) : null,
    );
  }
}
