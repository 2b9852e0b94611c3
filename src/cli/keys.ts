// `airlock keys create | list | revoke`: API keys in the service's store (works while the service runs).
import { Value } from '@sinclair/typebox/value';
import { newKey } from '../auth/keys.js';
import { loadConfig } from '../config/load.js';
import { type Policy, PolicySchema } from '../config/schema.js';
import { AirlockError } from '../errors.js';
import { openStore } from '../service/backends.js';
import { parse, positive } from './args.js';
import { configFlags } from './serve.js';

const help = `Usage: airlock keys create NAME [policy options] | list [--json] | revoke ID

The key is printed once at creation; only a hash of it is stored.

Policy options (absent: the server's auth.defaultPolicy):
  --rate N            requests per second
  --burst N           requests at once above the rate
  --runs-per-day N    quota of runs per UTC day
  --storage MB        bytes it may keep stored, in MiB (default: the server's storage.quotaBytes)
  --languages a,b     only these language ids
  --max-cpu-time S    ceilings on what runs may ask for
  --max-wall-time S
  --max-memory MB
  --max-processes N
  --max-output BYTES
  --max-file-size BYTES
  --network           may ask for network (also needs sandbox.allowNetwork on the server)
Common: --data-dir DIR, --store URL, --config FILE (as for airlock serve)
`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    'data-dir': { type: 'string' },
    store: { type: 'string' },
    config: { type: 'string' },
    rate: { type: 'string' },
    burst: { type: 'string' },
    'runs-per-day': { type: 'string' },
    storage: { type: 'string' },
    languages: { type: 'string' },
    'max-cpu-time': { type: 'string' },
    'max-wall-time': { type: 'string' },
    'max-memory': { type: 'string' },
    'max-processes': { type: 'string' },
    'max-output': { type: 'string' },
    'max-file-size': { type: 'string' },
    network: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  const [command, arg] = positionals;
  if (values.help || !command) {
    process.stdout.write(help);
    return values.help ? 0 : 2;
  }
  const config = loadConfig({ ...(values.config ? { file: values.config } : {}), env: process.env, flags: configFlags(values) });
  const store = await openStore(config);
  try {
    if (command === 'create') {
      if (!arg) throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', 'keys create wants a NAME');
      const { record, token } = newKey(arg, policyFrom(values));
      await store.createKey(record);
      process.stdout.write(values.json ? `${JSON.stringify({ id: record.id, name: record.name, key: token, policy: record.policy })}\n` : `${token}\n`);
      if (!values.json) process.stderr.write(`airlock: key ${record.id} "${arg}" created; it is shown only now\n`);
    } else if (command === 'list') {
      const keys = await store.listKeys();
      if (values.json)
        process.stdout.write(
          `${JSON.stringify(
            keys.map(({ hash: _h, ...k }) => k),
            null,
            2,
          )}\n`,
        );
      else
        for (const k of keys)
          process.stdout.write(
            `${k.id}  ${k.revokedAt ? 'revoked' : 'active '}  ${new Date(k.createdAt).toISOString()}  ${k.name}  ${JSON.stringify(k.policy)}\n`,
          );
    } else if (command === 'revoke') {
      if (!arg) throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', 'keys revoke wants an ID');
      if (!(await store.revokeKey(arg, Date.now()))) throw new AirlockError('AIRLOCK_ERR_KEY_NOT_FOUND', arg);
      process.stderr.write(`airlock: key ${arg} revoked\n`);
    } else {
      throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', `unknown keys command "${command}" (create, list, revoke)`);
    }
  } finally {
    await store.close();
  }
  return 0;
}

function policyFrom(v: Record<string, string | boolean | undefined>): Policy {
  const num = (name: string, scale = 1) => {
    const n = positive(name, v[name] as string | undefined);
    return n === undefined ? undefined : n * scale;
  };
  const ceilings = Object.fromEntries(
    Object.entries({
      cpuTime: num('max-cpu-time'),
      wallTime: num('max-wall-time'),
      memory: num('max-memory', 1024 * 1024),
      processes: num('max-processes'),
      output: num('max-output'),
      fileSize: num('max-file-size'),
    }).filter(([, x]) => x !== undefined),
  );
  const policy: Policy = {
    ...(v.rate ? { ratePerSecond: num('rate')! } : {}),
    ...(v.burst ? { burst: num('burst')! } : {}),
    ...(v['runs-per-day'] !== undefined ? { runsPerDay: Number(v['runs-per-day']) } : {}),
    ...(v.storage ? { storageBytes: Math.round(num('storage', 1024 * 1024)!) } : {}),
    ...(v.languages
      ? {
          languages: String(v.languages)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
    ...(Object.keys(ceilings).length ? { ceilings } : {}),
    ...(v.network ? { network: true } : {}),
  };
  const first = Value.Errors(PolicySchema, policy).First();
  if (first) throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', `${first.path.slice(1) || 'policy'}: ${first.message}`);
  return policy;
}
