// Starter code per language: each language's own hello program (src/languages/programs/<id>/hello.*),
// the same file the service's tests run, read at build time so the page never offers code that does not run.
const files = import.meta.glob<string>('../../../src/languages/programs/*/hello.*', { query: '?raw', import: 'default', eager: true });

const byLanguage = new Map<string, string>();
for (const [path, text] of Object.entries(files)) {
  const id = /programs\/([^/]+)\/hello\./.exec(path)?.[1];
  if (id) byLanguage.set(id, text);
}

/** The starter program for a language id; empty when the language has no sample. */
export function starter(id: string): string {
  return byLanguage.get(id) ?? '';
}
