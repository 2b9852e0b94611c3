// The compatibility APIs, each under its documented prefix (docs/compat.md).
import type { App, AppDeps } from '../api/types.js';
import { judge0Plugin } from './judge0/plugin.js';
import { jobePlugin } from './jobe/plugin.js';
import { pistonPlugin } from './piston/plugin.js';
import { addCompatSchemas } from './shared/schemas.js';

/** Register Judge0 CE (at "/" as Judge0 serves it, and at /judge0), Piston v2 (/api/v2) and Jobe (/jobe/index.php/restapi). */
export async function registerCompat(app: App, deps: AppDeps): Promise<void> {
  addCompatSchemas(app);
  await app.register(judge0Plugin(deps, true));
  await app.register(judge0Plugin(deps, false), { prefix: '/judge0' });
  await app.register(pistonPlugin(deps), { prefix: '/api/v2' });
  await app.register(jobePlugin(deps), { prefix: '/jobe/index.php/restapi' });
}
