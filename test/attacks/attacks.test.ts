// The hostile catalogue (test/attacks/catalogue): every program runs twice, two boxes at a time,
// each followed by host-side checks and a clean next run on its slot. The last full run is saved
// for docs/security.md (npm run attacks:report). AIRLOCK_ATTACKS=word,word runs only matching names.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { cgroupInfo } from '../../src/sandbox/doctor.js';
import { testSlot } from '../helpers/box.js';
import { catalogue } from './catalogue/index.js';
import type { Attack } from './catalogue/types.js';
import { mismatches, type Observation } from './expect.js';
import { type Fixtures, startFixtures } from './fixtures.js';
import { inLanes } from './lanes.js';
import { type AttackResult, kernelRelease, saveResults } from './results.js';
import { AttackRunner } from './runner.js';
import { runtimes } from './runtimes.js';

const PASSES = 2;
const laneSlots = (pass: number) => [testSlot(700 + 2 * pass), testSlot(701 + 2 * pass)];
const stagingSlots = [testSlot(710), testSlot(711)];
const filter = (process.env.AIRLOCK_ATTACKS ?? '').split(',').filter(Boolean);
const chosen = catalogue.filter((a) => filter.length === 0 || filter.some((w) => a.name.includes(w) || a.category === w));
const skipReason = (a: Attack) => runtimes[a.lang].missing();
const runnable = chosen.filter((a) => !skipReason(a));

test('catalogue: unique names, sources exist, at least 60 attacks in six languages', async () => {
  const names = catalogue.map((a) => a.name);
  assert.equal(new Set(names).size, names.length);
  assert.ok(catalogue.length >= 60, `${catalogue.length} attacks`);
  assert.deepEqual([...new Set(catalogue.map((a) => a.lang))].sort(), ['bash', 'c', 'cpp', 'java', 'javascript', 'python3']);
});

describe('attack catalogue', () => {
  let fx: Fixtures;
  let runner: AttackRunner;
  let workDir: string;
  const observed = new Map<string, Observation[]>();

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'airlock-attack-work-'));
    fx = await startFixtures();
    runner = new AttackRunner(fx, workDir);
    const sources = [...new Map(runnable.map((a) => [`${a.lang}:${a.source}`, a])).values()].filter((a) => !a.engine);
    await inLanes([...sources, { lang: 'c', source: 'c/nextrun.c' } as Attack], stagingSlots, (a, slot) => runner.stage(a.lang, a.source, slot));
  });

  after(async () => {
    await fx?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    if (filter.length === 0) saveResults(summary(observed));
  });

  for (let pass = 0; pass < PASSES; pass++) {
    describe(`pass ${pass + 1} (two boxes at a time)`, () => {
      const order = pass % 2 === 0 ? runnable : [...runnable].reverse();
      before(async () => {
        const obs = await inLanes(order, laneSlots(pass), (a, slot) => runner.run(a, slot));
        order.forEach((a, i) => observed.set(a.name, [...(observed.get(a.name) ?? []), obs[i]!]));
      });
      for (const a of chosen) {
        const skip = skipReason(a);
        const opts = skip ? { skip } : a.todo ? { todo: a.todo } : {};
        test(`${a.category}: ${a.name} (${a.lang}) -> ${a.expect.join('|')}`, opts, () => {
          const o = observed.get(a.name)?.[pass];
          assert.ok(o, 'not run');
          assert.deepEqual(mismatches(a, o, fx.token, runner.limits(a).output), []);
        });
      }
    });
  }

  /** The run as the report wants it. */
  function summary(obs: Map<string, Observation[]>) {
    const results: AttackResult[] = catalogue.map((a) => {
      const skipped = skipReason(a);
      return {
        name: a.name,
        category: a.category,
        lang: a.lang,
        threat: a.threat,
        expected: a.expect.join(' or ') + (a.stdout || a.stdoutExact ? ' + sentinel' : ''),
        observed: (obs.get(a.name) ?? []).map((o) => {
          const problems = mismatches(a, o, fx.token, runner.limits(a).output);
          return { status: o.status, detail: detail(o), problems };
        }),
        ...(skipped ? { skipped } : {}),
        ...(a.todo ? { todo: a.todo } : {}),
      };
    });
    return { date: new Date().toISOString(), kernel: kernelRelease(), cgroup: cgroupInfo().version, passes: PASSES, lanes: 2, results };
  }
});

/** A short word on how it ended: the launcher's message or the program's sentinel line. */
function detail(o: Observation): string {
  const lines = o.stdout.toString('latin1').split('\n');
  const line = lines.find((l) => /contained|ESCAPED/.test(l)) ?? lines[0];
  return (o.message || line || '').slice(0, 120);
}
