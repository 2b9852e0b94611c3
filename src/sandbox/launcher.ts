// Where the launcher binary is, and whether it can be run.
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AirlockError } from '../errors.js';

/** The repository's build of the launcher, relative to this module in dist/src/sandbox. */
const builtIn = fileURLToPath(new URL('../../../sandbox/build/airlock-sandbox', import.meta.url));

/** The configured launcher (sandbox.launcher), set once at start; never read from the environment here. */
let configured: string | undefined;

/** Use the launcher the validated configuration names (empty: the repository's build); called once at start. */
export function useLauncher(path: string): void {
  configured = path || undefined;
}

/** Path of the launcher: sandbox.launcher (also $AIRLOCK_SANDBOX, through the config loader) or the repository's build. */
export function launcherPath(): string {
  return configured ?? builtIn;
}

/** Throws AIRLOCK_ERR_SANDBOX_MISSING unless the launcher is executable. */
export function assertLauncher(path = launcherPath()): string {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new AirlockError('AIRLOCK_ERR_SANDBOX_MISSING', `${path} (run: make -C sandbox)`);
  }
  return path;
}
