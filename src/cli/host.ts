// Host settings for commands that run boxes directly (run, judge, doctor, languages): the one config schema, read
// from $AIRLOCK_CONFIG and AIRLOCK_* variables (AIRLOCK_DATA_DIR, AIRLOCK_SANDBOX, AIRLOCK_STATE_DIR, AIRLOCK_CGROUP ...).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { EngineConfig } from '../engine/execute.js';
import { useLauncher } from '../sandbox/launcher.js';

let loaded: Readonly<Config> | undefined;

/** The validated, frozen configuration of a one-shot command (a bad value throws, naming it); the launcher it names is used from here on. */
export function hostConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  if (!loaded) {
    // A one-shot command stages in $TMPDIR unless told otherwise; the service's default is /var/lib/airlock.
    loaded = loadConfig({ env, defaults: { dataDir: join(tmpdir(), 'airlock') } });
    useLauncher(loaded.sandbox.launcher);
  }
  return loaded;
}

/** Where staging directories go and how the launcher is placed, for one-shot commands. */
export function hostSettings(config: Readonly<Config> = hostConfig()): Omit<EngineConfig, 'slots'> {
  const s = config.sandbox;
  return {
    workDir: join(config.dataDir, 'work'),
    compileCache: { dir: join(config.dataDir, 'compile-cache') },
    sandbox: {
      ...(s.stateDir ? { stateDir: s.stateDir } : {}),
      ...(s.cgroup === 'v1' || s.cgroup === 'v2' ? { cgroup: s.cgroup } : {}),
      ...(s.cgroupRoot ? { cgroupRoot: s.cgroupRoot } : {}),
      ...(s.uidBase ? { uidBase: s.uidBase } : {}),
    },
  };
}
