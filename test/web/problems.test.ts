// Problem pages in a real browser against a real service: the statement, a live verdict table filling in as the
// judge goes (AC on A+B, WA on the right test), past submissions kept in this browser, and a hostile statement
// that runs nothing. The judging routes are docs/api.md's contract: until the service has them (GET /v1/problems
// answers 404), the tests that need them are skipped, saying so.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot } from '../helpers/box.js';
import { browserMissing, openSession, shot, typeCode, type Session } from './browser.js';

const missing = browserMissing();
const aplusb = join(repoRoot, 'examples/problems/aplusb');

/** A package directory as the tar.gz body POST /v1/problems takes. */
function pack(dir: string): Buffer {
  return execFileSync('tar', ['-czf', '-', '-C', dir, '.']);
}

/** Upload a package, public so that the browser (an anonymous caller like this one) sees it whatever the ownership rules. */
async function upload(url: string, dir: string): Promise<string> {
  const up = await fetch(`${url}/v1/problems?public=true`, { method: 'POST', headers: { 'content-type': 'application/gzip' }, body: new Uint8Array(pack(dir)) });
  const body = (await up.json()) as { id: string };
  assert.equal(up.status, 201, JSON.stringify(body));
  return body.id;
}

/**
 * Submit what is in the editor and wait for the final verdict. A quick judgement can be over before a check for
 * "judging…" runs, so the sign of the end is this browser's list of past submissions: one row more, with a verdict.
 */
async function submitAndWait(page: Page): Promise<string> {
  const before = await page.locator('.past tbody tr').count();
  await page.click('#submit');
  await page.waitForFunction((n) => {
    const rows = document.querySelectorAll('.past tbody tr');
    return rows.length === n + 1 && rows[0]!.querySelector('.badge') !== null;
  }, before, { timeout: 60_000 });
  return (await page.locator('.summary .badge').getAttribute('data-status')) ?? '';
}

/** Row n's verdict (1-based). */
const rowVerdict = (page: Page, n: number) => page.locator(`.verdicts tbody tr[data-test="${n}"]`).getAttribute('data-verdict');

describe('problem pages', { skip: missing }, () => {
  let s: Session;
  let page: Page;
  /** Why the judging tests skip, or undefined once the routes are there. */
  let noRoutes: string | undefined;
  let problemId = '';
  const needRoutes = (t: TestContext) => {
    if (noRoutes) t.skip(noRoutes);
    return !noRoutes;
  };

  before(async () => {
    s = await openSession(606);
    page = s.page;
    const list = await fetch(`${s.service.url}/v1/problems`);
    if (list.status === 404) {
      noRoutes = 'the judging routes are not in this service yet (GET /v1/problems answered 404)';
      console.log(`web: SKIPPING the judging tests: ${noRoutes}`);
      return;
    }
    problemId = await upload(s.service.url, aplusb);
  });
  after(() => s?.close());

  test('the list shows A+B; its page has the statement (a Markdown table) and a pending row per test', async (t) => {
    if (!needRoutes(t)) return;
    await page.goto('/#/problems');
    const link = page.locator('table.problems a', { hasText: 'A+B' });
    await link.click();
    await page.locator('.statement h1, .statement h2').first().waitFor();
    assert.match(await page.locator('.statement').innerText(), /print their sum/);
    assert.equal(await page.locator('.statement table').count(), 1);
    assert.equal(await page.locator('.verdicts tbody tr.pending').count(), 4);
    assert.match(page.url(), new RegExp(`#/problems/${problemId}$`));
  });

  test('a right solution: every row fills in AC, the summary says AC with the full score', async (t) => {
    if (!needRoutes(t)) return;
    await page.selectOption('#language', 'python3');
    await typeCode(page, 'a, b = map(int, input().split()); print(a + b)');
    const box = await page.locator('.judgement table').boundingBox();
    assert.equal(await submitAndWait(page), 'AC');
    for (let n = 1; n <= 4; n++) assert.equal(await rowVerdict(page, n), 'AC', `test ${n}`);
    const score = page.locator('.summary .score');
    assert.match(await score.innerText(), /^(\d+(\.\d+)?) \/ \1 points$/);
    // Rows were there from the start and were filled in place: the table did not change size.
    assert.deepEqual(await page.locator('.judgement table').boundingBox(), box);
    await shot(page, 'problem');
  });

  test('a wrong solution: WA on test 3, the one it gets wrong; the earlier tests AC', async (t) => {
    if (!needRoutes(t)) return;
    await typeCode(page, 'a, b = map(int, input().split()); print(a + b + (a == 2000000000))');
    assert.equal(await submitAndWait(page), 'WA');
    assert.equal(await rowVerdict(page, 1), 'AC');
    assert.equal(await rowVerdict(page, 2), 'AC');
    assert.equal(await rowVerdict(page, 3), 'WA');
    await shot(page, 'problem-wa');
  });

  test('a compile error shows CE and the compiler\'s message', async (t) => {
    if (!needRoutes(t)) return;
    await page.selectOption('#language', 'cpp');
    await typeCode(page, 'int main() { return undefined_name; }');
    assert.equal(await submitAndWait(page), 'CE');
    assert.match(await page.locator('.compile-out').innerText(), /undefined_name/);
  });

  test('past submissions stay in this browser across a reload, newest first, and reopen', async (t) => {
    if (!needRoutes(t)) return;
    await page.reload();
    const rows = page.locator('.past tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 3);
    assert.deepEqual(await rows.locator('.badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))), ['CE', 'WA', 'AC']);
    await rows.nth(2).getByRole('button', { name: 'Open' }).click();
    await page.locator('.summary .badge[data-status="AC"]').waitFor();
    assert.match(await page.locator('.cm-content').innerText(), /print\(a \+ b\)$/);
  });

  test('subtasks: a quadratic solution passes the samples and the small group, TLE on the large one, 40 points', async (t) => {
    if (!needRoutes(t)) return;
    const dir = join(repoRoot, 'examples/problems/inversions');
    const id = await upload(s.service.url, dir);
    await page.goto(`/#/problems/${id}`);
    await page.locator('.statement p').first().waitFor();
    assert.equal(await page.locator('.sample').count(), 2);
    await page.selectOption('#language', 'c');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    // A whole file at once, as a paste would put it (typing it would fight the editor's auto-indent).
    await page.keyboard.insertText(readFileSync(join(dir, 'solutions/partial-quadratic.c'), 'utf8'));
    assert.equal(await submitAndWait(page), 'TLE');
    assert.match(await page.locator('.summary .score').innerText(), /^40 \/ 100 points$/);
    assert.deepEqual(await page.locator('.groups .group').evaluateAll((ps) => ps.map((p) => p.textContent?.match(/Group (\w+)/)?.[1])), ['samples', 'small', 'large']);
    await shot(page, 'problem-groups');
  });

  test('a hostile statement renders as text: no script runs, no handler, no javascript: link', async () => {
    // The page's own defence, whatever a package holds: the problem is served to the page as the contract says.
    const statement = [
      '# Evil',
      '<script>window.__pwned = "script"</script>',
      '<img src="x" onerror="window.__pwned = \'img\'">',
      '[click](javascript:window.__pwned="link") and [ok](https://example.org/)',
      '![pixel](https://tracker.example/pixel.png)',
      '| a | b |\n|---|---|\n| <b onmouseover="x()">1</b> | 2 |',
    ].join('\n\n');
    await page.route('**/v1/problems/evil', (route) =>
      route.fulfill({ json: { id: 'evil', name: 'evil', title: 'Evil', statement, limits: { time: 1, memory: 64 }, samples: [{ name: '01', input: '<b>1</b>', output: '2' }], tests: 2, groups: [], interactive: false } }),
    );
    await page.goto('/#/problems/evil');
    await page.locator('.statement p').first().waitFor();
    assert.equal(await page.locator('.statement-col h1').innerText(), 'Evil');
    assert.equal(await page.locator('.statement h1').count(), 0, 'the statement\'s heading that repeats the title is dropped');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined);
    const found = await page.locator('.statement').evaluate((el) => ({
      scripts: el.querySelectorAll('script, iframe, object, embed, style').length,
      handlers: [...el.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
      hrefs: [...el.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      srcs: [...el.querySelectorAll('img[src]')].map((i) => i.getAttribute('src')),
    }));
    assert.deepEqual(found, { scripts: 0, handlers: [], hrefs: ['https://example.org/'], srcs: [] });
    assert.match(await page.locator('.statement').innerText(), /<script>window.__pwned/, 'raw HTML is shown as text');
    assert.equal(await page.locator('.statement a[href="https://example.org/"]').getAttribute('rel'), 'noopener noreferrer nofollow');
    assert.equal(await page.locator('.sample pre').first().innerText(), '<b>1</b>');
    assert.equal(await page.locator('.verdicts tbody tr.pending').count(), 2);
    await page.unroute('**/v1/problems/evil');
  });

  test('the problem pages logged no errors', () => {
    assert.deepEqual(s.pageErrors.filter((e) => !/Failed to load resource/.test(e)), []);
  });
});
