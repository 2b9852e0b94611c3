// Every installed language end to end, under its own syscall allow-list: its sample programs and the verdict each must get.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runLimits } from '../../src/engine/limits.js';
import { languages } from '../../src/languages/definitions.js';
import { profileFor } from '../../src/languages/profiles.js';
import { isInstalled } from '../../src/languages/registry.js';
import { samplesOf, utf8Text } from '../../src/languages/samples.js';
import { hostSnapshot, leftovers } from '../helpers/box.js';
import { echoInput, engineOn, sampleRequest } from './helpers.js';

const { engine, slot } = engineOn(200);
const installed = languages.filter(isInstalled);
/** AIRLOCK_TEST_LANGUAGES=go,rust narrows the run while working on a language. */
const only = process.env.AIRLOCK_TEST_LANGUAGES?.split(',');

describe(`languages: ${installed.length} of ${languages.length} installed`, () => {
  for (const lang of languages) {
    const skip = !isInstalled(lang)
      ? `${lang.id} is not installed (./setup.sh --languages ${lang.id})`
      : only && !only.includes(lang.id)
        ? 'not in AIRLOCK_TEST_LANGUAGES'
        : false;
    describe(`${lang.id}${profileFor(lang, 'run') ? '' : ' (baseline seccomp: no profile)'}`, { skip }, () => {
      for (const sample of samplesOf(lang)) {
        test(sample.kind, async () => {
          const before = hostSnapshot();
          const req = sampleRequest(lang, sample);
          const r = await engine.execute(req);
          const out = r.stdout.toString('utf8');
          const why = `${r.status} ${r.message}\nstdout: ${out.slice(0, 300)}\nstderr: ${r.stderr.toString().slice(-600)}\ncompile: ${r.compile?.status} ${r.compile?.stderr.toString().slice(0, 600)}${r.compile?.stdout.toString().slice(0, 300)}`;
          switch (sample.kind) {
            case 'hello':
              assert.equal(r.status, 'OK', why);
              assert.equal(out, 'Hello, World!\n');
              break;
            case 'echo':
              assert.equal(r.status, 'OK', why);
              assert.equal(out.trimEnd(), echoInput.trimEnd());
              break;
            case 'utf8':
              assert.equal(r.status, 'OK', why);
              assert.equal(out, `${utf8Text}\n`);
              break;
            case 'exit3':
              assert.equal(r.status, 'RE', why);
              assert.equal(r.exitCode, 3, why);
              break;
            case 'loop':
              assert.equal(r.status, 'TLE', why);
              break;
            case 'hog':
              assert.equal(r.status, 'MLE', why);
              break;
            case 'bomb':
              // Contained: the box ends within its limits, whatever the verdict, and leaves nothing behind.
              assert.notEqual(r.status, 'IE', why);
              assert.ok(r.wallTime <= runLimits(lang, req.limits).wallTime + 1, why);
              assert.deepEqual(await leftovers(slot, before), []);
              break;
            case 'ce':
              assert.equal(r.status, 'CE', why);
              assert.notEqual(r.compile?.status, 'OK');
              assert.match(`${String(r.compile?.stderr)}${String(r.compile?.stdout)}`, /undeclared.name/i, why);
              break;
          }
        });
      }
    });
  }
});
