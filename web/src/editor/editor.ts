// The code editor: CodeMirror 6 with the language's highlighting swapped in place, brackets closed as typed, search
// (Ctrl+F), compile errors marked at their lines, and Ctrl/Cmd+Enter to run.
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { highlight } from './highlight.js';
import { languageSupport } from './languages.js';

/** An editor on the page. */
export interface CodeEditor {
  view: EditorView;
  getCode(): string;
  /** A new document: its own undo history, so undo never empties the editor or brings back another language's code. */
  setCode(code: string): void;
  /** Replace the text as one edit that Ctrl+Z takes back. */
  replaceCode(code: string): void;
  /** Shown but not editable (a shared program the server cannot run). */
  setReadOnly(on: boolean): void;
  /** Switch highlighting; resolves once the language's chunk is loaded. */
  setLanguage(id: string): Promise<void>;
  /** Mark compiler messages at their lines (an empty list clears them). */
  setDiagnostics(d: Diagnostic[]): void;
}

/** Mount an editor in `parent`; `onRun` is called on Ctrl/Cmd+Enter, `onSubmit` on Ctrl/Cmd+Shift+Enter, `onChange` after edits. */
export function createEditor(parent: HTMLElement, opts: { label: string; onRun(): void; onSubmit?(): void; onChange?(code: string): void }): CodeEditor {
  const language = new Compartment();
  const readOnly = new Compartment();
  let current = '';
  let languageExt: Extension = [];
  const extensions: Extension = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    search({ top: true }),
    highlightSelectionMatches(),
    lintGutter(),
    highlightActiveLine(),
    indentUnit.of('    '),
    syntaxHighlighting(highlight),
    // Run beats the default Mod-Enter (insert a blank line): the shortcut works wherever the cursor is.
    Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (opts.onRun(), true), shift: () => (opts.onSubmit ? (opts.onSubmit(), true) : false) }])),
    // Tab indents; Escape then Tab leaves the editor (CodeMirror's way out of the tab trap), said in the hint.
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, indentWithTab]),
    language.of([]),
    readOnly.of([]),
    // tabindex says what contenteditable already does (the text is in the tab order), so checkers such as axe see
    // that the scrolling editor can be reached by keyboard.
    EditorView.contentAttributes.of({ 'aria-label': opts.label, 'aria-describedby': 'editor-hint', tabindex: '0' }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) opts.onChange?.(u.state.doc.toString());
    }),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: '', extensions }) });
  let locked = false;
  const lock = (on: boolean): Extension => (on ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []);
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      view.setState(EditorState.create({ doc: code, extensions }));
      view.dispatch({ effects: [language.reconfigure(languageExt), readOnly.reconfigure(lock(locked))] });
    },
    replaceCode: (code) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code }, userEvent: 'input.replace' }),
    setReadOnly(on) {
      locked = on;
      view.dispatch({ effects: readOnly.reconfigure(lock(on)) });
    },
    async setLanguage(id) {
      current = id;
      const ext = await languageSupport(id);
      // A later switch may have finished first: keep the newest.
      if (current !== id) return;
      languageExt = ext;
      view.dispatch({ effects: language.reconfigure(ext) });
    },
    setDiagnostics: (d) => view.dispatch(setDiagnostics(view.state, d)),
  };
}
