// localStorage as JSON, tolerant of a full or disabled storage (private windows): the page works without it.

/** Read a saved value, or the fallback when absent or unreadable. */
export function load<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

/** Save a value; a full storage is not worth an error on screen. */
export function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* quota or disabled: nothing is remembered, nothing breaks */
  }
}
