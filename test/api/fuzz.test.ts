// Random and malformed requests against every route the OpenAPI document lists: only 4xx (or a
// normal answer), never a 5xx, a stack trace or a crash. Seeded: AIRLOCK_FUZZ_SEED replays a run,
// AIRLOCK_FUZZ_SECONDS sets the budget (20 s by default).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testApp } from '../helpers/service.js';

const SECONDS = Number(process.env.AIRLOCK_FUZZ_SECONDS ?? 20);
const SEED = Number(process.env.AIRLOCK_FUZZ_SEED ?? Date.now() % 1_000_000);

/** A small seeded generator (mulberry32): the same seed, the same requests. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

type R = ReturnType<typeof rng>;

/** encodeURIComponent refuses lone surrogates: send their (invalid) UTF-8 bytes raw instead. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

const fieldNames = [
  'language',
  'source',
  'files',
  'stdin',
  'args',
  'limits',
  'compileLimits',
  'compileOptions',
  'encoding',
  'outputEncoding',
  'callbackUrl',
  'network',
  'tests',
  'expectedOutput',
  'main',
  'runs',
  'name',
  'content',
  'cpuTime',
  'wallTime',
  'memory',
  'output',
  'source_code',
  'language_id',
  'stdin',
  'run_spec',
  'version',
  'type',
  'data',
  'checker',
  '__proto__',
  'constructor',
];
const numbers = [0, -0, 1, -1, 0.5, 1e308, -1e308, 2 ** 53 + 1, 2 ** 31, 2 ** 32, 2 ** 64, 1e-320, 255, 65536];
const strings = [
  '',
  'python3',
  'c',
  'cpp',
  'x'.repeat(5000),
  '../../etc/passwd',
  '\u0000',
  '\ud800',
  'é',
  '🚀',
  'print(1)',
  '{}',
  'null',
  'a\nb',
  '$(id)',
  ';rm -rf /',
];

/** A random JSON value, with the odd deep or large one. */
function value(r: R, depth = 0): unknown {
  switch (r.int(depth > 3 ? 4 : 8)) {
    case 0:
      return r.pick(numbers);
    case 1:
      return r.pick(strings);
    case 2:
      return r.next() < 0.5;
    case 3:
      return null;
    case 4:
      return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--) o[r.pick(fieldNames)] = value(r, depth + 1);
      return o;
    }
  }
}

/** A request body: mostly JSON of the right shape or not, sometimes bytes that are no JSON at all. */
function body(r: R): { payload: string | Buffer; type: string } {
  const json = 'application/json';
  switch (r.int(10)) {
    case 0:
      return { payload: '['.repeat(20000) + ']'.repeat(20000), type: json }; // deeply nested
    case 1:
      return { payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]), type: json }; // invalid UTF-8
    case 2:
      return { payload: '{"language": "python3", "source": ', type: json }; // truncated
    case 3:
      return { payload: JSON.stringify({ source: 'x'.repeat(3 * 1024 * 1024), language: 'python3' }), type: json }; // large
    case 4:
      return { payload: JSON.stringify(value(r)), type: r.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream']) };
    case 5:
      return { payload: '{"a":1,"a":2,"__proto__":{"polluted":true}}', type: json };
    default:
      return { payload: JSON.stringify(value(r)), type: json };
  }
}

let svc: Awaited<ReturnType<typeof testApp>>;
const routes: Array<{ method: string; url: string }> = [];

before(async () => {
  // Rate limits off: the fuzzer is to reach the validators, not the limiter (tested elsewhere).
  // Low time ceilings: a request that happens to be a valid run ends quickly (defaults are lowered to them).
  svc = await testApp(390, {
    'auth.anonymousPolicy.ratePerSecond': 100000,
    'auth.anonymousPolicy.burst': 100000,
    'ceilings.cpuTime': 0.5,
    'ceilings.wallTime': 1,
  });
  const doc = (await svc.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const method of Object.keys(methods)) routes.push({ method: method.toUpperCase(), url: path });
  }
  // Routes outside the document, and methods a route does not have.
  routes.push({ method: 'GET', url: '/metrics' }, { method: 'GET', url: '/docs' }, { method: 'PUT', url: '/v1/runs' }, { method: 'POST', url: '/v1/nowhere' });
});
after(() => svc.close());

test(`every route answers random and malformed requests with less than 500 (seed ${SEED})`, async () => {
  assert.ok(routes.length >= 10, `expected the routes of the API, got ${routes.length}`);
  const r = rng(SEED);
  const deadline = Date.now() + SECONDS * 1000;
  let sent = 0;
  const seen = new Map<number, number>();
  while (Date.now() < deadline) {
    const route = r.pick(routes);
    // Path parameters get random text, some of it hostile.
    const url =
      route.url.replace(/\{[^}]+\}/g, () => enc(r.pick(['0', 'nope', '..%2f..', 'x'.repeat(300), '%00', '-1', '9'.repeat(30)]))) +
      (r.next() < 0.3 ? `?${r.pick(['wait', 'fields', 'base64_encoded', 'limit'])}=${enc(String(r.pick([...strings, ...numbers])))}` : '');
    const withBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
    const b = withBody ? body(r) : undefined;
    const res = await svc.app.inject({
      method: route.method as 'GET',
      url,
      ...(b ? { payload: b.payload, headers: { 'content-type': b.type } } : {}),
    });
    sent++;
    seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
    const where = `${route.method} ${url.slice(0, 120)} -> ${res.statusCode} (seed ${SEED}, request ${sent})`;
    assert.ok(res.statusCode < 500, `${where}: ${res.body.slice(0, 300)}`);
    // An error never shows our insides.
    assert.doesNotMatch(res.body, /\n\s+at .+\(.+:\d+:\d+\)|node:internal|\/work\/|dist\/src/, where);
  }
  console.log(`fuzz: ${sent} requests over ${routes.length} routes, statuses ${JSON.stringify(Object.fromEntries(seen))}`);
  assert.ok(sent >= SECONDS * 2, `only ${sent} requests in ${SECONDS} s`);
});

/** Limit values at and beyond every edge: zero, tiny, negative, huge, exponent forms, NaN-like and non-number text. */
const limitEdges: unknown[] = [
  0,
  -0,
  1e-9,
  1e-7,
  0.0005,
  0.001,
  0.5,
  1,
  2,
  -1,
  -1e-9,
  1e308,
  2 ** 53 + 1,
  2 ** 64,
  1e21,
  '1e-7',
  '1e-9',
  '1e3',
  '2E0',
  '0x10',
  ' 5 ',
  'NaN',
  'Infinity',
  '-Infinity',
  '',
  null,
  true,
  [],
  {},
];

/** Each field that sets a limit, with a request that uses one value for it, and how to spot our own failure in a 2xx answer. */
/** The parts of each API's answer that say "we failed" (IE, Judge0's 13, Jobe's 20, Piston's XX). */
interface AnswerBody {
  result?: { status?: string; compile?: { status?: string } };
  status?: { id?: number };
  outcome?: number;
  run?: { status?: string };
  compile?: { status?: string };
}

const limitFields: Array<{
  api: string;
  fields: string[];
  send: (field: string, v: unknown) => { method: 'POST'; url: string; payload: object };
  failed: (body: AnswerBody) => boolean;
}> = [
  {
    api: 'native',
    fields: [
      'limits.cpuTime',
      'limits.wallTime',
      'limits.memory',
      'limits.processes',
      'limits.output',
      'limits.fileSize',
      'compileLimits.cpuTime',
      'compileLimits.wallTime',
      'compileLimits.memory',
    ],
    send: (field, v) => {
      const [group, key] = field.split('.') as [string, string];
      return { method: 'POST', url: '/v1/runs', payload: { language: 'c', source: 'int main(){return 0;}', [group]: { [key]: v } } };
    },
    failed: (b) => b.result?.status === 'IE' || b.result?.compile?.status === 'IE',
  },
  {
    api: 'judge0',
    fields: [
      'cpu_time_limit',
      'cpu_extra_time',
      'wall_time_limit',
      'memory_limit',
      'stack_limit',
      'max_processes_and_or_threads',
      'max_file_size',
      'number_of_runs',
    ],
    send: (field, v) => ({ method: 'POST', url: '/submissions?wait=true', payload: { language_id: 71, source_code: 'print(1)', [field]: v } }),
    failed: (b) => b.status?.id === 13,
  },
  {
    api: 'jobe',
    fields: ['cputime', 'memorylimit', 'streamsize', 'disklimit', 'numprocs'],
    send: (field, v) => ({
      method: 'POST',
      url: '/jobe/index.php/restapi/runs',
      payload: { run_spec: { language_id: 'python3', sourcecode: 'print(1)', parameters: { [field]: v } } },
    }),
    failed: (b) => b.outcome === 20,
  },
  {
    api: 'piston',
    fields: ['run_timeout', 'compile_timeout', 'run_cpu_time', 'compile_cpu_time', 'run_memory_limit', 'compile_memory_limit'],
    send: (field, v) => ({
      method: 'POST',
      url: '/api/v2/execute',
      payload: {
        language: 'c',
        version: '*',
        files: [{ content: 'int main(){return 0;}' }],
        // Piston's default times are above this service's low ceilings: within them, then the edge.
        run_timeout: 1000,
        compile_timeout: 1000,
        run_cpu_time: 500,
        compile_cpu_time: 500,
        [field]: v,
      },
    }),
    failed: (b) => b.run?.status === 'XX' || b.compile?.status === 'XX',
  },
];

test('limit edges on every API (native, Judge0, Jobe, Piston): a verdict or a 4xx, never a 5xx or an internal error', async () => {
  const seen = new Map<string, number>();
  for (const { api, fields, send, failed } of limitFields) {
    for (const field of fields) {
      for (const v of limitEdges) {
        const res = await svc.app.inject(send(field, v));
        const where = `${api} ${field}=${JSON.stringify(v)} -> ${res.statusCode}: ${res.body.slice(0, 300)}`;
        seen.set(`${api} ${res.statusCode}`, (seen.get(`${api} ${res.statusCode}`) ?? 0) + 1);
        assert.ok(res.statusCode < 500, where);
        if (res.statusCode < 300) assert.ok(!failed(res.json()), `internal error: ${where}`);
      }
    }
  }
  console.log(`limit edges: ${JSON.stringify(Object.fromEntries(seen))}`);
});

test(`batch output budget edges: fitted and answered, or refused with 413, never a 5xx (seed ${SEED})`, async () => {
  const r = rng(SEED + 1);
  const budget = svc.config.runs.batchOutputBudget;
  const ceiling = svc.config.ceilings.output;
  const seen = new Map<string, number>();
  for (let i = 0; i < 8; i++) {
    // Up to 6 runs: with the 16 MiB ceiling, 5 runs at it are over the 64 MiB budget.
    const n = 1 + r.int(6);
    const share = Math.min(Math.floor(budget / n), ceiling);
    const edges = [undefined, 1, share, Math.min(share + 1, ceiling), ceiling];
    // The first two are fixed so both ends are always reached: asked caps over the budget, and no room left for the rest.
    const fixed = [Array<number>(5).fill(ceiling), [undefined, ...Array<number>(Math.floor(budget / ceiling)).fill(ceiling)]];
    const asked = fixed[i] ?? Array.from({ length: n }, () => r.pick(edges));
    const runs = asked.map((output: number | undefined) => ({
      language: 'python3',
      source: 'print(1)',
      ...(output === undefined ? {} : { limits: { output } }),
    }));
    const res = await svc.app.inject({ method: 'POST', url: '/v1/runs/batch', payload: { runs } });
    const where = `outputs ${JSON.stringify(asked)} of budget ${budget} -> ${res.statusCode}: ${res.body.slice(0, 300)}`;
    seen.set(String(res.statusCode), (seen.get(String(res.statusCode)) ?? 0) + 1);
    const explicit = asked.filter((o): o is number => o !== undefined);
    const askedTotal = explicit.reduce((a, b) => a + b, 0);
    // Caps asked for are never lowered: above the budget together, the batch is refused before anything runs;
    // every cap given and within it, the batch runs as asked. Caps left out are fitted into what is left, or refused.
    if (askedTotal > budget) assert.equal(res.statusCode, 413, where);
    else if (explicit.length === asked.length) assert.equal(res.statusCode, 200, where);
    if (res.statusCode === 200) {
      // A 1-byte cap on "1\n" is an output limit verdict, not a failure.
      for (const run of res.json<{ runs: Array<{ result: { status: string } }> }>().runs) assert.ok(['OK', 'OLE'].includes(run.result.status), where);
    } else {
      assert.equal(res.statusCode, 413, where);
      assert.equal(res.json<{ error: { code: string } }>().error.code, 'AIRLOCK_ERR_BATCH_TOO_LARGE', where);
    }
  }
  console.log(`batch budget edges: ${JSON.stringify(Object.fromEntries(seen))}`);
  assert.ok(seen.get('413'), 'no batch was refused');
});
