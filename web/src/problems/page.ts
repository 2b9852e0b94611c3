// #/problems/<id>: the statement with its samples, an editor to run and submit from, the live verdict table,
// and this browser's past submissions to the problem.
import { ApiError } from '../api/client.js';
import { errorBox } from '../api/errors.js';
import { getLanguages } from '../api/languages.js';
import { cancelSubmission, followSubmission, getProblem, getSubmission, submit } from '../api/problems.js';
import type { Problem, Submission } from '../api/types.js';
import { diagnostics } from '../editor/diagnostics.js';
import { createEditor } from '../editor/editor.js';
import { starter } from '../playground/starters.js';
import { h, replace } from '../ui/dom.js';
import { fontSizePicker } from '../ui/font-size.js';
import { when } from '../ui/format.js';
import { fillLanguages } from '../ui/language-picker.js';
import { badge } from '../ui/status.js';
import { load, save } from '../ui/store.js';
import { pastSubmissions, remember, settle, type PastSubmission } from './history.js';
import { limitsText, testCount } from './format.js';
import { renderHistory } from './history-table.js';
import { renderMath, samples, statement } from './statement.js';
import { rememberOrder, testOrder } from './test-order.js';
import { TryRun } from './try-run.js';
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
  // Interactive problems need their interactor: their samples cannot be run here, only submitted.
  const runButton = problem.interactive
    ? null
    : h('button', { type: 'button', id: 'run', 'aria-keyshortcuts': 'Control+Enter Meta+Enter', disabled: true }, 'Run');
  const submitButton = h(
    'button',
    { type: 'button', class: 'primary', id: 'submit', 'aria-keyshortcuts': 'Control+Shift+Enter Meta+Shift+Enter', disabled: true },
    'Submit',
  );
  const editorHost = h('div', { class: 'editor' });
  const order = testOrder(problem);
  // Test details show the input and answer of the samples, and of every test when the package makes them public.
  const table = new VerdictTable(testCount(problem), problem.groups?.length ?? 0, order, [...(problem.publicTests ?? []), ...problem.samples]);
  const tryRun = problem.interactive ? null : new TryRun(problem);
  const history = h('section', { class: 'history', 'aria-labelledby': 'history-h' });
  /** A past submission's code, shown beside the editor rather than over what is being written. */
  const pastCode = h('section', { class: 'past-code', hidden: true, 'aria-labelledby': 'past-code-h' });
  const statementEl = h('div', { class: 'statement' }, statement(problem));

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
        statementEl,
        samples(problem),
      ),
      h(
        'section',
        { class: 'solve-col', 'aria-label': 'Your solution' },
        h('div', { class: 'toolbar' }, h('label', { for: 'language', class: 'inline' }, 'Language'), select, runButton, submitButton, fontSizePicker()),
        editorHost,
        h(
          'p',
          { id: 'editor-hint', class: 'hint' },
          runButton
            ? 'Ctrl+Enter (⌘+Enter) runs on the samples or your input · Ctrl+Shift+Enter submits · Tab indents · Esc then Tab leaves the editor'
            : 'Ctrl+Shift+Enter (⌘+Shift+Enter) submits · Tab indents · Esc then Tab leaves the editor',
        ),
        pastCode,
        tryRun?.el,
        table.el,
        history,
      ),
    ),
  );
  void renderMath(statementEl);

  const editor = createEditor(editorHost, {
    label: 'Your solution',
    onRun: () => void (runButton ? tryIt() : send()),
    onSubmit: () => void send(),
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
    if (runButton) runButton.disabled = !select.value;
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

  /** Compile errors marked in the editor when the code judged is still the code there. */
  const markCompile = (s: Pick<Submission, 'compile'>, source: string) => {
    const c = s.compile;
    const text = c ? (c.output ?? [c.stdout, c.stderr].filter(Boolean).join('\n')) : '';
    if (text && c?.status !== 'OK' && editor.getCode() === source) editor.setDiagnostics(diagnostics(text, editor.view.state.doc));
  };

  /** Follow a submission into the table until it is done. */
  const follow = (sub: Pick<Submission, 'id'>, source = '') => {
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
      connection: (ok) => table.judging(ok ? 'Judging…' : 'The connection to the server was lost: trying again…', !ok),
      compile: (c) => table.compile(c),
      test: (t) => table.test(t),
      group: (g) => table.group(g),
      done: (s) => {
        table.done(s);
        if (s.state === 'done') rememberOrder(problem, s.tests ?? []);
        settle({ ...s, id: s.id ?? sub.id });
        markCompile(s, source);
        finish();
      },
      error: (e: ApiError) => {
        table.fail(errorBox(e));
        finish();
      },
    });
  };

  /** Run on the samples or custom input (Ctrl+Enter): nothing is submitted. */
  async function tryIt(): Promise<void> {
    if (!tryRun || !runButton || runButton.disabled) return;
    runButton.disabled = true;
    const source = editor.getCode();
    editor.setDiagnostics([]);
    try {
      const compile = await tryRun.run(select.value, source);
      if (compile && editor.getCode() === source) editor.setDiagnostics(diagnostics(compile, editor.view.state.doc));
    } finally {
      runButton.disabled = !select.value;
    }
  }

  /** Submit the editor's code (Ctrl+Shift+Enter too); never a cancel, which only the button does. */
  async function send(): Promise<void> {
    if (judging || submitButton.disabled) return;
    submitButton.disabled = true;
    const language = select.value;
    const source = editor.getCode();
    editor.setDiagnostics([]);
    try {
      const sub = await submit(problem.id, language, source);
      remember({
        id: sub.id,
        problem: problem.id,
        title: problem.title ?? problem.name,
        language,
        at: Date.now(),
        source,
        state: sub.state,
        verdict: null,
        score: null,
        maxScore: null,
      });
      showHistory();
      follow(sub, source);
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

  /**
   * Show a past submission: its result in the table and its code beside the editor, which keeps what is being
   * written. "Use this code" puts it in the editor as one edit that Ctrl+Z takes back.
   */
  async function view(p: PastSubmission): Promise<void> {
    const use = h('button', { type: 'button', class: 'use-code' }, 'Use this code');
    use.addEventListener('click', () => {
      if (p.language !== drafts.language && select.querySelector(`option[value="${CSS.escape(p.language)}"]:not([disabled])`)) {
        select.value = p.language;
        useLanguage(p.language);
      }
      editor.replaceCode(p.source);
      editor.view.focus();
    });
    replace(
      pastCode,
      h(
        'div',
        { class: 'past-code-head' },
        h('h2', { id: 'past-code-h' }, `Submission of ${when(p.at)} (${p.language})`),
        p.verdict ? badge(p.verdict) : null,
        use,
        h('button', { type: 'button', onclick: () => (pastCode.hidden = true) }, 'Close'),
      ),
      h('pre', { class: 'pane past-source', tabindex: 0, 'aria-label': "The submission's code" }, p.source),
    );
    pastCode.hidden = false;
    try {
      const s = await getSubmission(p.id);
      if (s.state === 'queued' || s.state === 'running') follow(s);
      else table.done(s);
    } catch (e) {
      table.fail(errorBox(e));
    }
  }

  /**
   * After a reload (or coming back to the page), submissions this browser saw queued or running are asked about
   * again: finished ones get their outcome, and the newest still being judged is followed live.
   */
  async function resume(): Promise<void> {
    const open = pastSubmissions(problem.id).filter((p) => p.state === 'queued' || p.state === 'running');
    let followed = false;
    for (const p of open) {
      try {
        const s = await getSubmission(p.id);
        if ((s.state === 'queued' || s.state === 'running') && !followed && !judging) {
          followed = true;
          follow(s, p.source);
        } else if (s.state !== 'queued' && s.state !== 'running') settle(s);
      } catch (e) {
        // Gone from the server (deleted after its retention): it will never finish.
        if (e instanceof ApiError && e.code === 'AIRLOCK_ERR_SUBMISSION_NOT_FOUND')
          settle({ id: p.id, state: 'failed', verdict: null, score: null, maxScore: null });
      }
    }
    if (open.length) showHistory();
  }

  submitButton.addEventListener('click', () => void (judging ? cancel() : send()));
  runButton?.addEventListener('click', () => void tryIt());
  showHistory();
  void resume();
}
