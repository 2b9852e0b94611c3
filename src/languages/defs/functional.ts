// Functional and logic languages with their own runtimes (BEAM, SBCL, Guile, Racket, SWI-Prolog).
import type { Language } from '../types.js';

/** Lisp family, ML-free functional runtimes and Prolog. */
export const functional: Language[] = [
  {
    id: 'prolog',
    name: 'Prolog (SWI-Prolog)',
    extensions: ['.pro', '.prolog'],
    source: 'main.pl',
    // The program states its entry point: `:- initialization(main, main).`
    run: ['swipl', '--no-tty', '-q', '{source}'],
    version: ['swipl', '--version'],
    packages: ['swi-prolog-nox'],
    tools: ['swipl'],
    outOfMemory: ['resource_error\\(memory\\)', 'Stack limit .* exceeded'],
  },
  {
    id: 'lisp',
    name: 'Common Lisp (SBCL)',
    extensions: ['.lisp', '.lsp', '.cl'],
    source: 'main.lisp',
    // SBCL reserves its dynamic space up front; size it from the limit so it fails cleanly.
    run: ['sbcl', '--dynamic-space-size', '{heap_mb}', '--script', '{source}'],
    version: ['sbcl', '--version'],
    packages: ['sbcl'],
    tools: ['sbcl'],
    outOfMemory: ['Heap exhausted'],
  },
  {
    id: 'scheme',
    name: 'Scheme (GNU Guile)',
    extensions: ['.scm', '.ss'],
    source: 'main.scm',
    run: ['guile', '--no-auto-compile', '-s', '{source}'],
    version: ['guile', '--version'],
    packages: ['guile-3.0'],
    tools: ['guile'],
    env: { GUILE_AUTO_COMPILE: '0' },
    outOfMemory: ['Out of memory', 'GC Warning: Out of Memory'],
  },
  {
    id: 'racket',
    name: 'Racket',
    extensions: ['.rkt'],
    source: 'main.rkt',
    run: ['racket', '{source}'],
    etc: ['racket'],
    version: ['racket', '--version'],
    packages: ['racket'],
    tools: ['racket'],
    timeFactor: 2,
    outOfMemory: ['out of memory'],
  },
  {
    id: 'erlang',
    name: 'Erlang (escript)',
    extensions: ['.erl'],
    source: 'main.erl',
    // escript reads line 1 as its own (#!): a program that starts with code gets one put before it
    // (its line numbers in messages are then one higher). A module with -export([main/1]) works too.
    header: '#!/usr/bin/env escript',
    run: ['escript', '{source}'],
    version: ['erl', '-noshell', '-eval', 'io:put_chars(erlang:system_info(otp_release)), halt().'],
    packages: ['erlang-base'],
    tools: ['escript', 'erl'],
    // The BEAM starts a scheduler per core plus dirty and async threads.
    // The JIT keeps its code in a memfd that grows past RLIMIT_FSIZE's default (SIGXFSZ).
    runLimits: { processes: 128, fileSize: 64 * 1024 * 1024 },
    timeFactor: 2,
    outOfMemory: ['Cannot allocate \\d+ bytes of memory', 'eheap_alloc'],
  },
  {
    id: 'elixir',
    name: 'Elixir',
    extensions: ['.exs', '.ex'],
    source: 'main.exs',
    run: ['elixir', '{source}'],
    version: ['elixir', '--short-version'],
    packages: ['elixir'],
    tools: ['elixir', 'erl'],
    runLimits: { processes: 128, fileSize: 64 * 1024 * 1024 },
    timeFactor: 3,
    outOfMemory: ['Cannot allocate \\d+ bytes of memory', 'eheap_alloc'],
  },
];
