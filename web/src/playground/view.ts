// The playground: editor, language, stdin and arguments, Run (batch) or an interactive terminal, and share links.
import { ApiError } from '../api/client.js';
import { errorBox } from '../api/errors.js';
import { getLanguages } from '../api/languages.js';
import type { RunRequest } from '../api/types.js';
import { runOffThread } from '../api/run-off-thread.js';
import { runFailure } from '../api/runs.js';
import { diagnostics } from '../editor/diagnostics.js';
import { createEditor } from '../editor/editor.js';
import { h, replace } from '../ui/dom.js';
import { fontSizePicker } from '../ui/font-size.js';
import { fillLanguages } from '../ui/language-picker.js';
import { load, save } from '../ui/store.js';
import { joinArgs, splitArgs } from './args.js';
import { runInteractive } from './interactive.js';
import { LimitField } from './limits.js';
import { BIG, InputField } from './big-input.js';
import { Output, outputText } from './output.js';
import { decodeShare, encodeShare, type Shared } from './share.js';
import { starter } from './starters.js';
import { TerminalPane } from './terminal-pane.js';

const KEY = 'airlock.playground';

/** What the playground remembers in this browser: a draft per language, the input, arguments and mode. */
interface Saved {
  language: string;
  drafts: Record<string, string>;
  stdin: string;
  args: string;
  /** CPU seconds and MiB; empty for the server's defaults. */
  time?: string;
  memory?: string;
  mode: 'batch' | 'interactive';
}

/** Render the playground into `main`; `share` is a share link's payload to restore. */
export async function playground(main: HTMLElement, share: string | undefined): Promise<void> {
  document.title = 'Playground · airlock';
  const saved = load<Saved>(KEY, { language: 'python3', drafts: {}, stdin: '', args: '', mode: 'batch' });
  const persist = () => save(KEY, saved);

  const select = h('select', { id: 'language', disabled: true }, h('option', {}, 'Loading languages…'));
  const runButton = h('button', { type: 'button', class: 'primary', id: 'run', 'aria-keyshortcuts': 'Control+Enter Meta+Enter' }, 'Run');
  const shareButton = h('button', { type: 'button', id: 'share' }, 'Share');
  const shareOut = h('output', { class: 'share-out', 'aria-live': 'polite' });
  const modeInputs = (['batch', 'interactive'] as const).map((m) => h('input', { type: 'radio', name: 'mode', value: m, checked: saved.mode === m }));
  const modes = modeInputs.map((input) => h('label', { class: 'seg' }, input, input.value === 'batch' ? 'Batch' : 'Interactive'));
  const stdin = h('textarea', { id: 'stdin', rows: 5, spellcheck: 'false' });
  // An input held apart (over BIG) is not kept in this browser: writing a megabyte to localStorage on every change
  // blocked the page for over 100 ms per paste on a slow machine (localStorage is synchronous).
  const input = new InputField(stdin, (value) => viewingShare || ((saved.stdin = value.length > BIG ? '' : value), persist()));
  input.set(saved.stdin);
  const args = h('input', { id: 'args', type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: 'e.g. one "two words"', value: saved.args });
  const timeField = new LimitField('cpuTime', saved.time ?? '');
  const memoryField = new LimitField('memory', saved.memory ?? '');
  const [time, memory] = [timeField.input, memoryField.input];
  const output = new Output();
  const terminal = new TerminalPane();
  const editorHost = h('div', { class: 'editor' });
  const stdinField = h('div', { class: 'field' }, h('label', { for: 'stdin' }, 'Input (stdin)'), stdin, input.note);

  replace(
    main,
    h(
      'div',
      { class: 'playground' },
      h('h1', { class: 'sr-only' }, 'Playground'),
      h(
        'section',
        { class: 'code-col', 'aria-label': 'Code' },
        h(
          'div',
          { class: 'toolbar' },
          h('label', { for: 'language', class: 'inline' }, 'Language'),
          select,
          h('fieldset', { class: 'segmented' }, h('legend', { class: 'sr-only' }, 'Mode'), ...modes),
          runButton,
          shareButton,
          fontSizePicker(),
        ),
        editorHost,
        h('p', { id: 'editor-hint', class: 'hint' }, 'Ctrl+Enter (⌘+Enter) runs · Tab indents · Esc then Tab leaves the editor'),
        shareOut,
      ),
      h(
        'section',
        { class: 'io-col', 'aria-label': 'Input and output' },
        stdinField,
        h(
          'div',
          { class: 'row' },
          h('div', { class: 'field grow' }, h('label', { for: 'args' }, 'Arguments'), args),
          h('div', { class: 'field small-field' }, h('label', { for: 'time' }, 'CPU time (s)'), time),
          h('div', { class: 'field small-field' }, h('label', { for: 'memory' }, 'Memory (MiB)'), memory),
        ),
        output.el,
        terminal.el,
      ),
    ),
  );

  const editor = createEditor(editorHost, {
    label: 'Source code',
    onRun: () => void run(),
    onChange: (code) => {
      // A shared program is its own document: editing it never touches this browser's draft.
      if (viewingShare) return;
      saved.drafts[saved.language] = code;
      persist();
    },
  });

  const mode = () => (modeInputs.find((i) => i.checked)?.value ?? 'batch') as Saved['mode'];
  const showMode = () => {
    const interactive = mode() === 'interactive';
    stdinField.hidden = interactive;
    output.el.classList.toggle('compact', interactive);
    terminal.el.hidden = !interactive;
    saved.mode = mode();
    persist();
  };
  for (const i of modeInputs) i.addEventListener('change', showMode);
  showMode();

  args.addEventListener('input', () => viewingShare || ((saved.args = args.value), persist()));
  time.addEventListener('input', () => ((saved.time = time.value), persist()));
  memory.addEventListener('input', () => ((saved.memory = memory.value), persist()));
  /** The limits typed in, as the API wants them (seconds, bytes); the server's defaults where blank. Throws when out of range. */
  const limits = () => {
    const l: { cpuTime?: number; memory?: number } = {};
    for (const f of [timeField, memoryField]) {
      const { value, error } = f.read();
      if (error) {
        f.input.focus();
        throw new ApiError('AIRLOCK_WEB_LIMIT', error);
      }
      if (value !== undefined) l[f.key] = value;
    }
    return Object.keys(l).length ? { limits: l } : {};
  };

  const useLanguage = (id: string) => {
    saved.language = id;
    editor.setCode(saved.drafts[id] ?? starter(id));
    void editor.setLanguage(id);
    persist();
  };

  // A share link opens as its own document: the draft, input and arguments saved here stay as they were.
  const shared = share ? await decodeShare(share) : undefined;
  let viewingShare = !!shared;
  if (share && !shared) shareOut.textContent = 'That share link is damaged: showing your own code instead.';
  /** Back to this browser's own code: the link leaves the address bar, so a reload shows the draft too. */
  const leaveShare = () => {
    viewingShare = false;
    history.replaceState(null, '', '#/');
    editor.setReadOnly(false);
    runButton.disabled = !select.value;
    input.set(saved.stdin);
    args.value = saved.args;
    shareOut.textContent = '';
  };
  select.addEventListener('change', () => {
    if (viewingShare) leaveShare();
    useLanguage(select.value);
  });

  let compiledLanguages = new Set<string>();
  try {
    const languages = await getLanguages();
    compiledLanguages = new Set(languages.filter((l) => l.compiled).map((l) => l.id));
    const chosen = fillLanguages(select, languages, shared?.language ?? saved.language);
    if (shared) showShared(shared, chosen === shared.language);
    else useLanguage(chosen);
  } catch (e) {
    output.message(errorBox(e));
    runButton.disabled = true;
    if (shared) showShared(shared, false);
    else useLanguage(saved.language);
  }

  /** Put a shared program in the page; read-only, with the reason, when this server cannot run its language. */
  function showShared(p: Shared, runnable: boolean): void {
    editor.setCode(p.source);
    void editor.setLanguage(p.language);
    input.set(p.stdin ?? '');
    args.value = joinArgs(p.args ?? []);
    editor.setReadOnly(!runnable);
    if (!runnable) runButton.disabled = true;
    const back = h('a', { href: '#/', onclick: (e: Event) => (e.preventDefault(), leaveShare(), useLanguage(select.value)) }, 'back to your own code');
    replace(
      shareOut,
      h(
        'span',
        { class: runnable ? '' : 'warn-text', 'data-share': runnable ? 'open' : 'read-only' },
        runnable ? 'A shared program: edits here are not saved; ' : `A shared program in ${p.language}, which this server does not run, shown read-only; `,
        back,
        '.',
      ),
    );
  }

  // One run at a time: while it goes, Run becomes Stop.
  let stop: (() => void) | undefined;
  let arming: ReturnType<typeof setTimeout> | undefined;
  const busy = (on: boolean) => {
    runButton.textContent = on ? 'Stop' : 'Run';
    runButton.classList.toggle('danger', on);
    select.disabled = on;
    // Stop takes clicks only after half a second: a double click or a repeated Run is not a Stop. aria-disabled
    // (not disabled) keeps the focus on the button for keyboard users.
    clearTimeout(arming);
    runButton.setAttribute('aria-disabled', String(on));
    if (on) arming = setTimeout(() => runButton.removeAttribute('aria-disabled'), 500);
    else runButton.removeAttribute('aria-disabled');
  };

  /** Run (Ctrl+Enter too). Only the button stops a run, and only once armed. */
  async function run(fromButton = false): Promise<void> {
    if (stop) {
      if (fromButton && runButton.getAttribute('aria-disabled') !== 'true') stop();
      return;
    }
    if (runButton.disabled) return;
    let req: Omit<RunRequest, 'stdin'>;
    try {
      req = { language: select.value, source: editor.getCode(), args: splitArgs(args.value), ...limits() };
    } catch (e) {
      return output.message(errorBox(e));
    }
    if (mode() === 'interactive') return interactive(terminal.request(req));
    const ctrl = new AbortController();
    stop = () => ctrl.abort();
    busy(true);
    editor.setDiagnostics([]);
    output.running(compiledLanguages.has(req.language) ? 'Compiling and running…' : 'Running…');
    output.reveal();
    try {
      const { run: done, cuts } = await runOffThread({ ...req, stdin: input.value }, ctrl.signal);
      const failure = runFailure(done);
      if (failure) throw failure;
      const r = done.result!;
      output.result(r, cuts);
      // The compiler's errors (and a Python traceback's line) marked in the editor, where they can be fixed.
      const messages =
        r.status === 'CE' && r.compile
          ? [outputText(r.compile.stdout, r.encoding), outputText(r.compile.stderr, r.encoding)].join('\n')
          : r.status === 'RE'
            ? outputText(r.stderr, r.encoding)
            : '';
      if (messages) editor.setDiagnostics(diagnostics(messages, editor.view.state.doc));
    } catch (e) {
      // Stopping is what the person asked for, not an error.
      if (e instanceof ApiError && e.code === 'AIRLOCK_WEB_ABORTED') output.clear('Stopped.');
      else output.message(errorBox(e));
    } finally {
      stop = undefined;
      busy(false);
      output.reveal();
    }
  }

  function interactive(req: Omit<RunRequest, 'stdin'>): void {
    busy(true);
    stop = runInteractive(req, compiledLanguages.has(req.language), output, terminal, () => {
      stop = undefined;
      busy(false);
    });
  }

  // A double click's second click (detail 2) is part of the same Run.
  runButton.addEventListener('click', (e) => {
    if (e.detail <= 1) void run(true);
  });
  // Ctrl/Cmd+Enter runs from the input fields too, not only from the editor.
  for (const field of [stdin, args, time, memory] as HTMLElement[]) {
    field.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void run();
      }
    });
  }

  shareButton.addEventListener('click', () => void shareLink());
  const shareLink = async () => {
    const payload = await encodeShare({ language: select.value, source: editor.getCode(), stdin: input.value, args: splitArgs(args.value) });
    const url = new URL(location.href);
    url.hash = `#/?s=${payload}`;
    // The address bar keeps #/: a reload after more edits shows them, not the program as it was shared.
    const link = h('input', { type: 'text', readonly: true, value: url.href, 'aria-label': 'Share link', class: 'share-link' });
    let copied = false;
    try {
      await navigator.clipboard.writeText(url.href);
      copied = true;
    } catch {
      /* no clipboard permission: the link is selectable below */
    }
    replace(shareOut, copied ? 'Link copied: ' : 'Share this link: ', link);
    link.select();
  };
}
