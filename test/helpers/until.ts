// Polling observable state instead of sleeping a fixed time: a test waits exactly as long as the machine needs.
import assert from 'node:assert/strict';

/** Call `get` every 50 ms until `ok` holds for its value, and return that value; fail after `ms` naming `what`. */
export async function until<T>(get: () => Promise<T> | T, ok: (v: T) => boolean, ms = 20_000, what = 'the condition'): Promise<T> {
  let last: T | undefined;
  for (const end = Date.now() + ms; Date.now() < end;) {
    last = await get();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  return assert.fail(`timed out after ${ms} ms waiting for ${what} (last value: ${String(last)})`);
}
