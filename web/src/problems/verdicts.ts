// The verdict table: one row per test made before judging starts, filled in place as results arrive, so the page
// does not jump; a summary line with the verdict and score, and the compiler's output when there is any.
import type { CompileInfo, GroupResult, Submission, TestResult } from '../api/types.js';
import { h, replace } from '../ui/dom.js';
import { bytes, points, seconds } from '../ui/format.js';
import { badge, statusNames } from '../ui/status.js';

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
  private readonly groups = h('div', { class: 'groups' });
  /** One test's details (its messages and output), shown when its name is clicked. */
  private readonly detail = h('section', { class: 'test-detail', 'aria-live': 'polite', hidden: true });
  private filled = 0;

  /** `expected` tests; group lines only when there are several groups (one group is the whole problem). */
  constructor(
    private expected: number,
    private readonly groupCount: number,
  ) {
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
    this.el = h(
      'section',
      { class: 'judgement', 'aria-label': 'Judgement' },
      this.summary,
      this.compileOut,
      h('div', { class: 'table-scroll' }, table),
      this.detail,
      this.groups,
    );
    this.idle();
  }

  /** Before any submission. */
  idle(): void {
    this.reset();
    replace(this.summary, h('span', { class: 'muted' }, 'Submit to see a verdict for each test here.'));
  }

  /** Pending rows for every expected test; the first one marked as running. */
  reset(): void {
    this.filled = 0;
    this.compileOut.hidden = true;
    this.compileOut.textContent = '';
    this.groups.replaceChildren();
    this.detail.hidden = true;
    this.body.replaceChildren(...Array.from({ length: this.expected }, (_, i) => this.row(i, undefined)));
  }

  /** Submitted: waiting for the first result. */
  started(): void {
    this.reset();
    replace(this.summary, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', {}, 'Judging…'));
    this.mark();
  }

  /** The compiler's verdict; its messages are shown when it failed or had something to say. */
  compile(c: CompileInfo): void {
    const text = c.output ?? [c.stdout, c.stderr].filter(Boolean).join('\n');
    if (text) {
      this.compileOut.textContent = text;
      this.compileOut.hidden = false;
    }
  }

  /** The next test's result, in order. */
  test(t: TestResult): void {
    const i = this.filled++;
    const row = this.row(i, t);
    const old = this.body.children[i];
    if (old) old.replaceWith(row);
    else this.body.append(row);
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
    for (const t of s.tests ?? []) this.test(t);
    // Tests the judge never reached (a CE stops everything) are marked skipped, not left spinning.
    for (const row of Array.from(this.body.children).slice(this.filled)) row.classList.add('skipped');
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

  private row(i: number, t: TestResult | undefined): HTMLTableRowElement {
    if (!t) {
      return h(
        'tr',
        { class: 'pending', 'data-test': i + 1 },
        h('td', {}, i + 1),
        h('td', {}, ''),
        h('td', { class: 'verdict' }, h('span', { class: 'badge muted' }, '…')),
        h('td', {}, ''),
        h('td', {}, ''),
        h('td', {}, ''),
      );
    }
    const why = reasonText(t.verdict, t.reason || t.message || '');
    return h(
      'tr',
      { 'data-test': i + 1, 'data-verdict': t.verdict },
      h('td', {}, i + 1),
      h('td', {}, h('button', { type: 'button', class: 'link', title: "Show this test's details", onclick: () => this.show(i, t) }, t.name)),
      // The reason stays on one line (cut, whole in the tooltip): a long one must not make its row taller.
      h('td', { class: 'verdict', title: why }, badge(t.verdict), why && t.verdict !== 'AC' ? h('span', { class: 'why' }, why) : null),
      h('td', { class: 'num' }, t.verdict === 'SKIPPED' ? '' : seconds(t.cpuTime)),
      h('td', { class: 'num' }, t.verdict === 'SKIPPED' ? '' : bytes(t.memory)),
      h('td', { class: 'num' }, `${Math.round((t.score ?? 0) * 100)}%`),
    );
  }

  /** A test's messages and the start of its output, under the table. */
  private show(i: number, t: TestResult): void {
    const part = (label: string, text: string | undefined) => (text ? h('div', {}, h('h4', {}, label), h('pre', { class: 'pane', tabindex: 0 }, text)) : null);
    replace(
      this.detail,
      h('h3', {}, `Test ${i + 1} (${t.name}) `, badge(t.verdict)),
      part('Why', t.reason || t.message),
      part('Checker', t.checker),
      part('Output (start)', t.stdout ?? t.output),
      part('Errors (start)', t.stderr),
    );
    this.detail.hidden = false;
  }

  /** Mark the first pending row as the one running. */
  private mark(on = true): void {
    for (const r of this.body.querySelectorAll('tr.running')) r.classList.remove('running');
    if (on) this.body.children[this.filled]?.classList.add('running');
  }
}
