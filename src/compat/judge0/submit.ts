// Creating one Judge0 submission: translate, extract its zip in a box, then the service's one path.
import type { AppDeps } from '../../api/types.js';
import type { RunMode, RunRecord } from '../../store/types.js';
import type { Principal } from '../../auth/types.js';
import { judge0Config } from './config.js';
import { translate } from './request.js';
import { extractZip } from './unzip.js';

/** Check, translate and submit one submission body; the run is stored (with its Judge0 metadata) when this resolves. */
export async function createSubmission(deps: AppDeps, body: unknown, base64: boolean, who: Principal, requestId: string, mode: RunMode): Promise<RunRecord> {
  const t = translate(body, base64, deps.config, who.policy);
  if (t.zip) {
    const cap = Math.min(judge0Config(deps.config).max_extract_size * 1024, deps.config.runs.maxSourceBytes);
    const files = await extractZip(deps, t.zip, cap, 64 - t.run.files!.length, who, requestId);
    t.run.files!.push(...files.map((f) => ({ name: f.name, content: f.content.toString('base64') })));
  }
  const [run] = await deps.service.submit([t.run], who, { mode, requestId, compat: [t.meta] });
  return run!;
}
