// The input field, kept responsive with a megabyte in it. A browser's text field inserts a pasted megabyte in
// seconds (the time grows with the square of the lines) and lays all of it out; so an input above BIG is held
// here instead, the field showing its start, read-only, with its size and a button to clear it.
import { h } from '../ui/dom.js';
import { bytes } from '../ui/format.js';

/** Inputs longer than this (characters) are held apart from the text field. */
export const BIG = 64 * 1024;
const PREVIEW = 2048;

/** The stdin text field and what it holds. */
export class InputField {
  readonly note = h('p', { class: 'hint big-input', hidden: true, 'aria-live': 'polite' });
  private big: string | undefined;

  constructor(
    readonly textarea: HTMLTextAreaElement,
    private readonly changed: (value: string) => void,
  ) {
    textarea.addEventListener('input', () => changed(textarea.value));
    textarea.addEventListener('paste', (e) => {
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (this.big !== undefined || textarea.value.length + text.length <= BIG) return;
      e.preventDefault();
      const { selectionStart: from, selectionEnd: to, value } = textarea;
      this.set(value.slice(0, from) + text + value.slice(to));
      changed(this.value);
    });
  }

  /** The whole input. */
  get value(): string {
    return this.big ?? this.textarea.value;
  }

  /** Put a text in the field; a big one is held apart and previewed. */
  set(value: string): void {
    if (value.length <= BIG) {
      this.big = undefined;
      this.textarea.readOnly = false;
      this.textarea.value = value;
      this.note.hidden = true;
      return;
    }
    this.big = value;
    this.textarea.readOnly = true;
    this.textarea.value = `${value.slice(0, PREVIEW)}\n…`;
    const clear = h('button', { type: 'button', class: 'link' }, 'clear it');
    clear.addEventListener('click', () => {
      this.set('');
      this.changed('');
      this.textarea.focus();
    });
    this.note.replaceChildren(
      `${bytes(new Blob([value]).size)} of input, too big to edit here: the start is shown, the whole is sent. You can `,
      clear,
      ' to type another.',
    );
    this.note.hidden = false;
  }
}
