// Interactive mode's pane: the line terminal, or, with "Terminal (tty)" on, xterm.js over a pty in the box
// (the program sees a terminal: prompts without a newline show at once, colours and \r work).
import { h } from '../ui/dom.js';
import { load, save } from '../ui/store.js';
import { Terminal } from './terminal.js';
import { type TextKind, TtyScreen } from './tty.js';
import './terminal-pane.css';

const STORE_KEY = 'airlock.playground.tty';

/** The pane interactive sessions attach to; it decides, per session, which terminal they get. */
export class TerminalPane {
  readonly el: HTMLElement;
  private readonly lines = new Terminal();
  private readonly tty = new TtyScreen();
  private readonly choice: HTMLInputElement;
  /** The terminal of the session now running, fixed when it starts. */
  private ttySession = false;

  constructor() {
    this.choice = h('input', { type: 'checkbox', id: 'tty', checked: load(STORE_KEY, false) });
    this.choice.addEventListener('change', () => {
      save(STORE_KEY, this.choice.checked);
      this.show(this.choice.checked);
    });
    this.el = h(
      'div',
      { class: 'terminal-pane' },
      h('label', { class: 'tty-choice', for: 'tty' }, this.choice, 'Terminal (tty): the program sees a real terminal'),
      this.lines.el,
      this.tty.el,
    );
    this.show(this.choice.checked);
  }

  private show(tty: boolean): void {
    this.lines.el.hidden = tty;
    this.tty.el.hidden = !tty;
    if (tty) void this.tty.load(); // ready before the first run
  }

  /** The stream request for a new session: with a terminal when it is on (`tty: true`, docs/api.md). */
  request<R extends object>(req: R): R & { tty?: true } {
    return this.choice.checked ? { ...req, tty: true } : req;
  }

  /** A session starts: raw keystrokes and size changes (tty), or whole lines (the line terminal). */
  attach(onInput: (text: string) => void, onEof: () => void, onResize?: (cols: number, rows: number) => void): void {
    this.ttySession = this.choice.checked;
    this.choice.disabled = true; // a running session keeps the terminal it started with
    if (this.ttySession) this.tty.attach(onInput, (cols, rows) => onResize?.(cols, rows));
    else this.lines.attach(onInput, onEof);
  }

  /** The session ended. */
  detach(): void {
    this.choice.disabled = false;
    this.lines.detach();
    this.tty.detach();
  }

  /** Output and notes, to the session's terminal. */
  write(kind: TextKind, text: string): void {
    if (this.ttySession) this.tty.write(kind, text);
    else this.lines.write(kind, text);
  }

  /** Everything shown, as text. */
  text(): string {
    return this.ttySession ? this.tty.text() : this.lines.text();
  }
}
