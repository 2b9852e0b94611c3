// The verdict table: one row per test made before judging starts, filled in place as results arrive, so the page
// does not jump; a summary line with the verdict and score, and the compiler's output when there is any.
import type { CompileInfo, GroupResult, Problem, Submission, TestResult } from '../api/types.js';
import { h, replace } from '../ui/dom.js';
import { bytes, points, seconds } from '../ui/format.js';
import { badge, statusNames } from '../ui/status.js';
import type { TestOrder } from './test-order.js';

/** A reason without the verdict's own name in front ("wrong answer: 1st token differs" beside a WA badge). */
function reasonText(verdict: string, reason: string): string {
  const name = statusNames[verdict]?.toLowerCase();
  return name && reason.toLowerCase().startsWith(`${name}: `) ? reason.slice(name.length + 2) : reason;
}

/** The live result of one submission. */
export class VerdictTable {
  readonly el: HTMLElement;
  private readonly summary = h('div', { class: 'summary', role: 'status', 'aria-live': 'polite' });
  private readonly compileOut = h('pre', { class: 'pane compile-out', hidden: true, 'aria-label': 'Compiler output', tabindex: 0 });
  private readonly body = h('tbody');
  private readonly scroll: HTMLElement;
  private readonly groups = h('div', { class: 'groups' });
  /** One test's details (its messages and output), shown when its name is clicked. */
  private readonly detail = h('section', { class: 'test-detail', 'aria-live': 'polite', hidden: true });
  /** The results so far, in test order (not the order they finished in). */
  private results: TestResult[] = [];
  private readonly samples: Map<string, { input: string; output: string }>;

  /** `expected` tests; group lines only when there are several groups (one group is the whole problem). */
  constructor(
    private expected: number,
    private readonly groupCount: number,
    private readonly order: TestOrder,
    samples: Problem['samples'] = [],
  ) {
    this.samples = new Map(samples.map((s) => [s.name, s]));
    const table = h(
      'table',
      { class: 'verdicts' },
      h('caption', { class: 'sr-only' }, 'Tests and their verdicts'),
      h(
        'thead',
        {},
        h('tr', {}, ...['#', 'Test', 'Verdict', 'CPU', 'Memory', 'Score'].map((c, i) => h('th', { scope: 'col', class: i >= 3 ? 'num' : null }, c))),
      ),
      this.body,
    );
    this.scroll = h('div', { class: 'table-scroll' }, table);
    this.el = h('section', { class: 'judgement', 'aria-label': 'Judgement' }, this.summary, this.compileOut, this.scroll, this.detail, this.groups);
    this.idle();
  }

  /** Before any submission: no rows, only what to do. */
  idle(): void {
    this.reset();
    this.body.replaceChildren();
    this.scroll.hidden = true;
    replace(this.summary, h('span', { class: 'muted' }, 'Submit to see a verdict for each test here.'));
  }

  /** Pending rows for every expected test. */
  reset(): void {
    this.results = [];
    this.scroll.hidden = false;
    this.compileOut.hidden = true;
    this.compileOut.textContent = '';
    this.groups.replaceChildren();
    this.detail.hidden = true;
    this.render();
  }

  /** Submitted: waiting for the first result. */
  started(note = 'Judging…'): void {
    this.reset();
    this.judging(note);
    this.mark();
  }

  /** The summary while judging: "Judging…", or that the connection is being made again. */
  judging(note = 'Judging…', lost = false): void {
    replace(
      this.summary,
      h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      h('span', { class: lost ? 'warn-text' : '', 'data-connection': lost ? 'lost' : 'ok' }, note),
    );
  }

  /** The compiler's verdict; its messages are shown when it failed or had something to say. */
  compile(c: CompileInfo): void {
    const text = c.output ?? [c.stdout, c.stderr].filter(Boolean).join('\n');
    if (text) {
      this.compileOut.textContent = text;
      this.compileOut.hidden = false;
    }
  }

  /** A test's result, put in its place in test order whenever it finishes. */
  test(t: TestResult): void {
    this.results = this.results.filter((r) => r.name !== t.name);
    this.results.push(t);
    this.results.sort((a, b) => this.order.compare(a, b));
    this.render();
    this.mark();
  }

  /** A group's result: a line under the table. */
  group(g: GroupResult): void {
    if (this.groupCount <= 1) return;
    this.groups.append(
      h(
        'p',
        { class: 'group' },
        badge(g.verdict),
        ` Group ${g.name}: ${points(g.score)} / ${points(g.points)} points`,
        g.reason ? h('span', { class: 'muted' }, ` · ${g.reason}`) : null,
      ),
    );
  }

  /** The whole submission: the table redrawn from it (authoritative), and the summary. */
  done(s: Submission): void {
    this.expected = Math.max(this.expected, s.tests?.length ?? 0);
    this.reset();
    if (s.compile) this.compile(s.compile);
    this.results = [...(s.tests ?? [])];
    this.render();
    // Tests the judge never reached (a CE stops everything) are marked skipped, not left spinning.
    for (const row of Array.from(this.body.children).filter((r) => r.classList.contains('pending'))) row.classList.add('skipped');
    this.mark(false);
    for (const g of s.groups ?? []) this.group(g);
    if (s.state !== 'done' && s.state !== undefined) {
      const why = typeof s.error === 'string' ? s.error : s.error?.message;
      const what = s.state === 'cancelled' ? 'Cancelled' : s.state === 'failed' ? 'The judge failed (not your solution)' : `Not finished (${s.state})`;
      replace(
        this.summary,
        s.state === 'cancelled' ? h('span', { class: 'badge muted', 'data-status': 'cancelled' }, 'cancelled') : badge('IE'),
        h('span', {}, `${what}${why ? `: ${why}` : ''}`),
      );
      return;
    }
    const verdict = s.verdict ?? 'IE';
    replace(
      this.summary,
      badge(verdict),
      s.maxScore ? h('span', { class: 'score', 'data-score': String(s.score ?? 0) }, `${points(s.score ?? 0)} / ${points(s.maxScore)} points`) : null,
      s.reason && verdict !== 'AC' ? h('span', { class: 'muted reason' }, s.reason) : null,
    );
  }

  /** Show a failure in the summary. */
  fail(el: HTMLElement): void {
    this.mark(false);
    replace(this.summary, el);
  }

  /**
   * Every row: when the tests' names are known (from an earlier judgement) each result goes to its own row and the
   * others wait in theirs; otherwise the results so far, in test order, then the pending rows.
   */
  private render(): void {
    const known = this.order.known.length >= this.expected ? this.order.known : undefined;
    const byName = new Map(this.results.map((r) => [r.name, r]));
    const rows: Array<{ t?: TestResult; name?: string }> = known
      ? [...known.map((name) => ({ t: byName.get(name), name })), ...this.results.filter((r) => !known.includes(r.name)).map((t) => ({ t }))]
      : [...this.results.map((t) => ({ t })), ...Array.from({ length: Math.max(0, this.expected - this.results.length) }, () => ({}))];
    this.body.replaceChildren(...rows.map((r, i) => this.row(i, r.t, r.name)));
  }

  private row(i: number, t: TestResult | undefined, name = ''): HTMLTableRowElement {
    if (!t) {
      return h(
        'tr',
        { class: 'pending', 'data-test': i + 1, 'data-name': name || null },
        h('td', {}, i + 1),
        h('td', {}, name),
        h('td', { class: 'verdict' }, h('span', { class: 'badge muted' }, '…')),
        h('td', {}, ''),
        h('td', {}, ''),
        h('td', {}, ''),
      );
    }
    const why = reasonText(t.verdict, t.reason || t.message || '');
    return h(
      'tr',
      { 'data-test': i + 1, 'data-name': t.name, 'data-verdict': t.verdict },
      h('td', {}, i + 1),
      h('td', {}, h('button', { type: 'button', class: 'link', title: "Show this test's details", onclick: () => this.show(i, t) }, t.name)),
      // The reason stays on one line (cut, whole in the tooltip): a long one must not make its row taller.
      h('td', { class: 'verdict', title: why }, badge(t.verdict), why && t.verdict !== 'AC' ? h('span', { class: 'why' }, why) : null),
      h('td', { class: 'num' }, t.verdict === 'SKIPPED' ? '' : seconds(t.cpuTime)),
      h('td', { class: 'num' }, t.verdict === 'SKIPPED' ? '' : bytes(t.memory)),
      h('td', { class: 'num' }, `${Math.round((t.score ?? 0) * 100)}%`),
    );
  }

  /** A test's messages and the start of its output, under the table; a sample's input and expected answer too. */
  private show(i: number, t: TestResult): void {
    const part = (label: string, text: string | undefined, empty?: string) =>
      text || empty ? h('div', {}, h('h4', {}, label), h('pre', { class: 'pane', tabindex: 0, 'data-part': label }, text || empty)) : null;
    const sample = this.samples.get(t.name);
    replace(
      this.detail,
      h('h3', {}, `Test ${i + 1} (${t.name}) `, badge(t.verdict)),
      part('Why', t.reason || t.message),
      part('Checker', t.checker),
      sample ? part('Input', sample.input, '(empty)') : null,
      sample ? part('Expected output', sample.output, '(empty)') : null,
      part(sample ? 'Your output (start)' : 'Output (start)', t.stdout ?? t.output, sample ? '(nothing)' : undefined),
      part('Errors (start)', t.stderr),
      sample
        ? null
        : h(
            'p',
            { class: 'muted small' },
            "The input and expected answer of tests that are not samples stay on the server (a problem's package can make them public).",
          ),
    );
    this.detail.hidden = false;
  }

  /** Mark the first pending row as the one running. */
  private mark(on = true): void {
    for (const r of this.body.querySelectorAll('tr.running')) r.classList.remove('running');
    if (on) this.body.querySelector('tr.pending')?.classList.add('running');
  }
}
