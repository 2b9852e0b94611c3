// Big outputs, shared by the page and the run worker: how much of an output is shown, and the parts shown.

/**
 * A pane shows an output's first and last SHOWN characters. A browser lays out megabytes of text in seconds, during
 * which the page is frozen; nobody reads 16 MiB in a pane, so the whole is offered as a download instead.
 */
export const SHOWN = 32 * 1024;

/** An output too big to show whole: its head and tail, what lies between, and the whole as a file. */
export interface Cut {
  head: string;
  tail: string;
  /** Characters and lines left out between head and tail. */
  hiddenChars: number;
  hiddenLines: number;
  /** The whole output (UTF-8 bytes). */
  whole: Blob;
}

/** Cut a text that is longer than twice SHOWN at line ends near the edges, so the parts hold whole lines. */
export function cut(text: string): Cut | undefined {
  if (text.length <= 2 * SHOWN) return undefined;
  const nl = text.lastIndexOf('\n', SHOWN);
  const headEnd = nl > SHOWN / 2 ? nl + 1 : SHOWN;
  const nt = text.indexOf('\n', text.length - SHOWN);
  const tailStart = nt !== -1 && nt < text.length - SHOWN / 2 ? nt + 1 : text.length - SHOWN;
  let hiddenLines = 0;
  for (let i = text.indexOf('\n', headEnd); i !== -1 && i < tailStart; i = text.indexOf('\n', i + 1)) hiddenLines++;
  return {
    head: text.slice(0, headEnd),
    tail: text.slice(tailStart),
    hiddenChars: tailStart - headEnd,
    hiddenLines,
    whole: new Blob([text], { type: 'text/plain;charset=utf-8' }),
  };
}
