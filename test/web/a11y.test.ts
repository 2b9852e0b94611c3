// Accessibility and fit (issue 15, "done when" and item 19): axe-core finds no serious or critical violation on any
// page, on a 390 px phone and on a wide screen, light and dark; on the phone nothing is wider than the screen (the
// history table included) and the theme picker keeps its name.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot } from '../helpers/box.js';
import { browserMissing, openSession, typeCode, type Session } from './browser.js';

const missing = browserMissing();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * axe-core's serious and critical violations on the page as it stands. The page's CSP runs only this origin's
 * scripts, so an injected <script> (page.addScriptTag) is refused; axe is evaluated through the DevTools protocol,
 * which the CSP does not govern, and nothing about the page is loosened for the test.
 */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } };
    return (await w.axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How far the page is wider than the window (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('accessibility and fit', { skip: missing }, () => {
  let s: Session;
  let page: Page;
  let aplusb = '';
  before(async () => {
    s = await openSession(618, { width: 390, height: 844 });
    page = s.page;
    const body = execFileSync('tar', ['-czf', '-', '-C', join(repoRoot, 'examples/problems/aplusb'), '.']);
    const up = await fetch(`${s.service.url}/v1/problems?public=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/gzip' },
      body: new Uint8Array(body),
    });
    aplusb = ((await up.json()) as { id: string }).id;
  });
  after(() => s?.close());

  test('the playground on a phone: no serious violation, nothing wider than the screen, the theme picker named', async () => {
    await page.goto('/');
    await page.locator('#language:not([disabled])').waitFor();
    assert.deepEqual(await axe(page), []);
    assert.equal(await page.getByRole('combobox', { name: 'Theme' }).count(), 1);
    assert.ok((await overflow(page)) <= 0);
  });

  test('a problem with past submissions on a phone: the history table fits the screen; no serious violation', async () => {
    await page.goto(`/#/problems/${aplusb}`);
    await page.selectOption('#language', 'python3');
    await typeCode(page, 'a, b = map(int, input().split()); print(a + b)');
    for (let i = 0; i < 2; i++) {
      const rows = await page.locator('.past tbody tr').count();
      await page.click('#submit');
      await page.waitForFunction(
        (n) => document.querySelectorAll('.past tbody tr').length === n + 1 && document.querySelector('.past tbody tr .badge') !== null,
        rows,
        { timeout: 60_000 },
      );
      await page.locator('#submit', { hasText: 'Submit' }).waitFor();
    }
    const width = await page.locator('table.past').evaluate((t) => t.getBoundingClientRect().right);
    assert.ok(width <= 390, `the history table ends at ${width}px`);
    assert.ok((await overflow(page)) <= 0, 'the page is no wider than the phone');
    await page.locator('.past tbody tr').first().getByRole('button', { name: 'Open' }).click();
    await page.locator('.past-code').waitFor();
    assert.deepEqual(await axe(page), []);
  });

  test('the problem list and the submissions list: no serious violation', async () => {
    await page.goto('/#/problems');
    await page.locator('table.problems').waitFor();
    assert.deepEqual(await axe(page), []);
    await page.goto('/#/submissions');
    await page.locator('.all-submissions').waitFor();
    assert.deepEqual(await axe(page), []);
    assert.ok((await overflow(page)) <= 0);
  });

  test('on a wide screen, light and dark, with a result, Run on the samples and the verdict table: no serious violation', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    for (const theme of ['light', 'dark']) {
      await page.goto('/');
      await page.selectOption('#theme', theme);
      await page.locator('#language:not([disabled])').waitFor();
      await page.selectOption('#language', 'python3');
      await typeCode(page, 'import sys; print("out"); print("err", file=sys.stderr); print("\\033[31mred\\033[0m")');
      await page.click('#run');
      await page.locator('.status-line .badge').waitFor({ timeout: 30_000 });
      assert.deepEqual(await axe(page), [], `playground, ${theme}`);
      await page.goto(`/#/problems/${aplusb}`);
      await page.locator('.summary').waitFor();
      await page.locator('.past tbody tr').first().getByRole('button', { name: 'Open' }).click();
      await page.locator('.summary .badge').waitFor();
      assert.deepEqual(await axe(page), [], `problem page, ${theme}`);
    }
    await page.selectOption('#theme', 'system');
  });

  test('the pages logged no errors', () => {
    assert.deepEqual(s.pageErrors, []);
  });
});
