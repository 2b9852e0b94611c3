// Share links: the code, language, input and arguments, deflated into the URL's fragment.
// The fragment never reaches the server, so a shared program is not stored or logged anywhere.

/** What a share link restores. */
export interface Shared {
  language: string;
  source: string;
  stdin?: string;
  args?: string[];
}

const toBase64Url = (b: Uint8Array): string => {
  let s = '';
  for (const byte of b) s += String.fromCharCode(byte);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (s: string): Uint8Array => {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

async function pipe(data: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([data as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** The fragment payload for a program: base64url of deflate-raw of its JSON. */
export async function encodeShare(s: Shared): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ l: s.language, s: s.source, i: s.stdin || undefined, a: s.args?.length ? s.args : undefined }));
  return toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** The program in a payload; undefined when it is damaged (a truncated link, say). */
export async function decodeShare(payload: string): Promise<Shared | undefined> {
  try {
    const json = JSON.parse(new TextDecoder().decode(await pipe(fromBase64Url(payload), new DecompressionStream('deflate-raw')))) as Record<string, unknown>;
    if (typeof json.l !== 'string' || typeof json.s !== 'string') return undefined;
    const args = Array.isArray(json.a) ? json.a.filter((a): a is string => typeof a === 'string') : undefined;
    return { language: json.l, source: json.s, ...(typeof json.i === 'string' ? { stdin: json.i } : {}), ...(args ? { args } : {}) };
  } catch {
    return undefined;
  }
}
