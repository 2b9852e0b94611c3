// File names from callers: anything that could escape /box or confuse a tool is refused with a 400.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateFiles } from '../../src/engine/files.js';

const f = (name: string) => ({ name, content: Buffer.from('x') });

test('plain relative names and sub-directories are fine', () => {
  validateFiles([f('main.py'), f('lib/util.py'), f('data_1.txt'), f('a+b.cpp')]);
});

for (const [name, why] of [
  ['/etc/passwd', /absolute/],
  ['../x', /"\.\."/],
  ['a/../../x', /"\.\."/],
  ['a//b', /empty/],
  ['-rf', /not starting/],
  ['.hidden', /not starting/],
  ['a b', /only letters/],
  ['x;rm', /only letters/],
  ['$(id)', /only letters/],
  ['new\nline', /only letters/],
  ['', /empty/],
] as const) {
  test(`${JSON.stringify(name)} is refused`, () => {
    assert.throws(
      () => validateFiles([f(name)]),
      (e: { code: string; message: string }) => e.code === 'AIRLOCK_ERR_BAD_FILE_NAME' && why.test(e.message),
    );
  });
}

test('duplicates (even by case) and empty lists are refused', () => {
  assert.throws(() => validateFiles([f('A.py'), f('a.py')]), /duplicate/);
  assert.throws(() => validateFiles([]), { code: 'AIRLOCK_ERR_EMPTY_SOURCE' });
});
