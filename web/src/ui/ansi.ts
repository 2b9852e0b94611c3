// Program output as a terminal would show it: ANSI colour codes (SGR) become styled spans, other escape sequences
// are dropped, and a carriage return moves back to the start of the line (a progress bar ends as its last state).

/** Where a span's style comes from: classes for the 16 colours and attributes, inline colour for 256/RGB. */
interface Style {
  fg?: number | string;
  bg?: number | string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

// Control characters are the point of this pattern: ESC [ … final (CSI), ESC ] … BEL or ST (OSC), ESC and one byte.
// eslint-disable-next-line no-control-regex
const ESC = /\x1b(?:\[([0-9;?]*)([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;

/** A line with its carriage returns applied: each \r goes back to column 0 and overwrites. */
function overwrite(line: string): string {
  if (!line.includes('\r')) return line;
  let out = '';
  for (const seg of line.split('\r')) out = seg + out.slice(seg.length);
  return out;
}

/** Text with \r applied line by line (a \r\n is an ordinary line end). */
export function applyCarriageReturns(text: string): string {
  return text.includes('\r') ? text.split('\n').map(overwrite).join('\n') : text;
}

/** The colour of a 256-colour index beyond the first 16, as CSS. */
function color256(n: number): string {
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const c = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${level(Math.floor(c / 36))},${level(Math.floor(c / 6) % 6)},${level(c % 6)})`;
}

/** Apply one SGR sequence's parameters to the style. */
function sgr(style: Style, params: string): Style {
  const p = params === '' ? [0] : params.split(';').map((x) => Number(x) || 0);
  let s = { ...style };
  for (let i = 0; i < p.length; i++) {
    const n = p[i]!;
    if (n === 0) s = {};
    else if (n === 1) s.bold = true;
    else if (n === 2) s.dim = true;
    else if (n === 3) s.italic = true;
    else if (n === 4) s.underline = true;
    else if (n === 22) s.bold = s.dim = false;
    else if (n === 23) s.italic = false;
    else if (n === 24) s.underline = false;
    else if (n >= 30 && n <= 37) s.fg = n - 30;
    else if (n >= 90 && n <= 97) s.fg = n - 90 + 8;
    else if (n === 39) delete s.fg;
    else if (n >= 40 && n <= 47) s.bg = n - 40;
    else if (n >= 100 && n <= 107) s.bg = n - 100 + 8;
    else if (n === 49) delete s.bg;
    else if ((n === 38 || n === 48) && p[i + 1] === 5) {
      const c = p[i + 2] ?? 0;
      s[n === 38 ? 'fg' : 'bg'] = c < 16 ? c : color256(c);
      i += 2;
    } else if ((n === 38 || n === 48) && p[i + 1] === 2) {
      s[n === 38 ? 'fg' : 'bg'] = `rgb(${p[i + 2] ?? 0},${p[i + 3] ?? 0},${p[i + 4] ?? 0})`;
      i += 4;
    }
  }
  return s;
}

function styled(text: string, s: Style): Node {
  const plain = s.fg === undefined && s.bg === undefined && !s.bold && !s.dim && !s.italic && !s.underline;
  if (plain) return document.createTextNode(text);
  const span = document.createElement('span');
  const classes = [
    s.bold && 'a-bold',
    s.dim && 'a-dim',
    s.italic && 'a-italic',
    s.underline && 'a-underline',
    typeof s.fg === 'number' && `a-fg${s.fg}`,
    typeof s.bg === 'number' && `a-bg${s.bg}`,
  ].filter(Boolean);
  if (classes.length) span.className = classes.join(' ');
  if (typeof s.fg === 'string') span.style.color = s.fg;
  if (typeof s.bg === 'string') span.style.backgroundColor = s.bg;
  span.textContent = text;
  return span;
}

/** Whether text holds anything to interpret (most output does not, and is then set as plain text). */
export function hasControls(text: string): boolean {
  return text.includes('\x1b') || text.includes('\r');
}

/** Render output as a terminal would: colours as spans, \r overwriting, other control sequences dropped. */
export function renderAnsi(text: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const src = applyCarriageReturns(text);
  let style: Style = {};
  let last = 0;
  for (const m of src.matchAll(ESC)) {
    if (m.index > last) out.append(styled(src.slice(last, m.index), style));
    if (m[2] === 'm') style = sgr(style, m[1] ?? '');
    last = m.index + m[0].length;
  }
  if (last < src.length) out.append(styled(src.slice(last), style));
  return out;
}
