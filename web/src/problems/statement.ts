// A problem's statement and samples, as the page shows them.
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

/** The statement's samples: input and expected output side by side. */
export function samples(p: Problem): HTMLElement | null {
  if (!p.samples?.length) return null;
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
        h(
          'div',
          { class: 'sample-io' },
          h('figure', {}, h('figcaption', {}, 'Input'), h('pre', { tabindex: 0 }, s.input)),
          h('figure', {}, h('figcaption', {}, 'Output'), h('pre', { tabindex: 0 }, s.output ?? '')),
        ),
      ),
    ),
  );
}
