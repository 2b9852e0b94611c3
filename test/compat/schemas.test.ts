// Every compatibility route is described in the API document: its body, query and path by shared schemas ($ref),
// while bad input is still answered in each API's own words (the schemas never answer for them).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testApp } from '../helpers/service.js';

let t: Awaited<ReturnType<typeof testApp>>;
interface Op {
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  parameters?: Array<{ in: string; name: string }>;
}
let doc: { paths: Record<string, Record<string, Op>>; components?: { schemas?: Record<string, unknown> } };

before(async () => {
  t = await testApp(548);
  doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
});
after(() => t.close());

const compat = (path: string) => /^\/(judge0\/|api\/v2\/|jobe\/)/.test(path) || /^\/(submissions|languages|statuses)/.test(path);
const schemaOf = (op: Op) => Object.values(op.requestBody?.content ?? {})[0]?.schema;

test('every compatibility route that takes a body, a query or an id declares it', () => {
  const missing: string[] = [];
  let bodies = 0;
  for (const [path, methods] of Object.entries(doc.paths).filter(([p]) => compat(p))) {
    for (const [method, op] of Object.entries(methods)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (['post', 'put'].includes(method) && !path.endsWith('/authenticate') && !path.endsWith('/authorize')) {
        if (schemaOf(op)) bodies++;
        else missing.push(`${where}: no body schema`);
      }
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)) {
        if (!op.parameters?.some((p) => p.in === 'path' && p.name === name)) missing.push(`${where}: path parameter ${name} undeclared`);
      }
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(bodies >= 8, `only ${bodies} bodies described`);
});

test('shared by $ref: a Judge0 batch item is the submission schema, under both Judge0 prefixes', () => {
  const refOf = (op: Op) => (schemaOf(op) as { $ref?: string } | undefined)?.$ref;
  const component = (ref: string | undefined) =>
    doc.components?.schemas?.[ref?.replace('#/components/schemas/', '') ?? ''] as Record<string, unknown> | undefined;
  const submission = refOf(doc.paths['/submissions']!.post!);
  assert.ok(submission, 'the submission body is not a shared schema');
  assert.equal(refOf(doc.paths['/judge0/submissions']!.post!), submission);
  assert.equal(component(submission)?.title, 'Judge0Submission');
  assert.ok('source_code' in (component(submission)!.properties as object));
  const batch = component(refOf(doc.paths['/submissions/batch']!.post!));
  assert.equal((batch?.properties as { submissions: { items: { $ref: string } } }).submissions.items.$ref, submission);
});

test("a body the schema does not describe is still answered in the API's own words", async () => {
  // Piston: language must be a string; Piston's message, not Fastify's validation text.
  const piston = await t.app.inject({ method: 'POST', url: '/api/v2/execute', payload: { language: 5, version: '*', files: [{ content: 'x' }] } });
  assert.equal(piston.statusCode, 400);
  assert.deepEqual(Object.keys(piston.json()), ['message']);
  assert.doesNotMatch(piston.json().message, /^body\b/);
  // Jobe: run_spec of the wrong type is Jobe's string answer.
  const jobe = await t.app.inject({ method: 'POST', url: '/jobe/index.php/restapi/runs', payload: { run_spec: 'x' } });
  assert.equal(jobe.statusCode, 400);
  assert.equal(typeof jobe.json(), 'string');
  // Judge0: a language_id that is not a number is Judge0's 422 by attribute.
  const judge0 = await t.app.inject({ method: 'POST', url: '/submissions', payload: { source_code: 'x', language_id: 'abc' } });
  assert.equal(judge0.statusCode, 422);
  assert.ok('language_id' in judge0.json(), judge0.body);
});
