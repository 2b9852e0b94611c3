// A small, strict YAML reader for problem.yaml and testdata.yaml: block maps and lists, one-line flow maps
// and lists, plain and quoted scalars, comments. Everything else (anchors, aliases, tags, multi-line
// strings, several documents) is refused by line, rather than read wrongly: no YAML package is a dependency.
import { AirlockError } from '../../errors.js';
import { ScalarReader, type YamlValue, YamlSyntaxError } from './yaml-scalar.js';

export type { YamlValue } from './yaml-scalar.js';

/** Bytes and nesting a package's YAML may have: a hostile file is refused, not parsed for long. */
export const YAML_MAX_BYTES = 256 * 1024;
const MAX_DEPTH = 32;

interface Line {
  no: number;
  indent: number;
  text: string;
}

/** Parse YAML text; a mistake throws AIRLOCK_ERR_BAD_PROBLEM "FILE line N: ...". An empty file is null. */
export function parseYaml(text: string, file: string): YamlValue {
  try {
    if (Buffer.byteLength(text) > YAML_MAX_BYTES) throw new YamlSyntaxError(1, `larger than ${YAML_MAX_BYTES} bytes`);
    const lines = significantLines(text);
    if (lines.length === 0) return null;
    const p = new BlockParser(lines);
    const v = p.block(lines[0]!.indent, 0);
    if (p.at < lines.length) throw new YamlSyntaxError(lines[p.at]!.no, 'unexpected indentation');
    return v;
  } catch (e) {
    if (!(e instanceof YamlSyntaxError)) throw e;
    throw new AirlockError('AIRLOCK_ERR_BAD_PROBLEM', `${file} line ${e.line}: ${e.message}`);
  }
}

/** Lines with content, comments removed; tabs in indentation and document markers beyond a first "---" refused. */
function significantLines(text: string): Line[] {
  const out: Line[] = [];
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, full] of raw.entries()) {
    const no = i + 1;
    const body = stripComment(full, no).trimEnd();
    if (body.trim() === '') continue;
    if (/^\t| *\t/.test(body.slice(0, body.length - body.trimStart().length + 1)))
      throw new YamlSyntaxError(no, 'a tab in the indentation (YAML indents with spaces)');
    if (body === '---' && out.length === 0) continue;
    if (body === '---' || body === '...') throw new YamlSyntaxError(no, 'a second document ("---" or "...") is outside the YAML that airlock reads');
    if (body.startsWith('%')) throw new YamlSyntaxError(no, 'directives ("%YAML") are outside the YAML that airlock reads');
    const indent = body.length - body.trimStart().length;
    out.push({ no, indent, text: body.trimStart() });
  }
  return out;
}

/** The line without its comment: "#" at the start or after a space, outside quotes. */
function stripComment(line: string, no: number): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:[{,-]/.test(line[i - 1]!))) quote = c;
    else if (c === '#' && (i === 0 || line[i - 1] === ' ')) return line.slice(0, i);
  }
  if (quote) throw new YamlSyntaxError(no, 'a quoted string does not end on its line (multi-line strings are outside the YAML that airlock reads)');
  return line;
}

/** Block collections by indentation, line by line. */
class BlockParser {
  at = 0;

  constructor(private readonly lines: Line[]) {}

  /** The block of lines at exactly `indent`: a list when it starts with "- ", else a map. */
  block(indent: number, depth: number): YamlValue {
    if (depth > MAX_DEPTH) throw new YamlSyntaxError(this.lines[this.at]!.no, `nested deeper than ${MAX_DEPTH} levels`);
    const first = this.lines[this.at]!;
    if (isDash(first.text)) return this.list(indent, depth);
    if (splitKey(first) === undefined) {
      this.at++;
      const v = new ScalarReader(first.text, first.no).whole();
      const next = this.lines[this.at];
      if (next && next.indent >= indent && depth > 0)
        throw new YamlSyntaxError(next.no, 'a value continues on this line (multi-line plain strings are outside the YAML that airlock reads)');
      return v;
    }
    return this.map(indent, depth);
  }

  private map(indent: number, depth: number): Record<string, YamlValue> {
    const out: Record<string, YamlValue> = {};
    while (this.at < this.lines.length && this.lines[this.at]!.indent === indent) {
      const line = this.lines[this.at]!;
      const kv = splitKey(line);
      if (!kv) throw new YamlSyntaxError(line.no, isDash(line.text) ? 'a list item where a "key: value" was expected' : 'expected "key: value"');
      if (Object.hasOwn(out, kv.key)) throw new YamlSyntaxError(line.no, `key "${kv.key}" appears twice`);
      this.at++;
      out[kv.key] = this.valueAfter(kv.rest, line, indent, depth);
    }
    this.checkDedent(indent);
    return out;
  }

  private list(indent: number, depth: number): YamlValue[] {
    const out: YamlValue[] = [];
    while (this.at < this.lines.length && this.lines[this.at]!.indent === indent && isDash(this.lines[this.at]!.text)) {
      const line = this.lines[this.at]!;
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        this.at++;
        out.push(this.nested(indent, line, depth));
        continue;
      }
      // "- key: value" opens a map whose keys line up with "key": the same lines, seen one indent deeper.
      const inner = indent + (line.text.length - rest.length);
      this.lines[this.at] = { no: line.no, indent: inner, text: rest };
      out.push(this.block(inner, depth + 1));
    }
    this.checkDedent(indent);
    return out;
  }

  /** What follows "key:" on its line, or the indented block under it. */
  private valueAfter(rest: string, line: Line, indent: number, depth: number): YamlValue {
    if (rest !== '') return new ScalarReader(rest, line.no).whole();
    return this.nested(indent, line, depth);
  }

  /** The block under a line ending in ":" or "-"; a list may sit at the key's own indent. */
  private nested(indent: number, line: Line, depth: number): YamlValue {
    const next = this.lines[this.at];
    if (next && (next.indent > indent || (next.indent === indent && isDash(next.text) && !isDash(line.text)))) return this.block(next.indent, depth + 1);
    return null;
  }

  private checkDedent(indent: number): void {
    const next = this.lines[this.at];
    if (next && next.indent > indent) throw new YamlSyntaxError(next.no, 'unexpected indentation');
  }
}

function isDash(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** "key: rest" (key plain or quoted), or undefined when the line is not a map entry. */
function splitKey(line: Line): { key: string; rest: string } | undefined {
  const t = line.text;
  if (isDash(t) || t.startsWith('[') || t.startsWith('{')) return undefined;
  if (t.startsWith('"') || t.startsWith("'")) {
    const r = new ScalarReader(t, line.no);
    const key = r.plain(false, true);
    const reader = new ScalarReader(key, line.no);
    const k = reader.whole();
    if (typeof k !== 'string' || t[key.length] !== ':') return undefined;
    return { key: k, rest: t.slice(key.length + 1).trim() };
  }
  if (t.startsWith('?')) throw new YamlSyntaxError(line.no, 'complex keys ("? ") are outside the YAML that airlock reads');
  const m = /^([^\s:][^:]*?|[^\s:]*?):(?: +(.*))?$/.exec(t);
  if (!m) return undefined;
  return { key: m[1]!.trimEnd(), rest: (m[2] ?? '').trim() };
}
