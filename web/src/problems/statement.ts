// A problem's statement and samples, as the page shows them: math typeset by KaTeX, samples with Copy buttons.
import type { Problem } from '../api/types.js';
import { h } from '../ui/dom.js';
import { renderMarkdown } from './markdown.js';

/** The statement, without its first heading when that only repeats the title shown above it. */
export function statement(p: Problem): DocumentFragment {
  const out = renderMarkdown(p.statement ?? '');
  const first = out.firstElementChild;
  if (first?.localName === 'h1' && first.textContent?.trim() === (p.title ?? p.name).trim()) first.remove();
  return out;
}

/**
 * Typeset the statement's math ($…$ and $$…$$, left by the Markdown step as code elements holding the TeX).
 * KaTeX and its fonts load only for statements that have math. KaTeX builds its output from the TeX itself with
 * `trust: false` (no \href, \url, \htmlClass or other commands that reach outside the formula), so a hostile
 * formula is at worst an ugly one.
 */
export async function renderMath(el: HTMLElement): Promise<void> {
  const nodes = Array.from(el.querySelectorAll<HTMLElement>('code.math-inline, code.math-display'));
  if (nodes.length === 0) return;
  const { default: katex } = await import('./katex.js');
  for (const node of nodes) {
    const display = node.classList.contains('math-display');
    const out = h(display ? 'div' : 'span', { class: display ? 'math math-display' : 'math' });
    katex.render(node.textContent ?? '', out, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', maxExpand: 1000, maxSize: 20 });
    (display && node.parentElement?.localName === 'pre' ? node.parentElement : node).replaceWith(out);
  }
}

/** A Copy button for a sample's text; where the clipboard is refused, the text is selected to copy by hand. */
function copyButton(text: string, label: string, pre: HTMLElement): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'copy', 'aria-label': label }, 'Copy');
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(text).then(
      () => (button.textContent = 'Copied'),
      () => {
        getSelection()?.selectAllChildren(pre);
        button.textContent = 'Press Ctrl+C';
      },
    );
    setTimeout(() => (button.textContent = 'Copy'), 2000);
  });
  return button;
}

/** The statement's samples: input and expected output side by side, each with a Copy button. */
export function samples(p: Problem): HTMLElement | null {
  if (!p.samples?.length) return null;
  const figure = (caption: string, text: string, n: number) => {
    const pre = h('pre', { tabindex: 0 }, text);
    return h('figure', {}, h('figcaption', {}, caption, copyButton(text, `Copy sample ${n} ${caption.toLowerCase()}`, pre)), pre);
  };
  return h(
    'section',
    { class: 'samples', 'aria-labelledby': 'samples-h' },
    h('h2', { id: 'samples-h' }, p.samples.length === 1 ? 'Sample' : 'Samples'),
    ...p.samples.map((s, i) =>
      h(
        'div',
        { class: 'sample' },
        // Names that only number the sample ("01", "sample-2") add nothing to "Sample 2".
        p.samples.length > 1 ? h('h3', {}, `Sample ${i + 1}${s.name && !/^(sample[-_ ]?)?\d+$/i.test(s.name) ? ` (${s.name})` : ''}`) : null,
        h('div', { class: 'sample-io' }, figure('Input', s.input, i + 1), figure('Output', s.output ?? '', i + 1)),
      ),
    ),
  );
}
