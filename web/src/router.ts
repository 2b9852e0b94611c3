// Hash routes (#/, #/problems, #/problems/<id>): the server serves one file and never sees the fragment.

/** A parsed route: path parts and query. */
export interface Route {
  parts: string[];
  query: URLSearchParams;
}

/** The current route from location.hash. */
export function currentRoute(): Route {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?', 2);
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}
