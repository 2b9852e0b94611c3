// #/problems: every problem on the server, with its limits and size.
import { listProblems } from '../api/problems.js';
import { errorBox } from '../api/errors.js';
import { ApiError } from '../api/client.js';
import { h, replace } from '../ui/dom.js';
import { points } from '../ui/format.js';
import { limitsText, testCount } from './format.js';
import { solvedProblems } from './history.js';

/** Render the problem list. */
export async function problemList(main: HTMLElement): Promise<void> {
  document.title = 'Problems · airlock';
  const body = h('div', { class: 'loading', 'aria-busy': 'true' }, 'Loading problems…');
  replace(main, h('div', { class: 'page' }, h('h1', {}, 'Problems'), h('p', {}, h('a', { href: '#/submissions' }, 'Your submissions to every problem')), body));
  try {
    const problems = await listProblems();
    const solved = solvedProblems();
    if (problems.length === 0) {
      replace(body, h('p', {}, 'No problems on this server yet. An operator adds them with POST /v1/problems (see the API docs).'));
    } else {
      replace(
        body,
        h(
          'table',
          { class: 'problems' },
          h('thead', {}, h('tr', {}, ...['Problem', 'Limits', 'Tests', 'Points'].map((c) => h('th', { scope: 'col' }, c)))),
          // Solved: accepted in this browser (there are no accounts; the marks are kept with the past submissions).
          h(
            'tbody',
            {},
            ...problems.map((p) =>
              h(
                'tr',
                { class: solved.has(p.id) ? 'solved' : null, 'data-id': p.id },
                h(
                  'td',
                  {},
                  h('a', { href: `#/problems/${encodeURIComponent(p.id)}` }, p.title ?? p.name),
                  solved.has(p.id) ? h('span', { class: 'solved-mark', title: 'Accepted in this browser' }, ' ✓ solved') : null,
                ),
                h('td', {}, limitsText(p.limits)),
                h('td', { class: 'num' }, testCount(p) || ''),
                h('td', { class: 'num' }, p.points !== undefined ? points(p.points) : ''),
              ),
            ),
          ),
        ),
      );
    }
  } catch (e) {
    replace(
      body,
      e instanceof ApiError && e.status === 404 ? h('p', {}, 'This server does not offer problems (its judging routes are not there).') : errorBox(e),
    );
  }
  // Loaded: the list is no longer greyed and indented as the "Loading…" line was.
  body.classList.remove('loading');
  body.removeAttribute('aria-busy');
}
