// A real terminal for interactive runs whose program has a pty in its box (`tty: true`, docs/api.md): xterm.js,
// loaded on first use so the playground's first visit does not pay for it.
import type { FitAddon } from '@xterm/addon-fit';
import type { Terminal as Xterm } from '@xterm/xterm';
import { h } from '../ui/dom.js';

/** The kinds of text a session writes, as the line terminal has them. */
export type TextKind = 'stdout' | 'stderr' | 'stdin' | 'note';

/** xterm.js and its fit addon, once per page. */
let loaded: Promise<{ Xterm: typeof Xterm; Fit: typeof FitAddon }> | undefined;
function loadXterm(): Promise<{ Xterm: typeof Xterm; Fit: typeof FitAddon }> {
  loaded ??= Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit'), import('@xterm/xterm/css/xterm.css')]).then(([x, f]) => ({
    Xterm: x.Terminal,
    Fit: f.FitAddon,
  }));
  return loaded;
}

/** Text that did not come through the pty (our notes, a compiler's errors): lines end as on a terminal, colour set apart. */
function asTerminalText(kind: TextKind, text: string): string {
  if (kind === 'stdout') return text; // the pty already made \r\n and carries the program's own colours
  const lines = text.replace(/\r?\n/g, '\r\n');
  return kind === 'stderr' ? `\x1b[31m${lines}\x1b[0m` : `\x1b[2m${lines}\x1b[0m`;
}

/** The xterm.js screen: keystrokes out as they are typed, the pty's bytes in, its size following the pane. */
export class TtyScreen {
  readonly el: HTMLElement;
  private term: Xterm | undefined;
  private fit: FitAddon | undefined;
  private ready: Promise<void> | undefined;
  private onInput: ((data: string) => void) | undefined;
  private onResize: ((cols: number, rows: number) => void) | undefined;

  constructor() {
    this.el = h('div', { class: 'tty-screen', role: 'group', 'aria-label': 'Terminal: the program runs on it; type here' });
    // The pane changes size with the window and the layout: the terminal follows, and so does the program's pty.
    new ResizeObserver(() => this.fit?.fit()).observe(this.el);
  }

  /** Load xterm.js and open it in the pane (once). */
  load(): Promise<void> {
    this.ready ??= loadXterm().then(({ Xterm, Fit }) => {
      const term = new Xterm({
        convertEol: false, // the pty sends \r\n itself; our own notes are converted in asTerminalText
        cursorBlink: true,
        fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || 'monospace',
        fontSize: 14,
        scrollback: 5000,
        theme: { background: '#0d1117', foreground: '#e6edf3' },
      });
      const fit = new Fit();
      term.loadAddon(fit);
      term.open(this.el);
      term.onData((data) => this.onInput?.(data));
      term.onResize(({ cols, rows }) => this.onResize?.(cols, rows));
      this.term = term;
      this.fit = fit;
      fit.fit();
    });
    return this.ready;
  }

  /** A new session: clear the screen, send keystrokes and size changes to it, take the focus. */
  attach(onInput: (data: string) => void, onResize: (cols: number, rows: number) => void): void {
    this.onInput = onInput;
    this.onResize = onResize;
    void this.load().then(() => {
      const term = this.term!;
      term.reset();
      this.fit!.fit();
      // The size now, even if it did not change: the session starts at 80x24 otherwise.
      if (this.onResize === onResize) onResize(term.cols, term.rows);
      term.focus();
    });
  }

  /** The session ended: keystrokes go nowhere. */
  detach(): void {
    this.onInput = this.onResize = undefined;
  }

  /** Show text; what arrives before xterm.js has loaded waits for it, in order. */
  write(kind: TextKind, text: string): void {
    if (!text) return;
    void this.load().then(() => this.term!.write(asTerminalText(kind, text)));
  }

  /** What the screen shows, line by line (the tests read it). */
  text(): string {
    const b = this.term?.buffer.active;
    if (!b) return '';
    const lines: string[] = [];
    for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n').trimEnd();
  }
}
