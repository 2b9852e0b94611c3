// Legal limits give a verdict, out-of-range ones a 4xx in each API's own shape: never a 500 or an internal error.
// The ranges are src/config/limit-bounds.ts (docs/api.md#limits).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testApp } from '../helpers/service.js';

let t: Awaited<ReturnType<typeof testApp>>;
before(async () => {
  t = await testApp(470, { 'auth.anonymousPolicy.ratePerSecond': 10000, 'auth.anonymousPolicy.burst': 10000 });
});
after(() => t.close());

const native = (limits: object, source = 'int main(){return 0;}') =>
  t.app.inject({ method: 'POST', url: '/v1/runs', payload: { language: 'c', source, limits } });

test('native: a limit below its minimum or above its maximum is 400 AIRLOCK_ERR_BAD_REQUEST naming the field', async () => {
  for (const [limits, field] of [
    [{ cpuTime: 1e-7 }, 'cpuTime'],
    [{ wallTime: 1e-7 }, 'wallTime'],
    [{ cpuTime: 1e-9 }, 'cpuTime'],
    [{ cpuTime: 0.0009 }, 'cpuTime'],
    [{ processes: 0 }, 'processes'],
    [{ memory: 1000 }, 'memory'],
    [{ output: 0 }, 'output'],
    [{ fileSize: 0 }, 'fileSize'],
    [{ cpuTime: 3601 }, 'cpuTime'],
    [{ wallTime: 1e308 }, 'wallTime'],
    [{ memory: 2 ** 64 }, 'memory'],
    [{ processes: 5000 }, 'processes'],
  ] as const) {
    const res = await native(limits);
    assert.equal(res.statusCode, 400, `${JSON.stringify(limits)}: ${res.body}`);
    assert.equal(res.json().error.code, 'AIRLOCK_ERR_BAD_REQUEST');
    assert.match(res.json().error.message, new RegExp(`limits/${field}`));
  }
});

test('native: every limit at its minimum gives a verdict, never IE', async () => {
  const verdicts = new Map<string, string>();
  for (const limits of [{ cpuTime: 0.001 }, { wallTime: 0.001 }, { processes: 1 }, { memory: 1024 * 1024 }, { output: 1 }, { fileSize: 1 }]) {
    const res = await native(limits, 'int main(){return 0;}');
    assert.equal(res.statusCode, 200, `${JSON.stringify(limits)}: ${res.body}`);
    const { status, message } = res.json().result;
    assert.notEqual(status, 'IE', `${JSON.stringify(limits)}: ${message}`);
    verdicts.set(Object.keys(limits)[0]!, status);
  }
  assert.equal(verdicts.get('processes'), 'OK', 'one process runs a C program alone');
});

test("Judge0: out-of-range limits are 422 per attribute in Judge0 CE 1.13.1's words; the edges run", async () => {
  const post = (body: object) =>
    t.app.inject({ method: 'POST', url: '/submissions?wait=true', payload: { language_id: 71, source_code: 'print(1)', ...body } });
  for (const [body, errors] of [
    [{ cpu_time_limit: -1e-7 }, { cpu_time_limit: ['must be greater than or equal to 0'] }],
    [{ wall_time_limit: 1e-7 }, { wall_time_limit: ['must be greater than or equal to 1'] }],
    [{ wall_time_limit: '1e-7' }, { wall_time_limit: ['must be greater than or equal to 1'] }],
    [{ memory_limit: 100 }, { memory_limit: ['must be greater than or equal to 2048'] }],
    [{ max_processes_and_or_threads: 0 }, { max_processes_and_or_threads: ['must be greater than 0'] }],
    [{ max_file_size: -1 }, { max_file_size: ['must be greater than or equal to 0'] }],
    [{ cpu_time_limit: 1e308 }, { cpu_time_limit: ['must be less than or equal to 15.0'] }],
  ] as const) {
    const res = await post(body);
    assert.equal(res.statusCode, 422, `${JSON.stringify(body)}: ${res.body}`);
    assert.deepEqual(res.json(), errors);
  }
  // Judge0's edges, 0 included (isolate's "no limit" for cpu_time_limit and max_file_size), run without an IE.
  for (const body of [
    { cpu_time_limit: 1e-7, cpu_extra_time: 0, wall_time_limit: 1, memory_limit: 2048, max_processes_and_or_threads: 1, max_file_size: 1 },
    { cpu_time_limit: 0, cpu_extra_time: 0, stack_limit: 0, max_file_size: 0 },
  ]) {
    const edge = await post(body);
    assert.equal(edge.statusCode, 201, edge.body);
    assert.notEqual(edge.json().status.id, 13, edge.body);
  }
});

test('Jobe: a negative numprocs, a tiny cputime or memorylimit are 400 with a message; numprocs 1 runs', async () => {
  const post = (parameters: object) =>
    t.app.inject({
      method: 'POST',
      url: '/jobe/index.php/restapi/runs',
      payload: { run_spec: { language_id: 'python3', sourcecode: 'print(1)', parameters } },
    });
  for (const [parameters, message] of [
    [{ numprocs: -1 }, 'numprocs must be at least 1 on this Jobe server'],
    [{ numprocs: 0.5 }, 'numprocs must be at least 1 on this Jobe server'],
    [{ cputime: 1e-7 }, 'cputime must be at least 0.001 secs on this Jobe server'],
    [{ cputime: -1 }, 'cputime must be at least 0.001 secs on this Jobe server'],
    [{ memorylimit: 1e-9 }, 'memorylimit must be at least 1 MB on this Jobe server'],
    [{ streamsize: -5 }, 'streamsize must not be negative on this Jobe server'],
  ] as const) {
    const res = await post(parameters);
    assert.equal(res.statusCode, 400, `${JSON.stringify(parameters)}: ${res.body}`);
    assert.equal(res.json(), message);
  }
  const two = await post({ numprocs: 1, cputime: 1 });
  assert.equal(two.statusCode, 200, two.body);
  assert.equal(two.json().outcome, 15, two.body);
});

test('Piston: a run_timeout or memory limit below what a box can run is 400 {message}', async () => {
  const post = (body: object) =>
    t.app.inject({ method: 'POST', url: '/api/v2/execute', payload: { language: 'python', version: '*', files: [{ content: 'print(1)' }], ...body } });
  for (const [body, message] of [
    [{ run_timeout: 1e-7 }, 'run_timeout must be at least 1'],
    [{ compile_timeout: 0.5 }, 'compile_timeout must be at least 1'],
    [{ run_cpu_time: 1e-9 }, 'run_cpu_time must be at least 1'],
    [{ run_memory_limit: 4096 }, 'run_memory_limit must be at least 1048576'],
  ] as const) {
    const res = await post(body);
    assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
    assert.deepEqual(res.json(), { message });
  }
  const edge = await post({ run_timeout: 1000, run_cpu_time: 1000 });
  assert.equal(edge.statusCode, 200, edge.body);
  assert.equal(edge.json().run.stdout, '1\n');
});
