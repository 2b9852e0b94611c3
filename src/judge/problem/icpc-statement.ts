// An ICPC package's statement: problem_statement/problem.LANG.md as Markdown, problem.LANG.tex as text with
// its sections made headings, a PDF only named; English first.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Issues } from './issues.js';
import { packageFile, packageHas } from './paths.js';

const DIR = 'problem_statement';
/** Bytes of statement kept: a statement is text, and the API stores it with the problem. */
const MAX_BYTES = 256 * 1024;

/** The statement as Markdown, and the title it gives (\problemname, or a first "# " heading). */
export function readIcpcStatement(dir: string, issues: Issues): { markdown: string; title?: string } {
  if (!packageHas(dir, DIR)) {
    issues.warn(DIR, 'missing: the statement is empty');
    return { markdown: '' };
  }
  const names = readdirSync(join(dir, DIR)).filter((n) => /^problem(\.[a-zA-Z-]+)?\.(md|tex|pdf)$/.test(n));
  const rank = (n: string) => (/^problem(\.en)?\./.test(n) ? 0 : 1) * 3 + ['md', 'tex', 'pdf'].indexOf(n.split('.').pop()!);
  const chosen = names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
  if (!chosen) {
    issues.warn(DIR, 'no problem.en.md, problem.en.tex or problem.en.pdf: the statement is empty');
    return { markdown: '' };
  }
  const file = packageFile(dir, `${DIR}/${chosen}`, issues, DIR);
  if (!file) return { markdown: '' };
  if (chosen.endsWith('.pdf')) return { markdown: `The statement is a PDF: \`${DIR}/${chosen}\`.\n` };
  let text = readFileSync(file, 'utf8');
  if (text.length > MAX_BYTES) {
    issues.warn(`${DIR}/${chosen}`, `longer than ${MAX_BYTES} bytes: cut`);
    text = text.slice(0, MAX_BYTES);
  }
  return chosen.endsWith('.md') ? { markdown: text, ...mdTitle(text) } : texToMarkdown(text);
}

function mdTitle(text: string): { title?: string } {
  const m = /^#\s+(.+)$/m.exec(text);
  return m ? { title: m[1]!.trim() } : {};
}

/** LaTeX kept as text, but readable: \problemname becomes the title, \section{X} a "## X", comments and the preamble go. */
function texToMarkdown(tex: string): { markdown: string; title?: string } {
  const plain = /^%%\s*plainproblemname:\s*(.+)$/m.exec(tex)?.[1]?.trim();
  const named = /\\problemname\{([^}]*)\}/.exec(tex)?.[1]?.trim();
  const body = tex
    .replace(/^\s*%.*$/gm, '')
    .replace(/\\problemname\{[^}]*\}\s*/, '')
    .replace(/\\(?:sub)*section\*?\{([^}]*)\}/g, (_, t: string) => `\n## ${t}\n`)
    .replace(/\\(?:emph|textit)\{([^}]*)\}/g, '*$1*')
    .replace(/\\textbf\{([^}]*)\}/g, '**$1**')
    .replace(/\\texttt\{([^}]*)\}/g, '`$1`')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const title = plain ?? named;
  return { markdown: `${body}\n`, ...(title ? { title } : {}) };
}
