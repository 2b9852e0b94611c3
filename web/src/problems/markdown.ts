// Problem statements: Markdown to DOM, sanitized twice. A statement comes from whoever uploaded the package, so
// it must not run scripts or load anything: raw HTML in the Markdown is shown as text (never parsed), and the
// rendered tree is then rebuilt from an allow-list of elements and attributes, with links limited to http(s),
// mailto and in-page anchors, and images to same-origin or data: URLs. The page's CSP (script-src 'self') is the
// third wall.
import { Marked, type TokenizerAndRendererExtension } from 'marked';

/**
 * Math as competitive programming statements write it: $…$ inline, $$…$$ on its own. The TeX is kept as the text
 * of a code element (so it passes the allow-list as text) and typeset afterwards (statement.ts, renderMath).
 */
const math: TokenizerAndRendererExtension[] = [
  {
    name: 'mathBlock',
    level: 'block',
    start: (src) => src.match(/^\$\$/m)?.index,
    tokenizer(src) {
      const m = /^\$\$([\s\S]+?)\$\$[ \t]*(?:\n+|$)/.exec(src);
      return m ? { type: 'mathBlock', raw: m[0], text: m[1]!.trim() } : undefined;
    },
    renderer: (t) => `<pre><code class="math-display">${escapeHtml(String(t.text))}</code></pre>`,
  },
  {
    name: 'mathInline',
    level: 'inline',
    start: (src) => (src.indexOf('$') === -1 ? undefined : src.indexOf('$')),
    tokenizer(src) {
      // $$…$$ inside a line is display math; $…$ must hug its text ("costs $5 and $10" is not math).
      const m = /^\$\$((?:\\.|[^$\\])+?)\$\$/.exec(src) ?? /^\$(?=\S)((?:\\.|[^$\\\n])*?\S)\$(?!\d)/.exec(src);
      return m ? { type: 'mathInline', raw: m[0], text: m[1]!, display: m[0].startsWith('$$') } : undefined;
    },
    renderer: (t) => `<code class="${t.display ? 'math-display' : 'math-inline'}">${escapeHtml(String(t.text))}</code>`,
  },
];

const marked = new Marked({
  gfm: true,
  async: false,
  extensions: math,
  renderer: {
    // Raw HTML becomes text: <script> shows as "<script>" and does nothing.
    html: ({ text }) => escapeHtml(text),
  },
});

const ELEMENTS = new Set([
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'em',
  'strong',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'sup',
  'sub',
  'span',
  'input',
]);
const ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(['href', 'title']),
  img: new Set(['src', 'alt', 'title']),
  th: new Set(['align']),
  td: new Set(['align']),
  ol: new Set(['start']),
  input: new Set(['type', 'checked', 'disabled']),
  code: new Set(['class']),
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A link target we follow: http(s), mailto or an in-page anchor; anything else (javascript:, data:) is dropped. */
function safeHref(href: string): boolean {
  if (href.startsWith('#')) return true;
  try {
    const u = new URL(href, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:';
  } catch {
    return false;
  }
}

/** An image we load: same origin (a package's own files) or inline data images; never a tracker elsewhere. */
function safeSrc(src: string): boolean {
  try {
    const u = new URL(src, location.href);
    return u.origin === location.origin || /^data:image\/(png|gif|jpeg|webp);/i.test(src);
  } catch {
    return false;
  }
}

/** Copy `from`'s children into `to`, keeping allowed elements and attributes; text is copied as text. */
function rebuild(from: Node, to: Node): void {
  for (const node of Array.from(from.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.appendChild(document.createTextNode(node.textContent ?? ''));
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const el = node as Element;
    const tag = el.localName;
    if (!ELEMENTS.has(tag) || (tag === 'input' && el.getAttribute('type') !== 'checkbox')) {
      // Unknown element: keep its text, drop the element (and for script/style, drop everything).
      if (tag !== 'script' && tag !== 'style' && tag !== 'template') rebuild(el, to);
      continue;
    }
    const copy = document.createElement(tag);
    for (const attr of Array.from(el.attributes)) {
      if (!ATTRIBUTES[tag]?.has(attr.name)) continue;
      if (tag === 'a' && attr.name === 'href' && !safeHref(attr.value)) continue;
      if (tag === 'img' && attr.name === 'src' && !safeSrc(attr.value)) continue;
      copy.setAttribute(attr.name, attr.value);
    }
    if (tag === 'input') copy.setAttribute('disabled', '');
    if (tag === 'a' && /^https?:/i.test(copy.getAttribute('href') ?? '')) copy.setAttribute('rel', 'noopener noreferrer nofollow');
    rebuild(el, copy);
    to.appendChild(copy);
  }
}

/** Render Markdown into a fragment of safe DOM. */
export function renderMarkdown(markdown: string): DocumentFragment {
  const html = marked.parse(markdown) as string;
  // A <template>'s content is inert: nothing in it runs or loads while we walk it.
  const template = document.createElement('template');
  template.innerHTML = html;
  const out = document.createDocumentFragment();
  rebuild(template.content, out);
  return out;
}
