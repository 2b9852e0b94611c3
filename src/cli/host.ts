// Host settings for commands that run boxes directly (run, judge, doctor, languages): the one config schema, read
// from $AIRLOCK_CONFIG and AIRLOCK_* variables (AIRLOCK_DATA_DIR, AIRLOCK_SANDBOX, AIRLOCK_STATE_DIR, AIRLOCK_CGROUP ...).
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { EngineConfig } from '../engine/execute.js';
import { useLauncher } from '../sandbox/launcher.js';
import { defaultCliDataDir, privateDataDir } from './cache-dir.js';

let loaded: Readonly<Config> | undefined;

/** The validated, frozen configuration of a one-shot command (a bad value throws, naming it); the launcher it names is used from here on. */
export function hostConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  if (!loaded) {
    // A one-shot command keeps its cache in a private directory of its own (cache-dir.ts), never a shared /tmp/airlock.
    loaded = loadConfig({ env, defaults: { dataDir: defaultCliDataDir(env) } });
    useLauncher(loaded.sandbox.launcher);
  }
  return loaded;
}

/** Where staging directories go and how the launcher is placed, for one-shot commands. */
export function hostSettings(config: Readonly<Config> = hostConfig()): Omit<EngineConfig, 'slots'> {
  const s = config.sandbox;
  // Ours and 0700, or the command stops (AIRLOCK_ERR_UNSAFE_DIRECTORY): a planted cache entry would run as us.
  const dataDir = privateDataDir(config.dataDir);
  return {
    workDir: join(dataDir, 'work'),
    compileCache: { dir: join(dataDir, 'compile-cache') },
    sandbox: {
      ...(s.stateDir ? { stateDir: s.stateDir } : {}),
      ...(s.cgroup === 'v1' || s.cgroup === 'v2' ? { cgroup: s.cgroup } : {}),
      ...(s.cgroupRoot ? { cgroupRoot: s.cgroupRoot } : {}),
      ...(s.uidBase ? { uidBase: s.uidBase } : {}),
    },
  };
}
