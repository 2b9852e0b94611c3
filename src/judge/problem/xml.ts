// A small XML reader for Polygon's problem.xml: elements, attributes and text; no DTDs, no namespaces.
// Enough for a trusted-format manifest; a malformed file gets an error with its offset.

/** One element. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return entities[e] ?? m;
  });
}

/** Parse a document and return its root element; throws Error naming the offset of the first problem. */
export function parseXml(src: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}`);
  };
  const skipMisc = () => {
    for (;;) {
      while (/\s/.test(src[i] ?? '')) i++;
      const close = src.startsWith('<?', i) ? '?>' : src.startsWith('<!--', i) ? '-->' : src.startsWith('<!', i) && !src.startsWith('<![CDATA[', i) ? '>' : '';
      if (!close) return;
      const end = src.indexOf(close, i + 2);
      if (end < 0) fail('unterminated declaration or comment');
      i = end + close.length;
    }
  };
  const element = (): XmlElement => {
    const m = /^<([A-Za-z_][\w.:-]*)/.exec(src.slice(i, i + 200));
    if (!m) fail('expected an element');
    const el: XmlElement = { name: m![1]!, attrs: {}, children: [], text: '' };
    i += m![0].length;
    const attr = /\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')|\s*(\/?>)/y;
    for (;;) {
      attr.lastIndex = i;
      const a = attr.exec(src);
      if (!a) fail(`malformed tag <${el.name}>`);
      i = attr.lastIndex;
      if (a![5] === '/>') return el;
      if (a![5] === '>') break;
      el.attrs[a![1]!] = decode(a![3] ?? a![4] ?? '');
    }
    for (;;) {
      const lt = src.indexOf('<', i);
      if (lt < 0) fail(`<${el.name}> is not closed`);
      el.text += decode(src.slice(i, lt));
      i = lt;
      if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        el.text += src.slice(i + 9, end);
        i = end + 3;
      } else if (src.startsWith('</', i)) {
        const close = `</${el.name}`;
        if (!src.startsWith(close, i)) fail(`expected ${close}>`);
        i = src.indexOf('>', i) + 1;
        if (i === 0) fail('unterminated closing tag');
        return el;
      } else if (src.startsWith('<!--', i) || src.startsWith('<?', i)) {
        skipMisc();
      } else {
        el.children.push(element());
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i < src.length) fail('content after the root element');
  return root;
}

/** The first child element on a path such as "judging/testset". */
export function child(el: XmlElement | undefined, path: string): XmlElement | undefined {
  return path.split('/').reduce<XmlElement | undefined>((e, name) => e?.children.find((c) => c.name === name), el);
}

/** All children with a name under a path ("tests" -> its "test" children). */
export function children(el: XmlElement | undefined, path: string, name: string): XmlElement[] {
  const parent = path ? child(el, path) : el;
  return parent?.children.filter((c) => c.name === name) ?? [];
}
