// Highlighting per airlock language id, loaded on demand: each mode is its own chunk, so the first load stays small.
import { StreamLanguage, type StreamParser } from '@codemirror/language';
import type { Extension } from '@codemirror/state';

const legacy = <T>(p: Promise<StreamParser<T>>): Promise<Extension> => p.then((mode) => StreamLanguage.define(mode));

/** Loaders by language id; ids without one are edited as plain text. */
const loaders: Record<string, () => Promise<Extension>> = {
  c: () => import('@codemirror/lang-cpp').then((m) => m.cpp()),
  cpp: () => import('@codemirror/lang-cpp').then((m) => m.cpp()),
  java: () => import('@codemirror/lang-java').then((m) => m.java()),
  javascript: () => import('@codemirror/lang-javascript').then((m) => m.javascript()),
  typescript: () => import('@codemirror/lang-javascript').then((m) => m.javascript({ typescript: true })),
  python3: () => import('@codemirror/lang-python').then((m) => m.python()),
  pypy3: () => import('@codemirror/lang-python').then((m) => m.python()),
  rust: () => import('@codemirror/lang-rust').then((m) => m.rust()),
  go: () => import('@codemirror/lang-go').then((m) => m.go()),
  php: () => import('@codemirror/lang-php').then((m) => m.php({ plain: false })),
  sqlite: () => import('@codemirror/lang-sql').then((m) => m.sql({ dialect: m.SQLite })),
  bash: () => legacy(import('@codemirror/legacy-modes/mode/shell').then((m) => m.shell)),
  awk: () => legacy(import('@codemirror/legacy-modes/mode/shell').then((m) => m.shell)),
  csharp: () => legacy(import('@codemirror/legacy-modes/mode/clike').then((m) => m.csharp)),
  kotlin: () => legacy(import('@codemirror/legacy-modes/mode/clike').then((m) => m.kotlin)),
  scala: () => legacy(import('@codemirror/legacy-modes/mode/clike').then((m) => m.scala)),
  cobol: () => legacy(import('@codemirror/legacy-modes/mode/cobol').then((m) => m.cobol)),
  d: () => legacy(import('@codemirror/legacy-modes/mode/d').then((m) => m.d)),
  erlang: () => legacy(import('@codemirror/legacy-modes/mode/erlang').then((m) => m.erlang)),
  elixir: () => legacy(import('@codemirror/legacy-modes/mode/ruby').then((m) => m.ruby)),
  fortran: () => legacy(import('@codemirror/legacy-modes/mode/fortran').then((m) => m.fortran)),
  haskell: () => legacy(import('@codemirror/legacy-modes/mode/haskell').then((m) => m.haskell)),
  lisp: () => legacy(import('@codemirror/legacy-modes/mode/commonlisp').then((m) => m.commonLisp)),
  lua: () => legacy(import('@codemirror/legacy-modes/mode/lua').then((m) => m.lua)),
  nasm: () => legacy(import('@codemirror/legacy-modes/mode/gas').then((m) => m.gas)),
  nim: () => legacy(import('@codemirror/legacy-modes/mode/python').then((m) => m.python)),
  ocaml: () => legacy(import('@codemirror/legacy-modes/mode/mllike').then((m) => m.oCaml)),
  octave: () => legacy(import('@codemirror/legacy-modes/mode/octave').then((m) => m.octave)),
  pascal: () => legacy(import('@codemirror/legacy-modes/mode/pascal').then((m) => m.pascal)),
  ada: () => legacy(import('@codemirror/legacy-modes/mode/pascal').then((m) => m.pascal)),
  perl: () => legacy(import('@codemirror/legacy-modes/mode/perl').then((m) => m.perl)),
  r: () => legacy(import('@codemirror/legacy-modes/mode/r').then((m) => m.r)),
  racket: () => legacy(import('@codemirror/legacy-modes/mode/scheme').then((m) => m.scheme)),
  scheme: () => legacy(import('@codemirror/legacy-modes/mode/scheme').then((m) => m.scheme)),
  ruby: () => legacy(import('@codemirror/legacy-modes/mode/ruby').then((m) => m.ruby)),
  tcl: () => legacy(import('@codemirror/legacy-modes/mode/tcl').then((m) => m.tcl)),
};

/** The highlighting for a language id; plain text when there is none or its chunk fails to load. */
export async function languageSupport(id: string): Promise<Extension> {
  const load = loaders[id];
  if (!load) return [];
  try {
    return await load();
  } catch {
    return [];
  }
}
