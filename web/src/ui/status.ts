// Status and verdict badges: one label and colour per outcome, the same in runs and judging.
import { h } from './dom.js';

/** What each status means, in words. */
export const statusNames: Readonly<Record<string, string>> = {
  OK: 'Finished',
  AC: 'Accepted',
  WA: 'Wrong answer',
  RE: 'Runtime error',
  TLE: 'Time limit exceeded',
  MLE: 'Memory limit exceeded',
  OLE: 'Output limit exceeded',
  SV: 'Security violation',
  CE: 'Compilation error',
  IE: 'Internal error',
  SKIPPED: 'Skipped',
};

/** The colour family of a status, for CSS (`badge ok|bad|warn|muted`). */
export function tone(s: string): string {
  if (s === 'OK' || s === 'AC') return 'ok';
  if (s === 'IE') return 'warn';
  if (s === 'SKIPPED' || s === 'pending' || s === 'running') return 'muted';
  return 'bad';
}

/** A badge: the short code with the meaning as its accessible name and tooltip. */
export function badge(s: string): HTMLElement {
  const name = statusNames[s] ?? s;
  return h('span', { class: `badge ${tone(s)}`, title: name, 'data-status': s }, h('abbr', { title: name }, s), h('span', { class: 'badge-name' }, name));
}
