// Problem pages in a real browser against a real service: the statement, a live verdict table filling in as the
// judge goes (AC on A+B, WA on the right test), past submissions kept in this browser, and a hostile statement
// that runs nothing. The judging routes are docs/api.md's contract: until the service has them (GET /v1/problems
// answers 404), the tests that need them are skipped, saying so.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
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
  const up = await fetch(`${url}/v1/problems?public=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/gzip' },
    body: new Uint8Array(pack(dir)),
  });
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
  await page.waitForFunction(
    (n) => {
      const rows = document.querySelectorAll('.past tbody tr');
      return rows.length === n + 1 && rows[0]!.querySelector('.badge') !== null;
    },
    before,
    { timeout: 60_000 },
  );
  return (await page.locator('.summary .badge').getAttribute('data-status')) ?? '';
}

/** Row n's verdict (1-based). */
const rowVerdict = (page: Page, n: number) => page.locator(`.verdicts tbody tr[data-test="${n}"]`).getAttribute('data-verdict');

describe('problem pages', { skip: missing }, () => {
  let s: Session;
  let page: Page;
  let problemId = '';

  before(async () => {
    s = await openSession(606);
    page = s.page;
    // The service always has the judging routes: a 404 here is a regression, never a reason to skip.
    const list = await fetch(`${s.service.url}/v1/problems`);
    assert.equal(list.status, 200, 'GET /v1/problems');
    problemId = await upload(s.service.url, aplusb);
  });
  after(() => s?.close());

  test('the list shows A+B; its page has the statement (a Markdown table) and no verdict rows before a submission', async () => {
    await page.goto('/#/problems');
    const link = page.locator('table.problems a', { hasText: 'A+B' });
    await link.click();
    await page.locator('.statement h1, .statement h2').first().waitFor();
    assert.match(await page.locator('.statement').innerText(), /print their sum/);
    assert.equal(await page.locator('.statement table').count(), 1);
    assert.equal(await page.locator('.verdicts tbody tr').count(), 0);
    assert.match(page.url(), new RegExp(`#/problems/${problemId}$`));
  });

  test('a right solution: every row fills in AC, the summary says AC with the full score', async () => {
    await page.selectOption('#language', 'python3');
    await typeCode(page, 'a, b = map(int, input().split()); print(a + b)');
    // Every height the table takes once shown: rows are made when judging starts and filled in place.
    await page.evaluate(() => {
      const w = window as unknown as { heights: Set<number> };
      w.heights = new Set();
      new ResizeObserver(([e]) => e!.contentRect.height > 0 && w.heights.add(e!.contentRect.height)).observe(document.querySelector('.judgement table')!);
    });
    assert.equal(await submitAndWait(page), 'AC');
    for (let n = 1; n <= 4; n++) assert.equal(await rowVerdict(page, n), 'AC', `test ${n}`);
    const score = page.locator('.summary .score');
    assert.match(await score.innerText(), /^(\d+(\.\d+)?) \/ \1 points$/);
    // Rows were there from the start and were filled in place: the table's height did not change.
    const heights = await page.evaluate(() => [...(window as unknown as { heights: Set<number> }).heights]);
    assert.equal(heights.length, 1, `heights: ${heights.join(', ')}`);
    await shot(page, 'problem');
  });

  test('a wrong solution: WA on test 3, the one it gets wrong; the earlier tests AC', async () => {
    await typeCode(page, 'a, b = map(int, input().split()); print(a + b + (a == 2000000000))');
    assert.equal(await submitAndWait(page), 'WA');
    assert.equal(await rowVerdict(page, 1), 'AC');
    assert.equal(await rowVerdict(page, 2), 'AC');
    assert.equal(await rowVerdict(page, 3), 'WA');
    await shot(page, 'problem-wa');
  });

  test("a compile error shows CE and the compiler's message", async () => {
    await page.selectOption('#language', 'cpp');
    await typeCode(page, 'int main() { return undefined_name; }');
    assert.equal(await submitAndWait(page), 'CE');
    assert.match(await page.locator('.compile-out').innerText(), /undefined_name/);
  });

  test('Submit becomes Cancel while judging; a cancelled submission says so', async () => {
    await page.selectOption('#language', 'python3');
    await typeCode(page, 'import time; time.sleep(0.9); a, b = map(int, input().split()); print(a + b)');
    await page.click('#submit');
    const button = page.locator('#submit', { hasText: 'Cancel' });
    await button.waitFor();
    await button.click();
    await page.locator('.summary [data-status="cancelled"]').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('#submit').innerText(), 'Submit');
    await page.locator('.past tbody tr').first().getByText('cancelled').waitFor();
  });

  test('past submissions stay in this browser across a reload, newest first, and reopen', async () => {
    await page.reload();
    const rows = page.locator('.past tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 4);
    assert.deepEqual(await rows.locator('.badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))), ['CE', 'WA', 'AC']);
    await rows.nth(3).getByRole('button', { name: 'Open' }).click();
    await page.locator('.summary .badge[data-status="AC"]').waitFor();
    assert.match(await page.locator('.past-source').innerText(), /print\(a \+ b\)$/);
    await page.getByRole('button', { name: 'Use this code' }).click();
    assert.match(await page.locator('.cm-content').innerText(), /print\(a \+ b\)$/);
  });

  test('subtasks: a quadratic solution passes the samples and the small group, TLE on the large one, 40 points', async () => {
    const dir = join(repoRoot, 'examples/problems/inversions');
    const id = await upload(s.service.url, dir);
    await page.goto(`/#/problems/${id}`);
    await page.locator('.statement p').first().waitFor();
    // The samples are drawn after the statement's text: wait for the second before counting them.
    await page.locator('.sample').nth(1).waitFor();
    assert.equal(await page.locator('.sample').count(), 2);
    await page.selectOption('#language', 'c');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    // A whole file at once, as a paste would put it (typing it would fight the editor's auto-indent).
    await page.keyboard.insertText(readFileSync(join(dir, 'solutions/partial-quadratic.c'), 'utf8'));
    assert.equal(await submitAndWait(page), 'TLE');
    assert.match(await page.locator('.summary .score').innerText(), /^40 \/ 100 points$/);
    assert.deepEqual(await page.locator('.groups .group').evaluateAll((ps) => ps.map((p) => p.textContent?.match(/Group (\w+)/)?.[1])), [
      'samples',
      'small',
      'large',
    ]);
    await shot(page, 'problem-groups');
  });

  test('a dropped event stream is followed again: no row lost or doubled, whatever the server replays (served by the test)', async () => {
    // Dropping a live localhost stream from inside Chromium is not possible, so this test plays the server's part
    // of docs/api.md: the first connection ends after two tests; the next one replays from the start (as a
    // server that ignores Last-Event-ID would) and goes on to the end.
    const test = (n: number) => ({
      name: `0${n}`,
      group: 'tests',
      verdict: 'AC',
      score: 1,
      cpuTime: 0.01,
      wallTime: 0.02,
      memory: 3e6,
      message: '',
      checker: '',
      stdout: '',
      stderr: '',
    });
    const done = {
      id: 'resume',
      problem: 'resume',
      language: 'python3',
      state: 'done',
      verdict: 'AC',
      reason: null,
      score: 100,
      maxScore: 100,
      compile: null,
      tests: [1, 2, 3, 4].map(test),
      groups: [],
      error: null,
    };
    const ev = (seq: number, type: string, data: unknown) => `id: 1-${seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
    let connections = 0;
    await page.route('**/v1/problems/resume', (r) =>
      r.fulfill({
        json: {
          id: 'resume',
          name: 'resume',
          title: 'Resume',
          statement: 'Add.',
          limits: { time: 1, memory: 64 },
          samples: [],
          tests: 4,
          groups: [],
          interactive: false,
        },
      }),
    );
    await page.route('**/v1/problems/resume/submissions', (r) =>
      r.fulfill({ status: 202, json: { ...done, state: 'queued', verdict: null, score: null, tests: [] } }),
    );
    await page.route('**/v1/submissions/resume/events', (r) => {
      const tests = ++connections === 1 ? [1, 2] : [1, 2, 3, 4];
      const body = 'retry: 50\n\n' + tests.map((n) => ev(n, 'test', test(n))).join('') + (connections > 1 ? ev(5, 'done', done) : '');
      return r.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body });
    });
    await page.goto('/#/problems/resume');
    await page.locator('.statement p').first().waitFor();
    // The table may render a moment after the statement (it was found missing once, on a loaded machine).
    await page.locator('.verdicts tbody').waitFor({ state: 'attached' });
    // Rows as they stand after every change: none may ever exceed four.
    await page.evaluate(() => {
      const w = window as unknown as { maxRows: number };
      w.maxRows = 0;
      new MutationObserver(() => (w.maxRows = Math.max(w.maxRows, document.querySelectorAll('.verdicts tbody tr').length))).observe(
        document.querySelector('.verdicts tbody')!,
        { childList: true },
      );
    });
    assert.equal(await submitAndWait(page), 'AC');
    assert.equal(connections, 2);
    assert.equal(await page.evaluate(() => (window as unknown as { maxRows: number }).maxRows), 4);
    for (let n = 1; n <= 4; n++) assert.equal(await rowVerdict(page, n), 'AC', `test ${n}`);
    await page.unrouteAll();
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
      route.fulfill({
        json: {
          id: 'evil',
          name: 'evil',
          title: 'Evil',
          statement,
          limits: { time: 1, memory: 64 },
          samples: [{ name: '01', input: '<b>1</b>', output: '2' }],
          tests: 2,
          groups: [],
          interactive: false,
        },
      }),
    );
    await page.goto('/#/problems/evil');
    await page.locator('.statement p').first().waitFor();
    assert.equal(await page.locator('.statement-col h1').innerText(), 'Evil');
    assert.equal(await page.locator('.statement h1').count(), 0, "the statement's heading that repeats the title is dropped");
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
    assert.equal(await page.locator('.verdicts tbody tr').count(), 0);
    await page.unroute('**/v1/problems/evil');
  });

  test('the problem pages logged no errors', () => {
    assert.deepEqual(
      s.pageErrors.filter((e) => !/Failed to load resource/.test(e)),
      [],
    );
  });
});
