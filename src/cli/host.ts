// Host settings for commands that run boxes directly (run, judge): from AIRLOCK_* variables.
import { join } from 'node:path';
import type { EngineConfig } from '../engine/execute.js';
import { cliDataDir } from './cache-dir.js';

/** Where staging directories go and how the launcher is placed, for one-shot commands. */
export function hostSettings(): Omit<EngineConfig, 'slots'> {
  const env = process.env;
  const dataDir = cliDataDir(env);
  return {
    workDir: join(dataDir, 'work'),
    compileCache: { dir: join(dataDir, 'compile-cache') },
    sandbox: {
      ...(env.AIRLOCK_STATE_DIR ? { stateDir: env.AIRLOCK_STATE_DIR } : {}),
      ...(env.AIRLOCK_CGROUP === 'v1' || env.AIRLOCK_CGROUP === 'v2' ? { cgroup: env.AIRLOCK_CGROUP } : {}),
    },
  };
}
