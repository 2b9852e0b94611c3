// JSON written piece by piece (src/api/json-pieces.ts) is the JSON.stringify text, shaped as the response schema says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type as T } from '@sinclair/typebox';
import { holdsMoreText, jsonPieces } from '../../src/api/json-pieces.js';
import { jsonListStream, jsonStream } from '../../src/api/json-stream.js';

const SLICE = 64 * 1024;
const text = (value: unknown, schema?: Parameters<typeof jsonPieces>[1]) => [...jsonPieces(value, schema)].join('');

test('small and nested values: the same text as JSON.stringify', () => {
  const values: unknown[] = [
    null,
    0,
    -1.5e-7,
    Number.NaN,
    true,
    '',
    'quote " backslash \\ newline \n tab \t nul \u0000 del \u007f line sep \u2028',
    [],
    [1, undefined, () => 1, 'x', null],
    { a: 1, b: undefined, c: [{ d: 'e' }], f: null, g: { toJSON: () => 'as json' } },
    { date: new Date(0) },
  ];
  for (const v of values) assert.equal(text(v), JSON.stringify(v), `for ${String(JSON.stringify(v))}`);
});

test('long strings are written in slices whose joined text is exactly JSON.stringify, with no pair of surrogates split', () => {
  const emoji = '\u{1F600}';
  // A surrogate pair across every slice boundary, escapes on both sides of it, and a lone surrogate (JSON.stringify escapes it).
  const around = (n: number) => 'a'.repeat(n - 1) + emoji + '"\\\n' + 'b'.repeat(SLICE);
  for (const s of [around(SLICE), around(SLICE - 1), around(SLICE + 1), emoji.repeat(SLICE), 'x'.repeat(3 * SLICE + 7) + '\ud800', 'é'.repeat(5 * SLICE)]) {
    const pieces = [...jsonPieces(s)];
    assert.ok(pieces.length > 3, 'a long string goes in several pieces');
    assert.ok(
      pieces.every((p) => p.length <= SLICE * 6 + 2),
      'no piece is the whole string',
    );
    for (const p of pieces) assert.doesNotMatch(p, /\\ud83d"?$/, 'a slice never ends inside a surrogate pair');
    assert.equal(pieces.join(''), JSON.stringify(s));
  }
});

test('the response schema shapes objects as the serialiser would: unlisted properties are left out unless allowed', () => {
  const schema = T.Object({ id: T.String(), result: T.Union([T.Null(), T.Object({ stdout: T.String() })]), list: T.Array(T.Object({ k: T.Number() })) });
  const value = { id: 'r1', secret: 'not in the schema', result: { stdout: 'out', extra: 1 }, list: [{ k: 1, hidden: 2 }] };
  // result is a union (anyOf): its object keeps every key, as the serialiser keeps them for an untyped shape.
  assert.deepEqual(JSON.parse(text(value, schema)), { id: 'r1', result: { stdout: 'out', extra: 1 }, list: [{ k: 1 }] });
  const open = T.Object({ id: T.String() }, { additionalProperties: true });
  assert.deepEqual(JSON.parse(text({ id: 'a', more: 1 }, open)), { id: 'a', more: 1 });
});

test('holdsMoreText counts the characters of every string, nested, and stops once past the limit', () => {
  assert.equal(holdsMoreText({ a: 'x'.repeat(10), b: [{ c: 'y'.repeat(10) }] }, 19), true);
  assert.equal(holdsMoreText({ a: 'x'.repeat(10), b: [{ c: 'y'.repeat(10) }] }, 20), false);
  assert.equal(holdsMoreText('z'.repeat(5), 4), true);
  assert.equal(holdsMoreText(42, 0), false);
});

test('streams: a value and a list come out whole, in writes of a bounded size', async () => {
  const read = async (s: NodeJS.ReadableStream) => {
    const chunks: string[] = [];
    for await (const c of s) chunks.push(String(c));
    return chunks;
  };
  const big = { stdout: 'o'.repeat(4 * SLICE), n: Array.from({ length: 5000 }, (_, i) => i) };
  const chunks = await read(jsonStream(big));
  assert.deepEqual(JSON.parse(chunks.join('')), big);
  assert.ok(chunks.length >= 4 && chunks.length < 40, `small pieces are gathered, long strings sliced (${chunks.length} writes)`);
  const list = await read(jsonListStream('runs', [1, 2, 3], async (i) => ({ i, s: 'q'.repeat(i * SLICE) })));
  assert.deepEqual(JSON.parse(list.join('')), { runs: [1, 2, 3].map((i) => ({ i, s: 'q'.repeat(i * SLICE) })) });
});
