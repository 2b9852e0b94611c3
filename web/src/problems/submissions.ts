// #/submissions: this browser's submissions to every problem, newest first (there are no accounts: they are
// kept in this browser), each linking to its problem.
import { h, replace } from '../ui/dom.js';
import { points, when } from '../ui/format.js';
import { badge } from '../ui/status.js';
import { allSubmissions } from './history.js';

/** Render the list of submissions across problems. */
export function submissionList(main: HTMLElement): void {
  document.title = 'Your submissions · airlock';
  const all = allSubmissions();
  replace(
    main,
    h(
      'div',
      { class: 'page' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/problems' }, '← All problems')),
      h('h1', {}, 'Your submissions'),
      all.length === 0
        ? h('p', { class: 'muted' }, 'None yet. Submissions are kept in this browser only.')
        : h(
            'table',
            { class: 'past all-submissions' },
            h('thead', {}, h('tr', {}, ...['When', 'Problem', 'Language', 'Verdict', 'Score'].map((c) => h('th', { scope: 'col' }, c)))),
            h(
              'tbody',
              {},
              ...all.map((p) =>
                h(
                  'tr',
                  { 'data-id': p.id },
                  h('td', {}, when(p.at)),
                  h('td', {}, h('a', { href: `#/problems/${encodeURIComponent(p.problem)}` }, p.title ?? p.problem)),
                  h('td', {}, p.language),
                  h('td', {}, p.verdict ? badge(p.verdict) : h('span', { class: 'muted' }, p.state)),
                  h('td', { class: 'num' }, p.maxScore ? `${points(p.score ?? 0)} / ${points(p.maxScore)}` : ''),
                ),
              ),
            ),
          ),
    ),
  );
}
