// ICPC packages on the web page, in a real browser against a real service: problem.en.md shown as Markdown,
// problem.en.tex as text with its sections as headings, the samples from data/sample, and a submission judged.
// Kept short: two uploads, one judgement.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot } from '../helpers/box.js';
import { browserMissing, openSession, shot, typeCode, type Session } from './browser.js';

const examples = join(repoRoot, 'examples/problems-icpc');

/** Upload a package as tar.gz, public so that the browser (anonymous) sees it. */
async function upload(url: string, dir: string): Promise<string> {
  const body = execFileSync('tar', ['-czf', '-', '-C', dir, '.']);
  const up = await fetch(`${url}/v1/problems?public=true`, { method: 'POST', headers: { 'content-type': 'application/gzip' }, body: new Uint8Array(body) });
  const json = (await up.json()) as { id: string };
  assert.equal(up.status, 201, JSON.stringify(json));
  return json.id;
}

describe('ICPC problem pages', { skip: browserMissing() }, () => {
  let s: Session;
  let page: Page;
  const ids: Record<string, string> = {};

  before(async () => {
    s = await openSession(640);
    page = s.page;
    for (const name of ['hypotenuse', 'divisor']) ids[name] = await upload(s.service.url, join(examples, name));
  });
  after(() => s?.close());

  test('problem.en.md as Markdown: the title, headed sections, the samples; a right solution judged AC', async () => {
    await page.goto(`/#/problems/${ids.hypotenuse}`);
    await page.locator('.statement h2').first().waitFor();
    assert.equal(await page.locator('.statement-col h1').innerText(), 'Hypotenuse');
    assert.deepEqual(await page.locator('.statement h2').allInnerTexts(), ['Input', 'Output']);
    assert.match(await page.locator('.statement').innerText(), /How long is its hypotenuse\?/);
    await page.locator('.sample').nth(1).waitFor(); // drawn after the statement's text
    assert.equal(await page.locator('.sample').count(), 2);
    // No rows before a submission (issue 15, item 8); a row per test once judging starts.
    assert.equal(await page.locator('.verdicts tbody tr').count(), 0);
    await page.selectOption('#language', 'python3');
    await typeCode(page, 'a, b = map(int, input().split()); print((a * a + b * b) ** 0.5)');
    await page.click('#submit');
    await page.locator('.summary .badge[data-status="AC"]').waitFor({ timeout: 60_000 });
    await shot(page, 'problem-icpc');
  });

  test('problem.en.tex as text: \\problemname the title, \\section* headings, no TeX commands left', async () => {
    await page.goto(`/#/problems/${ids.divisor}`);
    await page.locator('.statement h2').first().waitFor();
    assert.equal(await page.locator('.statement-col h1').innerText(), 'Proper divisor');
    assert.deepEqual(await page.locator('.statement h2').allInnerTexts(), ['Input', 'Output']);
    const text = await page.locator('.statement').innerText();
    assert.match(text, /find a divisor/);
    assert.doesNotMatch(text, /\\(problemname|section|texttt)/);
    assert.equal(await page.locator('.statement code', { hasText: 'prime' }).count(), 1);
  });

  test('the ICPC pages logged no errors', () => {
    assert.deepEqual(
      s.pageErrors.filter((e) => !/Failed to load resource/.test(e)),
      [],
    );
  });
});
