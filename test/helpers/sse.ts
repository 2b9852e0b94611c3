// A Server-Sent Events client for tests: fetch, then events as they come.

/** One event: its id, type and parsed data, and when it arrived. */
export interface SseEvent {
  id: string;
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever shape the stream under test sends
  data: any;
  at: number;
}

/** Read an event stream until the server ends it (or `until` says stop); `onEvent` sees each event as it comes. */
export async function readEvents(
  url: string,
  opts: { headers?: Record<string, string>; onEvent?: (e: SseEvent) => void | Promise<void> } = {},
): Promise<{ status: number; headers: Headers; events: SseEvent[] }> {
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...opts.headers } });
  const events: SseEvent[] = [];
  if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.text();
    return { status: res.status, headers: res.headers, events };
  }
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
      }
      if (fields.data === undefined) continue;
      const e = { id: fields.id ?? '', event: fields.event ?? 'message', data: JSON.parse(fields.data), at: Date.now() };
      events.push(e);
      await opts.onEvent?.(e);
    }
  }
  return { status: res.status, headers: res.headers, events };
}
