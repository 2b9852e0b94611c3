// The result area: a status line (badge, CPU time, wall time, memory, exit) and tabbed panes for stdout, stderr and
// the compiler's output. Every part has a fixed size from the start, so nothing jumps when a result arrives.
import { cut, type Cut } from '../api/big-output.js';
import type { RunResult, Stage } from '../api/types.js';
import { hasControls, renderAnsi } from '../ui/ansi.js';
import { h, replace, uid } from '../ui/dom.js';
import { bytes, readableSizes, seconds } from '../ui/format.js';
import { badge } from '../ui/status.js';

type Pane = 'stdout' | 'stderr' | 'compile';

/** Output text: base64 results (not valid UTF-8) are decoded with replacement characters for display. */
export function outputText(text: string, encoding: RunResult['encoding']): string {
  if (encoding !== 'base64') return text;
  const bin = atob(text);
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The compiler's messages, stdout then stderr. */
function compileText(c: Stage | null, encoding: RunResult['encoding']): string {
  if (!c) return '';
  return [outputText(c.stdout, encoding), outputText(c.stderr, encoding)].filter(Boolean).join('\n');
}

/** Why a run ended, in words: exit code, signal, or the sandbox's message. */
export function ending(r: Stage): string {
  if (r.status === 'RE') return r.signal ? `killed by signal ${r.signal}` : `exit code ${r.exitCode}`;
  if (r.status === 'OK') return `exit code ${r.exitCode}`;
  return readableSizes(r.message);
}

/** Characters per lazily laid out block of a long output. */
const CHUNK = 4096;

/** 1234567 as "1,234,567" (toLocaleString's first call loads number formatting: tens of milliseconds). */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/** A pane's text, or the head and tail of one too big to show, around a note with a download of the whole. */
export function outputView(text: string, big: Cut | undefined, name: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const part = (t: string) => {
    if (hasControls(t)) return renderAnsi(t);
    if (t.length <= CHUNK) return document.createTextNode(t);
    // Blocks of lines that the browser lays out only when scrolled to (content-visibility): a pane of tens of
    // thousands of characters is drawn in milliseconds.
    const f = document.createDocumentFragment();
    for (let i = 0; i < t.length;) {
      const nl = t.indexOf('\n', i + CHUNK);
      const end = nl === -1 ? t.length : nl + 1;
      f.append(h('span', { class: 'chunk' }, t.slice(i, end)));
      i = end;
    }
    return f;
  };
  const c = big ?? cut(text);
  if (!c) {
    out.append(part(text));
    return out;
  }
  // An object URL is made when the link is first used, and kept for the page's life (it is one per shown output).
  const download = h('a', { href: '#', class: 'download', download: `${name.replace(/ /g, '-')}.txt` }, `download the whole ${name} (${bytes(c.whole.size)})`);
  download.addEventListener('click', (e) => {
    if (download.getAttribute('href') !== '#') return;
    e.preventDefault();
    download.href = URL.createObjectURL(c.whole);
    download.click();
  });
  const lines = c.hiddenLines ? `, ${grouped(c.hiddenLines)} lines,` : '';
  out.append(
    part(c.head),
    h('span', { class: 'cut', 'data-cut': c.hiddenChars }, `\n… ${grouped(c.hiddenChars)} characters${lines} not shown here: `, download, ' …\n\n'),
    part(c.tail),
  );
  return out;
}

/** The status line and the panes. */
export class Output {
  readonly el: HTMLElement;
  private readonly status = h('div', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
  private readonly tabs = new Map<Pane, { tab: HTMLButtonElement; panel: HTMLPreElement }>();

  constructor() {
    const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Output' });
    const panels = h('div', { class: 'panels' });
    for (const [pane, label] of [
      ['stdout', 'Output'],
      ['stderr', 'Errors'],
      ['compile', 'Compiler'],
    ] as const) {
      const id = uid(pane);
      const tab = h('button', { type: 'button', role: 'tab', id: `${id}-tab`, 'aria-controls': id, 'data-pane': pane, onclick: () => this.show(pane) }, label);
      tab.addEventListener('keydown', (e) => this.arrows(e, pane));
      const panel = h('pre', { class: 'pane', role: 'tabpanel', id, 'aria-labelledby': `${id}-tab`, tabindex: 0, 'data-pane': pane });
      this.tabs.set(pane, { tab, panel });
      list.append(tab);
      panels.append(panel);
    }
    this.el = h('section', { class: 'output', 'aria-label': 'Result' }, this.status, list, panels);
    this.clear();
  }

  /** Empty panes and an idle status line. */
  clear(note = 'Not run yet. Press Run or Ctrl+Enter.'): void {
    for (const { panel, tab } of this.tabs.values()) {
      panel.textContent = '';
      tab.classList.remove('has');
    }
    replace(this.status, h('span', { class: 'muted' }, note));
    this.show('stdout');
  }

  /** The run is on its way. */
  running(note = 'Running…'): void {
    this.clear(note);
    this.status.prepend(h('span', { class: 'spinner', 'aria-hidden': 'true' }));
  }

  /** Add an element (a countdown) to the status line. */
  note(el: HTMLElement): void {
    this.status.append(el);
  }

  /** Show a finished run's result and bring the most telling pane forward; `cuts` are outputs too big to show whole. */
  result(r: RunResult, cuts: Partial<Record<Pane, Cut>> = {}): void {
    const texts: Record<Pane, string> = {
      stdout: outputText(r.stdout, r.encoding),
      stderr: outputText(r.stderr, r.encoding),
      compile: compileText(r.compile, r.encoding),
    };
    for (const [pane, { panel, tab }] of this.tabs) {
      panel.replaceChildren(outputView(texts[pane], cuts[pane], pane === 'compile' ? 'compiler output' : pane));
      tab.classList.toggle('has', texts[pane] !== '' || cuts[pane] !== undefined);
    }
    const has = (p: Pane) => texts[p] !== '' || cuts[p] !== undefined;
    this.show(r.status === 'CE' ? 'compile' : has('stdout') || !has('stderr') ? 'stdout' : 'stderr');
    this.summary(r, r.encoding === 'base64' || r.lossy ? 'output is not valid UTF-8; shown with replacement characters' : '');
  }

  /** The status line alone (interactive runs show their output in the terminal). The compile's time apart from the run's. */
  summary(r: Stage & { compile?: Stage | null }, note = ''): void {
    const metric = (name: string, value: string, label = name) =>
      h('span', { class: 'metric' }, h('span', { class: 'muted' }, label), ' ', h('span', { 'data-metric': name }, value));
    replace(
      this.status,
      badge(r.status),
      r.compile ? metric('compile', seconds(r.compile.wallTime), 'compiled in') : null,
      metric('CPU', seconds(r.cpuTime)),
      metric('wall', seconds(r.wallTime)),
      metric('memory', bytes(r.memory)),
      h('span', { class: 'ending', title: ending(r) }, ending(r)),
      note ? h('span', { class: 'muted small' }, note) : null,
    );
  }

  /** Scroll the status line into view when it is off screen (below the editor on a phone). */
  reveal(): void {
    const r = this.status.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) this.status.scrollIntoView({ block: 'start' });
  }

  /** Put an element (an error box) in the status line. */
  message(el: HTMLElement): void {
    this.clear();
    replace(this.status, el);
  }

  private show(pane: Pane): void {
    for (const [p, { tab, panel }] of this.tabs) {
      const on = p === pane;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      panel.hidden = !on;
    }
  }

  /** Arrow keys move between tabs (the WAI-ARIA tabs pattern). */
  private arrows(e: KeyboardEvent, pane: Pane): void {
    const order: Pane[] = ['stdout', 'stderr', 'compile'];
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = order[(order.indexOf(pane) + step + order.length) % order.length]!;
    this.show(next);
    this.tabs.get(next)!.tab.focus();
    e.preventDefault();
  }
}
