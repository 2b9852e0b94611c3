// A tiny DOM builder. Text is always set as text nodes, never as HTML, so API data cannot inject markup.

type Child = Node | string | number | null | undefined | false;
type Props = Record<string, unknown>;

/** Create an element: `h('button', { class: 'run', onclick }, 'Run')`; `on*` functions become listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value as EventListener);
    else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'hidden') (el as unknown as Props)[key] = value;
    else el.setAttribute(key, value === true ? '' : `${value as string | number}`);
  }
  append(el, ...children);
  return el;
}

/** Append children, skipping empty ones. */
export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replace an element's children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

let ids = 0;
/** A page-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  return `${prefix}-${++ids}`;
}
