// Program arguments typed as one line, split like a shell would (quotes group, backslash escapes), never run by one.

/** Split `a "b c" 'd'` into ['a', 'b c', 'd']. */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (has || cur) out.push(cur);
  return out;
}

/** The inverse, for showing restored arguments: quote those that need it. */
export function joinArgs(args: string[]): string {
  return args.map((a) => (a && !/[\s"'\\]/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
