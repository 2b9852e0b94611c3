// Compiler and interpreter messages as editor diagnostics: gcc/clang ("main.c:3:12: error: ..."), javac
// ("Main.java:3: error: ..." with its caret line giving the column) and Python tracebacks ('File "main.py", line 3').
import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';

/** One message at a line (1-based) and column (1-based, 0 when unknown). */
interface Located {
  line: number;
  column: number;
  severity: Diagnostic['severity'];
  message: string;
}

const GCC = /^(?:[^\s:]*\/)?[^\s:/]+:(\d+):(\d+): (fatal error|error|warning|note): (.*)$/;
const JAVAC = /^[^\s:]+\.java:(\d+): (error|warning): (.*)$/;
const PY_FILE = /^\s*File "([^"]+)", line (\d+)/;

const severity = (word: string): Diagnostic['severity'] => (word === 'warning' ? 'warning' : word === 'note' ? 'info' : 'error');

/** Find the locations a compiler's (or Python's) output names in the program's own file. */
export function locate(output: string): Located[] {
  const lines = output.split('\n');
  const found: Located[] = [];
  let py: { line: number; column: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    let m = GCC.exec(l);
    // Messages about system headers (/usr/include/...) are not where the program can be fixed.
    if (m && !l.startsWith('/usr/')) {
      found.push({ line: Number(m[1]), column: Number(m[2]), severity: severity(m[3]!), message: m[4]! });
      continue;
    }
    m = JAVAC.exec(l);
    if (m) {
      // javac prints the source line, then spaces and a caret under the column.
      const caret = lines[i + 2]?.match(/^(\s*)\^\s*$/);
      found.push({ line: Number(m[1]), column: caret ? caret[1]!.length + 1 : 0, severity: severity(m[2]!), message: m[3]! });
      continue;
    }
    m = PY_FILE.exec(l);
    if (m && !m[1]!.startsWith('/usr/') && !m[1]!.startsWith('<')) {
      py = { line: Number(m[2]), column: 0 };
      // A SyntaxError's caret line gives the column: the source line, then "    ^".
      const caret = lines[i + 2]?.match(/^(\s*)\^+\s*$/);
      const src = lines[i + 1];
      if (caret && src) py.column = caret[1]!.length - (src.length - src.trimStart().length) + 1;
      continue;
    }
    // The traceback's last line says what went wrong; the innermost frame of the program's file is where.
    if (py && /^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit)\b/.test(l)) {
      found.push({ line: py.line, column: Math.max(0, py.column), severity: 'error', message: l });
      py = undefined;
    }
  }
  return found;
}

/** The diagnostics for a document: each location clamped to the text, a column marking one character. */
export function diagnostics(output: string, doc: Text): Diagnostic[] {
  return locate(output)
    .filter((d) => d.line >= 1 && d.line <= doc.lines)
    .map((d) => {
      const line = doc.line(d.line);
      const from = d.column > 0 ? Math.min(line.from + d.column - 1, line.to) : line.from;
      const to = d.column > 0 ? Math.min(from + 1, line.to) : line.to;
      return { from, to, severity: d.severity, message: d.message, source: 'compiler' };
    });
}
