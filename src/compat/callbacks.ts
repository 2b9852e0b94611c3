// Callbacks in a compatibility API's own shape: the node's webhook format (src/compose.ts) asks here first.
import type { RunRecord } from '../store/types.js';
import { judge0Meta } from './judge0/meta.js';
import { DEFAULT_FIELDS, submissionView } from './judge0/view.js';

/** The method and body for a run started through a compatibility API; undefined for native runs. */
export async function callbackFormat(run: RunRecord): Promise<{ method: string; body: string } | undefined> {
  // Judge0 PUTs the submission, its default attributes in base64 (text of any bytes survives JSON).
  if (judge0Meta(run.spec.compat)) return { method: 'PUT', body: JSON.stringify(await submissionView(run, DEFAULT_FIELDS, true)) };
  return undefined;
}
