// The YAML subset of problem.yaml and testdata.yaml: what is read, and what is refused with the file and line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAirlockError } from '../../src/errors.js';
import { parseYaml } from '../../src/judge/problem/yaml.js';

const parse = (text: string) => parseYaml(text, 'problem.yaml');

function refused(text: string, line: number, why: RegExp): void {
  assert.throws(
    () => parse(text),
    (e: unknown) => {
      assert.ok(isAirlockError(e, 'AIRLOCK_ERR_BAD_PROBLEM'), String(e));
      assert.match(e.detail ?? '', new RegExp(`^problem\\.yaml line ${line}: `));
      assert.match(e.detail ?? '', why);
      return true;
    },
  );
}

test('block maps and lists, nested, with comments and a leading ---', () => {
  const text = `---
# a comment
name: Hello world   # trailing comment
type: scoring
limits:
  memory: 512
  time_multiplier: 2.5
keywords:
  - graphs
  - "dp # not a comment"
list of maps:
  - a: 1
    b: [x, 'y z', 3]
  -
    c: {d: true, e: null, f: ~}
empty:
`;
  assert.deepEqual(parse(text), {
    name: 'Hello world',
    type: 'scoring',
    limits: { memory: 512, time_multiplier: 2.5 },
    keywords: ['graphs', 'dp # not a comment'],
    'list of maps': [{ a: 1, b: ['x', 'y z', 3] }, { c: { d: true, e: null, f: null } }],
    empty: null,
  });
});

test("scalars as the core schema reads them; quoted strings with escapes; a list at its key's indent", () => {
  assert.deepEqual(parse("a: 1e-6\nb: -3\nc: .inf\nd: \"tab\\there \\u00e9\"\ne: 'it''s'\nf: 1.2.3\ng: True\nh: http://x.org/a#b\n"), {
    a: 1e-6,
    b: -3,
    c: Infinity,
    d: 'tab\there é',
    e: "it's",
    f: '1.2.3',
    g: true,
    h: 'http://x.org/a#b',
  });
  assert.deepEqual(parse('k:\n- 1\n- 2\nm: x\n'), { k: [1, 2], m: 'x' });
  assert.deepEqual(parse('validator_flags: float_tolerance 1e-6\n'), { validator_flags: 'float_tolerance 1e-6' });
  assert.equal(parse('# only a comment\n\n'), null);
});

test('refused, naming the line: anchors, aliases, tags, block scalars, multi-line values, tabs, duplicates', () => {
  refused('a: &x 1\nb: *x\n', 1, /anchors, aliases/);
  refused('a: 1\nb: !!str 2\n', 2, /tags/);
  refused('name: |\n  text\n', 1, /block scalars/);
  refused('name: a\n  continued\n', 2, /unexpected indentation|continues/);
  refused('a:\n\tb: 1\n', 2, /tab/);
  refused('a: 1\na: 2\n', 2, /appears twice/);
  refused('a: "open\n', 1, /does not end/);
  refused('a: [1,\n  2]\n', 1, /one line/);
  refused('a: 1\n---\nb: 2\n', 2, /second document/);
  refused('? complex\n: key\n', 1, /complex keys/);
  refused('a: 1\n- 2\n', 2, /list item/);
});

test('a hostile file is refused quickly: too deep, too large', () => {
  const deep = Array.from({ length: 40 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n');
  refused(deep, 34, /deeper than 32/);
  refused(`a: "${'x'.repeat(300 * 1024)}"\n`, 1, /larger than/);
});
