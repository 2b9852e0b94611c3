// A terminal in the box (--tty, interactive runs): the pty is the box's own and must not widen it.
import type { Attack } from './types.js';

/** Each runs with a pty of the box's own as its stdio; "not a tty" in the output means it had none. */
export const tty: Attack[] = [
  {
    name: 'c-tty-tiocsti',
    category: 'kernel',
    lang: 'c',
    source: 'c/tty-tiocsti.c',
    threat: "TIOCSTI on the box's own terminal: typed input faked",
    expect: ['SV'],
    tty: true,
  },
  {
    name: 'c-tty-tioclinux',
    category: 'kernel',
    lang: 'c',
    source: 'c/tty-tioclinux.c',
    threat: "TIOCLINUX on the box's own terminal: console screens and selections",
    expect: ['SV'],
    tty: true,
  },
  {
    name: 'c-tty-tiocsetd',
    category: 'kernel',
    lang: 'c',
    source: 'c/tty-tiocsetd.c',
    threat: "TIOCSETD n_hdlc on the box's own terminal: line disciplines with local-root history",
    expect: ['SV'],
    tty: true,
  },
  {
    name: 'c-tty-host-terminals',
    category: 'leaks',
    lang: 'c',
    source: 'c/tty-host-terminals.c',
    threat: "the host's console, virtual consoles and serial lines; /dev/tty as the host's terminal",
    expect: ['OK'],
    stdout: /contained: \d+ host terminals refused, \/dev\/tty is the box's own/,
    tty: true,
  },
  {
    name: 'c-tty-neighbour-pty',
    category: 'leaks',
    lang: 'c',
    source: 'c/tty-neighbour-pty.c',
    threat: "another box's (or the host's) pty by index or through /proc; ptys made until the host has none",
    expect: ['OK'],
    stdout: /contained: own \/dev\/pts\/0, new pty 1 in the box's instance, 4094 other indexes refused, 16 ptys at most/,
    tty: true,
  },
  {
    name: 'c-tty-flood',
    category: 'resources',
    lang: 'c',
    source: 'c/tty-flood.c',
    threat: 'a flood through the terminal instead of a pipe',
    expect: ['OLE'],
    message: /output limit/,
    tty: true,
  },
];
