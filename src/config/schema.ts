// The one configuration schema: every setting of `airlock serve`, with its default.
import { type Static, Type as T } from '@sinclair/typebox';
import { limitBounds } from './limit-bounds.js';

const MB = 1024 * 1024;
/** The storage quota's range: below 1 MiB a single run's output would not fit; 1 TiB is more than any one disk should give one key. */
const STORAGE = { minimum: MB, maximum: 1024 * 1024 * MB };

/** A setting's older environment names, still read (after its AIRLOCK_<PATH> name): AIRLOCK_SANDBOX for sandbox.launcher. */
export const ENV_ALIASES = 'x-env-aliases';
const positive = (def: number, description: string) => T.Number({ exclusiveMinimum: 0, default: def, description });
const count = (def: number, description: string, minimum = 1) => T.Integer({ minimum, default: def, description });

/** Limits a run may ask for; each key is also a ceiling somewhere. Ranges: limit-bounds.ts (docs/api.md#limits). */
export const LimitsSchema = T.Object(
  {
    cpuTime: T.Optional(T.Number({ ...limitBounds.cpuTime, description: 'CPU seconds, all processes together' })),
    wallTime: T.Optional(T.Number({ ...limitBounds.wallTime, description: 'wall-clock seconds' })),
    memory: T.Optional(T.Integer({ ...limitBounds.memory, description: 'bytes' })),
    processes: T.Optional(T.Integer({ ...limitBounds.processes, description: 'processes and threads together' })),
    output: T.Optional(T.Integer({ ...limitBounds.output, description: 'stdout plus stderr bytes' })),
    fileSize: T.Optional(T.Integer({ ...limitBounds.fileSize, description: 'largest file the program may write, bytes' })),
  },
  { additionalProperties: false },
);
/** A caller's (or a key's) limits: any subset. */
export type Limits = Static<typeof LimitsSchema>;

/** What a key (or an anonymous caller) may do; every field optional means "the server's rule". */
export const PolicySchema = T.Object(
  {
    ratePerSecond: T.Optional(T.Number({ exclusiveMinimum: 0, description: 'sustained requests per second' })),
    burst: T.Optional(T.Integer({ minimum: 1, description: 'requests allowed at once above the rate' })),
    runsPerDay: T.Optional(T.Integer({ minimum: 0, description: 'quota of runs per UTC day' })),
    storageBytes: T.Optional(T.Integer({ ...STORAGE, description: 'bytes it may keep stored (runs, submissions, problems); absent: storage.quotaBytes' })),
    ceilings: T.Optional(LimitsSchema),
    languages: T.Optional(T.Array(T.String(), { description: 'allowed language ids; absent means all' })),
    network: T.Optional(T.Boolean({ description: 'may ask for network (also needs sandbox.allowNetwork)' })),
  },
  { additionalProperties: false },
);
export type Policy = Static<typeof PolicySchema>;

/** Every setting of the service. Environment: AIRLOCK_ + the path in upper snake case (queue.maxLength -> AIRLOCK_QUEUE_MAX_LENGTH). */
export const ConfigSchema = T.Object(
  {
    host: T.String({ default: '127.0.0.1', description: 'address to listen on' }),
    port: T.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'TCP port (0: any free port)' }),
    dataDir: T.String({ minLength: 1, default: '/var/lib/airlock', description: 'SQLite database and staging directories' }),
    logLevel: T.Union(
      [T.Literal('fatal'), T.Literal('error'), T.Literal('warn'), T.Literal('info'), T.Literal('debug'), T.Literal('trace'), T.Literal('silent')],
      { default: 'info' },
    ),
    slots: count(2, 'concurrent boxes (sandbox slots); defaults to the number of cores'),
    slotBase: count(0, 'first sandbox slot number (each slot has its own uid and cgroup)', 0),
    sandbox: T.Object(
      {
        // Threat: a binary that runs as root named by whoever sets the environment. Checked at start (check.ts).
        launcher: T.String({
          default: '',
          pattern: '^(/.*)?$',
          description:
            'the launcher binary, which runs as root: an absolute path to a regular executable file owned by root and writable by nobody else; empty: the repository build',
          [ENV_ALIASES]: ['AIRLOCK_SANDBOX'],
        }),
        stateDir: T.Optional(T.String({ minLength: 1, [ENV_ALIASES]: ['AIRLOCK_STATE_DIR'] })),
        cgroup: T.Optional(T.Union([T.Literal('v1'), T.Literal('v2'), T.Literal('auto')], { [ENV_ALIASES]: ['AIRLOCK_CGROUP'] })),
        cgroupRoot: T.Optional(T.String({ minLength: 1, description: "the boxes' parent cgroup (set by deploy/systemd's cgroup-enter)" })),
        uidBase: T.Optional(T.Integer({ minimum: 1 })),
        allowNetwork: T.Boolean({
          default: false,
          description: 'boxes may get network when a key allows it; the launcher shares the host network today: keep off',
        }),
        daemon: T.Boolean({ default: true, description: 'run boxes through one launcher daemon (no process spawn per run)' }),
      },
      { additionalProperties: false, default: {} },
    ),
    server: T.Object(
      {
        bodyLimit: count(2 * MB, 'largest request body, bytes'),
        headersTimeout: positive(10, 'seconds to receive the request headers (slowloris)'),
        requestTimeout: positive(30, 'seconds to receive the whole request (slow bodies)'),
        keepAliveTimeout: positive(5, 'seconds an idle keep-alive connection stays open'),
        maxConnections: count(1024, 'open connections at most'),
        shutdownTimeout: positive(10, 'seconds running boxes get to finish on shutdown before they are killed and re-queued'),
        answerMemory: count(
          16 * MB,
          'bytes of run output that HTTP answers being made and written may hold at once; an answer with more than 1 MiB waits for room',
          MB,
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    runs: T.Object(
      {
        maxSourceBytes: count(512 * 1024, 'all files of a run together, bytes'),
        maxStdinBytes: count(MB, 'standard input of a run (and of a stream session), bytes'),
        maxBatch: count(32, 'runs in one batch'),
        batchOutputBudget: count(
          64 * MB,
          'bytes of output (stdout, stderr, compiler output) all runs of a wait=true batch may print together; their caps are fitted into it',
        ),
        syncTimeout: positive(120, 'seconds a wait=true request waits before it gets 202 and the id'),
        maxAttempts: count(2, 'times a run is started before a restart gives up on it'),
        retentionDays: T.Number({
          minimum: 0.001,
          maximum: 3650,
          default: 7,
          description: 'finished runs and submissions (their rows, with spec and output) are deleted after this many days',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    queue: T.Object(
      {
        maxLength: count(1000, 'runs waiting at most; more get 429 with Retry-After'),
        redis: T.String({ default: '', description: 'scale-out: BullMQ on this Redis (redis://host:port/db); empty: the in-process queue' }),
        name: T.String({
          minLength: 1,
          pattern: '^[A-Za-z0-9_.-]+$',
          default: 'airlock',
          description: 'BullMQ queue name (and Redis key prefix part): nodes of one cluster share it',
        }),
        lockSeconds: positive(30, "scale-out: a job's lock; a worker that stops renewing it (killed) has its job run again after about this long"),
      },
      { additionalProperties: false, default: {} },
    ),
    store: T.Object(
      {
        postgres: T.String({
          default: '',
          description: 'scale-out: runs, problems and keys in this PostgreSQL (postgres://user@host/db); empty: SQLite in dataDir',
        }),
        poolSize: count(10, 'PostgreSQL connections per pool; a node opens two (runs and keys; problems and submissions)'),
      },
      { additionalProperties: false, default: {} },
    ),
    storage: T.Object(
      {
        // Threat: a key filling the data directory (or the database) with results until the host stops.
        quotaBytes: T.Integer({
          ...STORAGE,
          default: 1024 * MB,
          description: "bytes each principal (each key; anonymous callers together) may keep stored; a key's policy storageBytes overrides it",
        }),
        sweepInterval: T.Number({
          minimum: 10,
          maximum: 86_400,
          default: 3600,
          description: 'seconds between retention sweeps (also run at start) on single and API nodes',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    ceilings: T.Object(
      {
        cpuTime: T.Number({ ...limitBounds.cpuTime, default: 20, description: 'CPU seconds' }),
        wallTime: T.Number({ ...limitBounds.wallTime, default: 60, description: 'wall-clock seconds' }),
        memory: T.Integer({ ...limitBounds.memory, default: 1024 * MB, description: 'bytes' }),
        processes: T.Integer({ ...limitBounds.processes, default: 256, description: 'processes and threads' }),
        output: T.Integer({
          ...limitBounds.output,
          default: 16 * MB,
          description: 'stdout plus stderr bytes (held in memory per running box and per result in flight)',
        }),
        fileSize: T.Integer({ ...limitBounds.fileSize, default: 64 * MB, description: 'bytes' }),
      },
      { additionalProperties: false, default: {}, description: 'server-wide ceilings on every run limit' },
    ),
    auth: T.Object(
      {
        anonymous: T.Boolean({ default: true, description: 'serve requests without an API key (under the anonymous policy)' }),
        anonymousPolicy: T.Object(PolicySchema.properties, { additionalProperties: false, default: { ratePerSecond: 20, burst: 100 } }),
        defaultPolicy: T.Object(PolicySchema.properties, { additionalProperties: false, default: {}, description: 'policy of keys that do not set a field' }),
      },
      { additionalProperties: false, default: {} },
    ),
    webhooks: T.Object(
      {
        secret: T.String({ default: '', description: 'HMAC-SHA256 key for signatures; empty: a random one kept in the data directory' }),
        maxAttempts: count(6, 'deliveries tried at most'),
        initialDelay: positive(1, 'seconds before the first retry; doubled each time'),
        timeout: positive(10, 'seconds one delivery attempt may take in all (connect, send, answer), however the receiver trickles'),
        maxConcurrent: count(16, 'delivery attempts in flight at once on a node; the others wait their turn'),
        allowPrivate: T.Boolean({ default: false, description: 'allow loopback and private addresses (SSRF into the host or its network otherwise)' }),
      },
      { additionalProperties: false, default: {} },
    ),
    problems: T.Object(
      {
        maxArchiveBytes: count(64 * MB, 'largest uploaded package archive, bytes'),
        maxUnpackedBytes: count(256 * MB, 'an archive unpacks to at most this many bytes (a zip bomb stops here)'),
        maxFiles: count(10_000, 'files and directories an archive may unpack to'),
        maxDepth: count(16, 'deepest path in an archive, in parts'),
        preparedCache: count(16, 'problems kept prepared (checkers compiled, tests generated) in memory and on disk', 0),
      },
      { additionalProperties: false, default: {} },
    ),
    jobe: T.Object(
      {
        maxCpuTime: positive(
          120,
          "the Jobe API's cputime_upper_limit_secs: a run_spec asking for more CPU seconds is refused (400); what runs is still at most ceilings.cpuTime",
        ),
        waitTimeout: positive(10, "the Jobe API's jobe_wait_timeout: seconds a run may wait for a box before it is given up with outcome 21 (server overload)"),
      },
      { additionalProperties: false, default: {} },
    ),
    metrics: T.Boolean({ default: true, description: 'serve /metrics' }),
    docs: T.Boolean({ default: true, description: 'serve the OpenAPI document and /docs' }),
  },
  { additionalProperties: false },
);

/** The validated, frozen configuration. */
export type Config = Static<typeof ConfigSchema>;
