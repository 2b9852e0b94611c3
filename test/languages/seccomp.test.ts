// Allow-lists: a language's boxes run under its recorded profile; a call outside it is SV naming the call.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allowListsWork } from '../../src/engine/allowlists.js';
import { profileFor } from '../../src/languages/profiles.js';
import { getLanguage } from '../../src/languages/registry.js';
import { engineOn, files } from './helpers.js';

const { engine, slot } = engineOn(240);
const c = getLanguage('c');
const supported = profileFor(c, 'run') ? await allowListsWork(slot) : false;
const skip = !profileFor(c, 'run') ? 'no C run profile recorded' : !supported ? 'this launcher cannot enforce allow-lists (see docs/languages.md)' : false;

const call = (body: string) =>
  files(['call.c', `#define _GNU_SOURCE\n#include <sched.h>\n#include <stdio.h>\n#include <sys/personality.h>\nint main(void) { ${body} puts("survived"); return 0; }\n`]);

describe('per-language allow-lists', { skip }, () => {
  test('C calling personality(), outside its profile, is SV naming the call', async () => {
    const r = await engine.execute({ language: 'c', files: call('personality(0xffffffff);') });
    assert.equal(r.status, 'SV', `${r.status} ${r.message} ${r.stdout}`);
    assert.match(r.message, /personality/);
    assert.equal(r.stdout.toString(), '');
  });

  test('C calling setns() is SV naming the call', async () => {
    const r = await engine.execute({ language: 'c', files: call('setns(0, 0);') });
    assert.equal(r.status, 'SV');
    assert.match(r.message, /setns/);
  });

  test('the same program runs under the baseline when profiles are off', async () => {
    const base = engineOn(241, 1, { seccomp: 'baseline' }).engine;
    const r = await base.execute({ language: 'c', files: call('personality(0xffffffff);') });
    assert.equal(r.status, 'OK');
    assert.equal(r.stdout.toString(), 'survived\n');
  });
});
