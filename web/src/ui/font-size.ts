// The code's font size, one setting for every editor and output pane, remembered in this browser.
import { h, uid } from './dom.js';
import { load, save } from './store.js';

const KEY = 'airlock.fontSize';
const SIZES = [12, 13, 14, 16, 18, 20, 24];

/** Apply the saved size (at start, before any editor is drawn). */
export function applyFontSize(): void {
  document.documentElement.style.setProperty('--code-size', `${load<number>(KEY, 14)}px`);
}

/** A labelled picker of the code's font size. */
export function fontSizePicker(): HTMLElement {
  const id = uid('font-size');
  const current = load<number>(KEY, 14);
  const select = h('select', { id, class: 'font-size' }, ...SIZES.map((n) => h('option', { value: String(n), selected: n === current }, `${n} px`)));
  select.addEventListener('change', () => {
    save(KEY, Number(select.value));
    applyFontSize();
  });
  return h('span', { class: 'font-size-field' }, h('label', { for: id, class: 'inline' }, 'Size'), select);
}
