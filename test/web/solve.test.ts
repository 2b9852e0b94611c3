// Problems as contestants expect them (issue 15, items 14 and 15): statements with typeset math (KaTeX, served by
// this origin), samples with a Copy button, and Run on the samples (each compared with its expected answer, a diff
// when wrong) or on custom input before submitting; Ctrl+Enter runs, Ctrl+Shift+Enter submits.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot } from '../helpers/box.js';
import { until } from '../helpers/until.js';
import { browserMissing, openSession, shot, type Session } from './browser.js';

const missing = browserMissing();

/** Put a whole program in the editor at once, as a paste would. */
async function paste(page: Page, code: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

describe('solving a problem', { skip: missing }, () => {
  let s: Session;
  let page: Page;
  let inversions = '';
  const runs: string[] = [];
  const submissions: string[] = [];
  before(async () => {
    s = await openSession(612);
    page = s.page;
    const body = execFileSync('tar', ['-czf', '-', '-C', join(repoRoot, 'examples/problems/inversions'), '.']);
    const up = await fetch(`${s.service.url}/v1/problems?public=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/gzip' },
      body: new Uint8Array(body),
    });
    inversions = ((await up.json()) as { id: string }).id;
    page.on('request', (r) => {
      if (r.method() !== 'POST') return;
      if (/\/v1\/runs/.test(r.url())) runs.push(r.url());
      if (/\/submissions$/.test(r.url())) submissions.push(r.url());
    });
  });
  after(() => s?.close());

  test('$…$ and $$…$$ are typeset by KaTeX from this origin; prices stay text, a formula cannot make a link (item 14)', async () => {
    const statement = [
      '# Sum',
      'Given $n \\le 10^5$ numbers $a_i$, print',
      '$$\\sum_{i=1}^{n} a_i$$',
      'A ticket costs $5 and a meal $10.',
      'Evil: $\\href{javascript:alert(1)}{click}$',
    ].join('\n\n');
    await page.route('**/v1/problems/math', (r) =>
      r.fulfill({
        json: {
          id: 'math',
          name: 'math',
          title: 'Sum',
          statement,
          limits: { time: 1, memory: 64 << 20 },
          samples: [{ name: 'sample-1', input: '3\n1 2 3\n', output: '6\n' }],
          tests: 1,
          groups: [],
          interactive: false,
          checker: 'tokens',
        },
      }),
    );
    await page.goto('/#/problems/math');
    await page.locator('.statement .katex').first().waitFor();
    assert.equal(await page.locator('.statement .katex-display').count(), 1, 'one display formula');
    assert.equal(await page.locator('.statement .katex').count(), 4, 'three inline formulas (one is the hostile one) and one display');
    assert.match(await page.locator('.statement').innerText(), /A ticket costs \$5 and a meal \$10\./);
    assert.equal(await page.locator('.statement a').count(), 0, '\\href makes no link');
    assert.equal(await page.locator('.statement code').count(), 0, 'no TeX left as code');
    // KaTeX's fonts come from this origin (the CSP would refuse a CDN or a data: URL, and the test would see it).
    await until(
      () => page.evaluate(() => document.fonts.check('16px KaTeX_Main')),
      (ok) => ok,
      10_000,
      'KaTeX_Main to load',
    );
    await shot(page, 'problem-math');
  });

  test("Copy puts a sample's input on the clipboard (item 14)", async () => {
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.service.url });
    await page.getByRole('button', { name: 'Copy sample 1 input' }).click();
    await page.getByRole('button', { name: 'Copy sample 1 input' }).filter({ hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '3\n1 2 3\n');
    await page.unrouteAll();
  });

  test('Run (Ctrl+Enter) tries the samples without submitting: a wrong one shows a diff against the expected answer (item 15)', async () => {
    await page.goto(`/#/problems/${inversions}`);
    await page.locator('#run:not([disabled])').waitFor();
    await page.selectOption('#language', 'python3');
    await paste(page, 'n = int(input())\na = list(map(int, input().split()))\nprint(n - 1)\n');
    const [runsBefore, subsBefore] = [runs.length, submissions.length];
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Enter');
    const wrong = page.locator('.try-test[data-name="sample-2"]');
    await wrong.waitFor({ timeout: 60_000 });
    assert.equal(runs.length, runsBefore + 1, 'one run');
    assert.equal(submissions.length, subsBefore, 'nothing submitted');
    assert.equal(await page.locator('.try-test[data-name="sample-1"]').getAttribute('data-verdict'), 'AC');
    assert.equal(await wrong.getAttribute('data-verdict'), 'WA');
    assert.equal(await wrong.locator('[data-first-diff]').getAttribute('data-first-diff'), '1');
    assert.match(await wrong.locator('.diff').innerText(), /expected “0”, got “3”/);
    assert.equal(await wrong.locator('.diff-line.bad').count(), 2, 'the differing line marked on both sides');
    assert.equal(await page.locator('.try-summary .badge').getAttribute('data-status'), 'WA');
    await shot(page, 'problem-run-samples');
  });

  test("Run on custom input shows the program's output; the Run button does the same as Ctrl+Enter (item 15)", async () => {
    await page.locator('input[name="try-on"][value="custom"]').check();
    await page.fill('#custom-input', '5\n5 4 3 2 1\n');
    await page.click('#run');
    await until(
      () => page.locator('.try-stdout').count(),
      (n) => n === 1,
      60_000,
      "the custom run's output",
    );
    assert.equal(await page.locator('.try-stdout').textContent(), '4\n');
    assert.equal(await page.locator('.try-summary .badge').getAttribute('data-status'), 'OK');
  });

  test('Ctrl+Shift+Enter submits (item 15)', async () => {
    const before = submissions.length;
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Shift+Enter');
    await until(
      () => submissions.length,
      (n) => n === before + 1,
      10_000,
      'a submission',
    );
    await page.locator('.past tbody tr').first().locator('.badge').waitFor({ timeout: 60_000 });
  });

  test('the solving pages logged no errors', () => {
    assert.deepEqual(
      s.pageErrors.filter((e) => !/Failed to load resource/.test(e)),
      [],
    );
  });
});
