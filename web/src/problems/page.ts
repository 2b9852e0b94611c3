// #/problems/<id>: the statement with its samples, an editor to submit from, the live verdict table,
// and this browser's past submissions to the problem.
import { ApiError } from '../api/client.js';
import { errorBox } from '../api/errors.js';
import { getLanguages } from '../api/languages.js';
import { cancelSubmission, followSubmission, getProblem, getSubmission, submit } from '../api/problems.js';
import type { Problem, Submission } from '../api/types.js';
import { createEditor } from '../editor/editor.js';
import { starter } from '../playground/starters.js';
import { h, replace } from '../ui/dom.js';
import { fillLanguages } from '../ui/language-picker.js';
import { load, save } from '../ui/store.js';
import { pastSubmissions, remember, settle, type PastSubmission } from './history.js';
import { limitsText, testCount } from './format.js';
import { renderHistory } from './history-table.js';
import { samples, statement } from './statement.js';
import { VerdictTable } from './verdicts.js';

/** Drafts per problem and language, and the last language used. */
interface Drafts {
  language: string;
  code: Record<string, string>;
}

/** Stop following the previous page's submission when the route changes. */
let unfollow: (() => void) | undefined;

/** Render one problem. */
export async function problemPage(main: HTMLElement, id: string): Promise<void> {
  unfollow?.();
  replace(main, h('div', { class: 'page loading', 'aria-busy': 'true' }, 'Loading the problem…'));
  let problem: Problem;
  try {
    problem = await getProblem(id);
  } catch (e) {
    replace(main, h('div', { class: 'page' }, h('p', {}, h('a', { href: '#/problems' }, '← All problems')), errorBox(e)));
    return;
  }
  document.title = `${problem.title ?? problem.name} · airlock`;
  const draftsKey = `airlock.drafts.${problem.id}`;
  const drafts = load<Drafts>(draftsKey, { language: load<{ language?: string }>('airlock.playground', {}).language ?? 'python3', code: {} });

  const select = h('select', { id: 'language', disabled: true });
  const submitButton = h(
    'button',
    { type: 'button', class: 'primary', id: 'submit', 'aria-keyshortcuts': 'Control+Enter Meta+Enter', disabled: true },
    'Submit',
  );
  const editorHost = h('div', { class: 'editor' });
  const table = new VerdictTable(testCount(problem), problem.groups?.length ?? 0);
  const history = h('section', { class: 'history', 'aria-labelledby': 'history-h' });

  replace(
    main,
    h(
      'div',
      { class: 'problem' },
      h(
        'article',
        { class: 'statement-col' },
        h('p', { class: 'crumbs' }, h('a', { href: '#/problems' }, '← All problems')),
        h('h1', {}, problem.title ?? problem.name),
        h('p', { class: 'muted limits' }, [limitsText(problem.limits), problem.interactive ? 'interactive' : ''].filter(Boolean).join(' · ')),
        h('div', { class: 'statement' }, statement(problem)),
        samples(problem),
      ),
      h(
        'section',
        { class: 'solve-col', 'aria-label': 'Your solution' },
        h('div', { class: 'toolbar' }, h('label', { for: 'language', class: 'inline' }, 'Language'), select, submitButton),
        editorHost,
        h('p', { id: 'editor-hint', class: 'hint' }, 'Ctrl+Enter (⌘+Enter) submits · Tab indents · Esc then Tab leaves the editor'),
        table.el,
        history,
      ),
    ),
  );

  const editor = createEditor(editorHost, {
    label: 'Your solution',
    onRun: () => void send(),
    onChange: (code) => {
      drafts.code[drafts.language] = code;
      save(draftsKey, drafts);
    },
  });
  const useLanguage = (lang: string) => {
    drafts.language = lang;
    editor.setCode(drafts.code[lang] ?? starter(lang));
    void editor.setLanguage(lang);
    save(draftsKey, drafts);
  };
  select.addEventListener('change', () => useLanguage(select.value));
  try {
    useLanguage(fillLanguages(select, await getLanguages(), drafts.language));
    submitButton.disabled = !select.value;
  } catch (e) {
    table.fail(errorBox(e));
  }

  const showHistory = () => renderHistory(history, pastSubmissions(problem.id), (p) => void view(p));

  /** The submission being judged: while there is one, Submit becomes Cancel. */
  let judging: string | undefined;
  const busy = (id: string | undefined) => {
    judging = id;
    submitButton.textContent = id ? 'Cancel' : 'Submit';
    submitButton.classList.toggle('danger', !!id);
    submitButton.disabled = !id && !select.value;
  };

  /** Follow a submission into the table until it is done. */
  const follow = (sub: Pick<Submission, 'id'>) => {
    unfollow?.();
    table.started();
    busy(sub.id);
    const finish = () => {
      busy(undefined);
      unfollow = undefined;
      showHistory();
    };
    unfollow = followSubmission(sub.id, {
      reset: () => table.started(),
      compile: (c) => table.compile(c),
      test: (t) => table.test(t),
      group: (g) => table.group(g),
      done: (s) => {
        table.done(s);
        settle({ ...s, id: s.id ?? sub.id });
        finish();
      },
      error: (e: ApiError) => {
        table.fail(errorBox(e));
        finish();
      },
    });
  };

  /** Submit the editor's code (Ctrl+Enter too); never a cancel, which only the button does. */
  async function send(): Promise<void> {
    if (judging || submitButton.disabled) return;
    submitButton.disabled = true;
    const language = select.value;
    const source = editor.getCode();
    try {
      const sub = await submit(problem.id, language, source);
      remember({ id: sub.id, problem: problem.id, language, at: Date.now(), source, state: sub.state, verdict: null, score: null, maxScore: null });
      showHistory();
      follow(sub);
    } catch (e) {
      table.fail(errorBox(e));
      submitButton.disabled = false;
    }
  }

  /** Cancel the submission being judged; its stream then ends with the cancelled submission. */
  async function cancel(): Promise<void> {
    if (!judging) return;
    try {
      await cancelSubmission(judging);
    } catch (e) {
      // Finished meanwhile: the stream brings the verdict anyway.
      if (!(e instanceof ApiError && e.code === 'AIRLOCK_ERR_SUBMISSION_FINISHED')) table.fail(errorBox(e));
    }
  }

  /** Show a past submission: its code back in the editor, its result in the table. */
  async function view(p: PastSubmission): Promise<void> {
    if (select.querySelector(`option[value="${CSS.escape(p.language)}"]`)) select.value = p.language;
    drafts.language = p.language;
    editor.setCode(p.source);
    void editor.setLanguage(p.language);
    try {
      const s = await getSubmission(p.id);
      if (s.state === 'queued' || s.state === 'running') follow(s);
      else table.done(s);
    } catch (e) {
      table.fail(errorBox(e));
    }
  }

  submitButton.addEventListener('click', () => void (judging ? cancel() : send()));
  showHistory();
}
