// The requests judge0-python (the official Judge0 SDK, src/judge0/clients.py, api.py, submission.py) sends, replayed
// byte for byte over real HTTP, and the checks it makes on the answers (pydantic models in base_types.py).
import assert from 'node:assert/strict';
import { until } from '../helpers/until.js';

/** The SDK's own headers on every request (Client.__init__). */
export const SDK_HEADERS = { 'X-Judge0-App': 'Judge0 Python SDK', 'X-Judge0-App-Version': '0.0.7' };

/** LANGUAGE_TO_LANGUAGE_ID["1.13.1"] (data.py): the ids the SDK sends for its aliases, with airlock's language. */
export const SDK_IDS_1_13_1 = {
  PYTHON: [71, 'python3'],
  CPP: [52, 'cpp'],
  JAVA: [62, 'java'],
  C: [50, 'c'],
  JAVASCRIPT: [63, 'javascript'],
  GO: [60, 'go'],
  PHP: [68, 'php'],
  TYPESCRIPT: [74, 'typescript'],
  BASH: [46, 'bash'],
  RUBY: [72, 'ruby'],
  RUST: [73, 'rust'],
  PLAIN_TEXT: [43, 'bash'],
  EXECUTABLE: [44, 'bash'],
  MULTI_FILE: [89, 'bash'],
} as const;

/** The Config model's fields and their types (pydantic refuses the client if one is missing or mistyped). */
const CONFIG_FIELDS: Record<string, 'boolean' | 'number' | 'array'> = {
  allow_enable_network: 'boolean',
  allow_enable_per_process_and_thread_memory_limit: 'boolean',
  allow_enable_per_process_and_thread_time_limit: 'boolean',
  allowed_languages_for_compile_options: 'array',
  callbacks_max_tries: 'number',
  callbacks_timeout: 'number',
  cpu_extra_time: 'number',
  cpu_time_limit: 'number',
  enable_additional_files: 'boolean',
  enable_batched_submissions: 'boolean',
  enable_callbacks: 'boolean',
  enable_command_line_arguments: 'boolean',
  enable_compiler_options: 'boolean',
  enable_network: 'boolean',
  enable_per_process_and_thread_memory_limit: 'boolean',
  enable_per_process_and_thread_time_limit: 'boolean',
  enable_submission_delete: 'boolean',
  enable_wait_result: 'boolean',
  maintenance_mode: 'boolean',
  max_cpu_extra_time: 'number',
  max_cpu_time_limit: 'number',
  max_extract_size: 'number',
  max_file_size: 'number',
  max_max_file_size: 'number',
  max_max_processes_and_or_threads: 'number',
  max_memory_limit: 'number',
  max_number_of_runs: 'number',
  max_processes_and_or_threads: 'number',
  max_queue_size: 'number',
  max_stack_limit: 'number',
  max_submission_batch_size: 'number',
  max_wall_time_limit: 'number',
  memory_limit: 'number',
  number_of_runs: 'number',
  redirect_stderr_to_stdout: 'boolean',
  stack_limit: 'number',
  submission_cache_duration: 'number',
  use_docs_as_homepage: 'boolean',
  wall_time_limit: 'number',
};

/** A submission as the SDK holds it after set_attributes (encoded fields decoded, status as its id). */
export type Sub = Record<string, unknown> & { token?: string; status?: number; stdout?: string | null; stderr?: string | null; compile_output?: string | null };

/** common.encode / common.decode: base64 of UTF-8; decoding drops the newlines Judge0 puts every 60 characters. */
export const encode = (s: string | Buffer) => Buffer.from(s).toString('base64');
const decode = (s: string) => {
  assert.match(s.replace(/[\r\n]/g, ''), /^[A-Za-z0-9+/]*={0,2}$/, 'base64 that b64decode(validate=True) takes');
  return Buffer.from(s.replace(/[\r\n]/g, ''), 'base64').toString('utf8');
};
/** A JSON value as text (the SDK's str()). */
const str = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const ENCODED = new Set(['source_code', 'additional_files', 'stdin', 'expected_output', 'stdout', 'stderr', 'compile_output']);

/** Submission.set_attributes: what the SDK does with each attribute of an answer (and the parsing that would raise). */
function setAttributes(sub: Sub, attrs: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'language_id' || k === 'language' || k === 'status_id') continue;
    if (ENCODED.has(k)) sub[k] = v ? decode(str(v)) : null;
    else if (k === 'status') sub[k] = (v as { id: number }).id;
    else if ((k === 'created_at' || k === 'finished_at') && v !== null) {
      assert.match(str(v), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,6}Z$/, `${k} as "%Y-%m-%dT%H:%M:%S.%fZ"`);
      sub[k] = v;
    } else if (['cpu_time_limit', 'cpu_extra_time', 'time', 'wall_time', 'wall_time_limit'].includes(k) && v !== null) {
      assert.ok(Number.isFinite(Number(v)), `${k} is float()-able: ${str(v)}`);
      sub[k] = Number(v);
    } else sub[k] = v;
  }
}

/** Client(endpoint): every request the SDK makes, in its order, with its query strings. */
export class SdkClient {
  languages: { id: number; name: string }[] = [];
  config: Record<string, unknown> = {};
  private constructor(
    readonly endpoint: string,
    readonly headers: Record<string, string>,
  ) {}

  /** Client.__init__: GET /languages, then GET /config_info, both parsed as the SDK's models. */
  static async connect(endpoint: string, headers: Record<string, string> = {}): Promise<SdkClient> {
    const c = new SdkClient(endpoint, { ...headers, ...SDK_HEADERS });
    c.languages = (await c.get('/languages')) as { id: number; name: string }[];
    for (const l of c.languages) {
      assert.equal(typeof l.id, 'number');
      assert.equal(typeof l.name, 'string');
    }
    c.config = (await c.get('/config_info')) as Record<string, unknown>;
    for (const [k, type] of Object.entries(CONFIG_FIELDS)) {
      assert.equal(type === 'array' ? Array.isArray(c.config[k]) : typeof c.config[k], type === 'array' ? true : type, `config_info.${k} is a ${type}`);
    }
    return c;
  }

  /** An HTTP request with the SDK's headers; raise_for_status() on anything but 2xx. */
  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.endpoint}${path}`, {
      method,
      headers: { ...this.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    assert.ok(res.status >= 200 && res.status < 300, `${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  get(path: string): Promise<unknown> {
    return this.request('GET', path);
  }

  /** Client.version: GET /about's version, which picks the id table (LANGUAGE_TO_LANGUAGE_ID[version]). */
  async version(): Promise<string> {
    return String(((await this.get('/about')) as { version: string }).version);
  }

  /** is_language_supported: the id is one of /languages' ids. */
  supports(id: number): boolean {
    return this.languages.some((l) => l.id === id);
  }

  /** create_submission: the language check, then POST /submissions?base64_encoded=true&wait=false with as_body(). */
  async create(body: Record<string, unknown>): Promise<Sub> {
    assert.ok(this.supports(Number(body.language_id)), `Client does not support language with id ${String(body.language_id)}`);
    const sub: Sub = {};
    setAttributes(sub, (await this.request('POST', '/submissions?base64_encoded=true&wait=false', body)) as Record<string, unknown>);
    return sub;
  }

  /** get_submission: GET /submissions/{token}?base64_encoded=true&fields=*. */
  async fetch(sub: Sub): Promise<Sub> {
    setAttributes(sub, (await this.get(`/submissions/${sub.token}?base64_encoded=true&fields=*`)) as Record<string, unknown>);
    return sub;
  }

  /** create_submissions: POST /submissions/batch?base64_encoded=true {"submissions": [...]}. */
  async createMany(bodies: Record<string, unknown>[]): Promise<Sub[]> {
    for (const b of bodies) assert.ok(this.supports(Number(b.language_id)), `Client does not support language ${String(b.language_id)}`);
    const answers = (await this.request('POST', '/submissions/batch?base64_encoded=true', { submissions: bodies })) as Record<string, unknown>[];
    return answers.map((a) => {
      const sub: Sub = {};
      setAttributes(sub, a);
      return sub;
    });
  }

  /** get_submissions: GET /submissions/batch?base64_encoded=true&fields=*&tokens=a,b. */
  async fetchMany(subs: Sub[]): Promise<Sub[]> {
    const answer = (await this.get(`/submissions/batch?base64_encoded=true&fields=*&tokens=${subs.map((s) => s.token).join(',')}`)) as {
      submissions: Record<string, unknown>[];
    };
    subs.forEach((s, i) => setAttributes(s, answer.submissions[i]!));
    return subs;
  }

  /** api.wait: poll (one GET for one submission, the batch GET for several) until none is In Queue or Processing. */
  async wait(subs: Sub[]): Promise<Sub[]> {
    const done = (s: Sub) => s.status !== undefined && s.status !== 1 && s.status !== 2;
    await until(
      async () => (subs.length === 1 ? [await this.fetch(subs[0]!)] : await this.fetchMany(subs)),
      (all) => all.every(done),
      60_000,
      'the submissions to finish',
    );
    return subs;
  }

  /** judge0.run(source_code=..., language=...): create then wait, as the SDK's execute(wait_for_result=True). */
  async run(body: Record<string, unknown>): Promise<Sub> {
    const [s] = await this.wait([await this.create(body)]);
    return s!;
  }
}
