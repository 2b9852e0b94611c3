// The playground: editor, language, stdin and arguments, Run (batch) or an interactive terminal, and share links.
import { errorBox } from '../api/errors.js';
import { getLanguages } from '../api/languages.js';
import type { RunRequest } from '../api/types.js';
import { runFailure, runProgram } from '../api/runs.js';
import { createEditor } from '../editor/editor.js';
import { h, replace } from '../ui/dom.js';
import { fillLanguages } from '../ui/language-picker.js';
import { load, save } from '../ui/store.js';
import { joinArgs, splitArgs } from './args.js';
import { runInteractive } from './interactive.js';
import { Output } from './output.js';
import { decodeShare, encodeShare } from './share.js';
import { starter } from './starters.js';
import { Terminal } from './terminal.js';

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
  const stdin = h('textarea', { id: 'stdin', rows: 5, spellcheck: 'false', value: saved.stdin });
  const args = h('input', { id: 'args', type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: 'e.g. one "two words"', value: saved.args });
  const time = h('input', { id: 'time', type: 'number', min: '0.1', step: '0.1', inputmode: 'decimal', placeholder: 'default', value: saved.time ?? '' });
  const memory = h('input', { id: 'memory', type: 'number', min: '1', step: '1', inputmode: 'numeric', placeholder: 'default', value: saved.memory ?? '' });
  const output = new Output();
  const terminal = new Terminal();
  const editorHost = h('div', { class: 'editor' });
  const stdinField = h('div', { class: 'field' }, h('label', { for: 'stdin' }, 'Input (stdin)'), stdin);

  replace(
    main,
    h(
      'div',
      { class: 'playground' },
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

  stdin.addEventListener('input', () => ((saved.stdin = stdin.value), persist()));
  args.addEventListener('input', () => ((saved.args = args.value), persist()));
  time.addEventListener('input', () => ((saved.time = time.value), persist()));
  memory.addEventListener('input', () => ((saved.memory = memory.value), persist()));
  /** The limits typed in, as the API wants them (seconds, bytes); the server's defaults where blank. */
  const limits = () => {
    const l: { cpuTime?: number; memory?: number } = {};
    if (time.value && Number(time.value) > 0) l.cpuTime = Number(time.value);
    if (memory.value && Number(memory.value) > 0) l.memory = Math.round(Number(memory.value) * 1024 * 1024);
    return Object.keys(l).length ? { limits: l } : {};
  };

  const useLanguage = (id: string, code?: string) => {
    saved.language = id;
    editor.setCode(code ?? saved.drafts[id] ?? starter(id));
    void editor.setLanguage(id);
    persist();
  };
  select.addEventListener('change', () => useLanguage(select.value));

  // A share link wins over the saved draft, once: it becomes the draft for its language.
  const shared = share ? await decodeShare(share) : undefined;
  if (share && !shared) shareOut.textContent = 'That share link is damaged: showing your own code instead.';
  if (shared) {
    saved.drafts[shared.language] = shared.source;
    saved.language = shared.language;
    // The link's input and arguments replace the saved ones, empty included: they belong to its program.
    stdin.value = saved.stdin = shared.stdin ?? '';
    args.value = saved.args = joinArgs(shared.args ?? []);
  }

  try {
    const languages = await getLanguages();
    useLanguage(fillLanguages(select, languages, saved.language));
    if (shared && select.value !== shared.language) shareOut.textContent = `The shared program is in ${shared.language}, which this server does not run.`;
  } catch (e) {
    output.message(errorBox(e));
    runButton.disabled = true;
    useLanguage(saved.language);
  }

  // One run at a time: while it goes, Run becomes Stop.
  let stop: (() => void) | undefined;
  const busy = (on: boolean) => {
    runButton.textContent = on ? 'Stop' : 'Run';
    runButton.classList.toggle('danger', on);
    select.disabled = on;
  };

  async function run(): Promise<void> {
    if (stop) return stop();
    if (runButton.disabled) return;
    const req = { language: select.value, source: editor.getCode(), args: splitArgs(args.value), ...limits() };
    if (mode() === 'interactive') return interactive(req);
    const ctrl = new AbortController();
    stop = () => ctrl.abort();
    busy(true);
    output.running();
    try {
      const done = await runProgram({ ...req, stdin: stdin.value }, ctrl.signal);
      const failure = runFailure(done);
      if (failure) throw failure;
      output.result(done.result!);
    } catch (e) {
      output.message(errorBox(e));
    } finally {
      stop = undefined;
      busy(false);
    }
  }

  function interactive(req: Omit<RunRequest, 'stdin'>): void {
    busy(true);
    stop = runInteractive(req, output, terminal, () => {
      stop = undefined;
      busy(false);
    });
  }

  runButton.addEventListener('click', () => void run());
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
    const payload = await encodeShare({ language: select.value, source: editor.getCode(), stdin: stdin.value, args: splitArgs(args.value) });
    const url = new URL(location.href);
    url.hash = `#/?s=${payload}`;
    history.replaceState(null, '', url.href);
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
