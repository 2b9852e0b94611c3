// Scalars of the YAML subset that problem.yaml and testdata.yaml use: plain words and numbers, quoted strings,
// and one-line flow collections ({a: 1, b: [x, y]}).

/** A parsed YAML value: what JSON could hold. */
export type YamlValue = null | boolean | number | string | YamlValue[] | { [key: string]: YamlValue };

/** A mistake at a 1-based line; the parser turns it into AIRLOCK_ERR_BAD_PROBLEM naming the file. */
export class YamlSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const INT = /^[-+]?(?:0|[1-9][0-9]*)$/;
const FLOAT = /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

/** A plain (unquoted) scalar as YAML 1.2's core schema reads it: null, booleans, numbers, else the text. */
export function plainScalar(text: string): YamlValue {
  if (text === '' || text === '~' || /^(?:null|Null|NULL)$/.test(text)) return null;
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  if (INT.test(text) || FLOAT.test(text)) return Number(text);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return text;
}

/** Reads one line's value from `pos`: a quoted string, a flow collection or a plain scalar. */
export class ScalarReader {
  pos = 0;

  constructor(
    private readonly s: string,
    private readonly line: number,
  ) {}

  /** Fail at this line. */
  fail(message: string): never {
    throw new YamlSyntaxError(this.line, message);
  }

  /** The whole rest of the line as one value; a comment may follow it. */
  whole(): YamlValue {
    this.space();
    const v = this.value(false);
    this.space();
    if (this.pos < this.s.length) this.fail(`unexpected ${JSON.stringify(this.s.slice(this.pos, this.pos + 10))} after the value`);
    return v;
  }

  private space(): void {
    while (this.s[this.pos] === ' ') this.pos++;
  }

  private value(inFlow: boolean): YamlValue {
    const c = this.s[this.pos];
    if (c === '"') return this.doubleQuoted();
    if (c === "'") return this.singleQuoted();
    if (c === '[') return this.flowList();
    if (c === '{') return this.flowMap();
    if (c !== undefined && '&*!|>%@`?'.includes(c)) this.fail(`"${c}" (anchors, aliases, tags, block scalars) is outside the YAML that airlock reads`);
    return plainScalar(this.plain(inFlow));
  }

  /** Plain text up to the end, or in a flow up to , ] } (and ": " inside maps, left to the caller). */
  plain(inFlow: boolean, stopAtColon = false): string {
    const start = this.pos;
    while (this.pos < this.s.length) {
      const c = this.s[this.pos]!;
      if (inFlow && ',]}'.includes(c)) break;
      if (stopAtColon && c === ':' && (this.s[this.pos + 1] === ' ' || this.s[this.pos + 1] === undefined || (inFlow && ',]}'.includes(this.s[this.pos + 1]!))))
        break;
      if (inFlow && '[{'.includes(c)) this.fail(`"${c}" inside a plain value`);
      this.pos++;
    }
    return this.s.slice(start, this.pos).trimEnd();
  }

  private doubleQuoted(): string {
    let out = '';
    for (this.pos++; this.pos < this.s.length; this.pos++) {
      const c = this.s[this.pos]!;
      if (c === '"') return (this.pos++, out);
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[++this.pos];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', '/': '/', ' ': ' ' };
      if (e !== undefined && simple[e] !== undefined) out += simple[e];
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.pos + 1, this.pos + 5))) {
        out += String.fromCharCode(parseInt(this.s.slice(this.pos + 1, this.pos + 5), 16));
        this.pos += 4;
      } else this.fail(`unknown escape "\\${e ?? ''}" in a quoted string`);
    }
    return this.fail('a quoted string does not end on its line (multi-line strings are outside the YAML that airlock reads)');
  }

  private singleQuoted(): string {
    let out = '';
    for (this.pos++; this.pos < this.s.length; this.pos++) {
      if (this.s[this.pos] !== "'") out += this.s[this.pos];
      else if (this.s[this.pos + 1] === "'") {
        out += "'";
        this.pos++;
      } else return (this.pos++, out);
    }
    return this.fail('a quoted string does not end on its line (multi-line strings are outside the YAML that airlock reads)');
  }

  private flowList(): YamlValue[] {
    const out: YamlValue[] = [];
    this.pos++;
    this.space();
    if (this.s[this.pos] === ']') return (this.pos++, out);
    for (;;) {
      this.space();
      out.push(this.value(true));
      this.space();
      const c = this.s[this.pos++];
      if (c === ']') return out;
      if (c !== ',') this.fail('a flow list [a, b] must be on one line, its items separated by commas');
    }
  }

  private flowMap(): Record<string, YamlValue> {
    const out: Record<string, YamlValue> = {};
    this.pos++;
    this.space();
    if (this.s[this.pos] === '}') return (this.pos++, out);
    for (;;) {
      this.space();
      const q = this.s[this.pos];
      const key = q === '"' ? this.doubleQuoted() : q === "'" ? this.singleQuoted() : this.plain(true, true);
      if (this.s[this.pos] !== ':') this.fail(`a flow map {key: value} must be on one line; "${key}" has no ": value"`);
      this.pos++;
      this.space();
      if (Object.hasOwn(out, key)) this.fail(`key "${key}" appears twice`);
      out[key] = this.s[this.pos] === ',' || this.s[this.pos] === '}' ? null : this.value(true);
      this.space();
      const c = this.s[this.pos++];
      if (c === '}') return out;
      if (c !== ',') this.fail('a flow map {a: 1, b: 2} must be on one line, its entries separated by commas');
    }
  }
}
