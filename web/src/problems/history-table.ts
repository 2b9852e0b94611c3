// This browser's past submissions to a problem, as a table with a button to reopen each.
import { h, replace } from '../ui/dom.js';
import { points, when } from '../ui/format.js';
import { badge } from '../ui/status.js';
import type { PastSubmission } from './history.js';

/** The past submissions table. */
export function renderHistory(el: HTMLElement, past: PastSubmission[], open: (p: PastSubmission) => void): void {
  replace(
    el,
    h('h2', { id: 'history-h' }, 'Your submissions'),
    past.length === 0
      ? h('p', { class: 'muted' }, 'None yet. They are kept in this browser only.')
      : h(
          'table',
          { class: 'past' },
          h('thead', {}, h('tr', {}, ...['When', 'Language', 'Verdict', 'Score', ''].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            ...past.map((p) =>
              h(
                'tr',
                { 'data-id': p.id },
                h('td', {}, when(p.at)),
                h('td', {}, p.language),
                h('td', {}, p.verdict ? badge(p.verdict) : h('span', { class: 'muted' }, p.state)),
                h('td', { class: 'num' }, p.maxScore ? `${points(p.score ?? 0)} / ${points(p.maxScore)}` : ''),
                h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => open(p) }, 'Open')),
              ),
            ),
          ),
        ),
  );
}
