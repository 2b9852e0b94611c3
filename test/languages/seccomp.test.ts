// Allow-lists: a language's boxes run under its recorded profile; a call outside it is SV naming the call.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { profileFor } from '../../src/languages/profiles.js';
import { getLanguage } from '../../src/languages/registry.js';
import { engineOn, files } from './helpers.js';

const { engine } = engineOn(240);
const c = getLanguage('c');
const skip = !profileFor(c, 'run') ? 'no C run profile recorded' : false;

const call = (body: string) =>
  files([
    'call.c',
    `#define _GNU_SOURCE\n#include <sched.h>\n#include <stdio.h>\n#include <sys/personality.h>\nint main(void) { ${body} puts("survived"); return 0; }\n`,
  ]);

describe('per-language allow-lists', { skip }, () => {
  test('C calling personality(), outside its profile, is SV naming the call', async () => {
    const r = await engine.execute({ language: 'c', files: call('personality(0xffffffff);') });
    assert.equal(r.status, 'SV', `${r.status} ${r.message} ${r.stdout.toString()}`);
    assert.match(r.message, /personality/);
    assert.equal(r.stdout.toString(), '');
  });

  test('C calling setns() is SV naming the call', async () => {
    const r = await engine.execute({ language: 'c', files: call('setns(0, 0);') });
    assert.equal(r.status, 'SV');
    assert.match(r.message, /setns/);
  });

  test('ordinary C that the samples never exercised (scanf on a pipe, a growing buffer) runs under the profile', async () => {
    const body =
      'int a = 0; if (scanf("%d", &a) != 1) return 2; char *p = 0; for (int i = 1; i < 64; i++) p = realloc(p, (size_t)i << 20); printf("%d\\n", a * 2); free(p);';
    const r = await engine.execute({
      language: 'c',
      files: files(['ok.c', `#include <stdio.h>\n#include <stdlib.h>\nint main(void) { ${body} return 0; }\n`]),
      stdin: '21\n',
    });
    assert.equal(r.status, 'OK', `${r.status} ${r.message}`);
    assert.equal(r.stdout.toString(), '42\n');
  });

  test('the same program runs under the baseline when profiles are off', async () => {
    const base = engineOn(241, 1, { seccomp: 'baseline' }).engine;
    const r = await base.execute({ language: 'c', files: call('personality(0xffffffff);') });
    assert.equal(r.status, 'OK');
    assert.equal(r.stdout.toString(), 'survived\n');
  });
});
