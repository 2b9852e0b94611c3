// Interactive mode's terminal: the program's output as it comes (stderr marked), what you typed echoed in place,
// and an input line that sends a line on Enter and end-of-file on Ctrl+D.
import { h } from '../ui/dom.js';

/** The terminal pane. */
export class Terminal {
  readonly el: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly screen: HTMLPreElement;
  private onLine: ((line: string) => void) | undefined;
  private onEof: (() => void) | undefined;

  constructor() {
    this.screen = h('pre', { class: 'screen', role: 'log', 'aria-live': 'polite', 'aria-label': 'Program output', tabindex: 0 });
    this.input = h('input', {
      type: 'text',
      class: 'term-input',
      'aria-label': 'Input to the running program (Enter sends a line, Ctrl+D ends the input)',
      placeholder: 'Type input here and press Enter · Ctrl+D ends input',
      autocomplete: 'off',
      spellcheck: 'false',
      disabled: true,
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        const line = this.input.value;
        this.input.value = '';
        this.write('stdin', `${line}\n`);
        this.onLine?.(`${line}\n`);
      } else if (e.key === 'd' && e.ctrlKey) {
        e.preventDefault();
        if (this.input.value) {
          this.onLine?.(this.input.value);
          this.write('stdin', this.input.value);
        }
        this.input.value = '';
        this.write('note', '^D\n');
        this.onEof?.();
      }
    });
    this.el = h(
      'section',
      { class: 'terminal', 'aria-label': 'Terminal' },
      this.screen,
      h('div', { class: 'prompt' }, h('span', { 'aria-hidden': 'true' }, '›'), this.input),
    );
  }

  /** Clear the screen and start taking input for a new session. */
  attach(onLine: (line: string) => void, onEof: () => void): void {
    this.screen.textContent = '';
    this.onLine = onLine;
    this.onEof = onEof;
    this.input.disabled = false;
    this.input.focus();
  }

  /** The session ended: input is off. */
  detach(): void {
    this.onLine = this.onEof = undefined;
    this.input.disabled = true;
  }

  /** Append text; stderr, echoed stdin and notes are styled apart. */
  write(kind: 'stdout' | 'stderr' | 'stdin' | 'note', text: string): void {
    if (!text) return;
    const s = this.screen;
    // Follow the output unless the reader scrolled up to read something.
    const follow = s.scrollHeight - s.scrollTop - s.clientHeight < 40;
    const last = this.screen.lastElementChild as HTMLElement | null;
    // Consecutive chunks of one kind share a span: a chatty program does not make thousands of nodes.
    if (last?.dataset.kind === kind) last.append(text);
    else this.screen.append(h('span', { class: `t-${kind}`, 'data-kind': kind }, text));
    if (follow) s.scrollTop = s.scrollHeight;
  }

  /** Everything shown, as text. */
  text(): string {
    return this.screen.textContent ?? '';
  }
}
