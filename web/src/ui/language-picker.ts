// The language picker: installed languages with their versions; the others listed, disabled, so people see what exists.
import { languageLabel } from '../api/languages.js';
import type { Language } from '../api/types.js';
import { h } from './dom.js';

/** Fill a select with the server's languages and choose `wanted` (or the first installed one). */
export function fillLanguages(select: HTMLSelectElement, languages: Language[], wanted: string): string {
  const installed = languages.filter((l) => l.installed);
  const missing = languages.filter((l) => !l.installed);
  const options: HTMLElement[] = installed.map((l) => h('option', { value: l.id }, languageLabel(l)));
  if (missing.length)
    options.push(h('optgroup', { label: 'Not installed on this server' }, ...missing.map((l) => h('option', { value: l.id, disabled: true }, l.name))));
  select.replaceChildren(...options);
  const pick = installed.find((l) => l.id === wanted) ?? installed.find((l) => l.id === 'python3') ?? installed[0];
  select.value = pick?.id ?? '';
  select.disabled = !pick;
  return select.value;
}
