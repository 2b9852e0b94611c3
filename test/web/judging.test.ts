// Judging views that tell the truth (issue 15, items 4, 6-8, 16, 17 and the problem list's part of 19): no rows
// before a submission, rows in test order while results arrive in any order, a reload or a dropped connection
// during judging picks the judgement up again, a past submission opens beside the code being written, sample
// tests show their input and expected answer, and solved problems and every submission are listed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot } from '../helpers/box.js';
import { until } from '../helpers/until.js';
import { browserMissing, openSession, typeCode, type Session } from './browser.js';

const missing = browserMissing();

/** Upload examples/problems/<name>, public, and return its id. */
async function upload(url: string, name: string): Promise<string> {
  const body = execFileSync('tar', ['-czf', '-', '-C', join(repoRoot, 'examples/problems', name), '.']);
  const up = await fetch(`${url}/v1/problems?public=true`, { method: 'POST', headers: { 'content-type': 'application/gzip' }, body: new Uint8Array(body) });
  const json = (await up.json()) as { id: string };
  assert.equal(up.status, 201, JSON.stringify(json));
  return json.id;
}

/** A test result as the API sends it. */
const result = (name: string, group: string, verdict = 'AC') => ({
  name,
  group,
  verdict,
  reason: verdict === 'AC' ? 'accepted' : 'wrong answer: expected 3, found 4',
  score: verdict === 'AC' ? 1 : 0,
  cpuTime: 0.01,
  wallTime: 0.02,
  memory: 3e6,
  checker: '',
  output: verdict === 'AC' ? '3\n' : '4\n',
  stderr: '',
});
const sse = (seq: number, type: string, data: unknown) => `id: 1-${seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

/** A problem served by the test: two samples and two tests whose names sort wrongly as plain text (2, 10). */
const ORDER = ['sample-1', 'sample-2', '2', '10'];
const orderProblem = {
  id: 'order',
  name: 'order',
  title: 'Order',
  statement: 'Add two numbers.',
  limits: { time: 1, memory: 64 * 1024 * 1024 },
  samples: [
    { name: 'sample-1', input: '1 2\n', output: '3\n' },
    { name: 'sample-2', input: '5 5\n', output: '10\n' },
  ],
  tests: 4,
  groups: [
    { name: 'samples', points: 0 },
    { name: 'tests', points: 100 },
  ],
  interactive: false,
  checker: 'tokens',
};
const groupOf = (n: string) => (n.startsWith('sample') ? 'samples' : 'tests');
const finished = (tests: unknown[]) => ({
  id: 'order',
  problem: 'order',
  language: 'python3',
  state: 'done',
  verdict: 'WA',
  reason: 'wrong answer on sample-1',
  score: 0,
  maxScore: 100,
  compile: null,
  tests,
  groups: [],
  error: null,
});

/** Watch the verdict table: after every change, each row's test name ('' while pending) and whether it is filled. */
async function watchRows(page: Page): Promise<void> {
  await page.locator('.verdicts tbody').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    const w = window as unknown as { snapshots: Array<Array<{ name: string; filled: boolean }>> };
    w.snapshots = [];
    const body = document.querySelector('.verdicts tbody')!;
    new MutationObserver(() =>
      w.snapshots.push([...body.querySelectorAll('tr')].map((r) => ({ name: r.getAttribute('data-name') ?? '', filled: !r.classList.contains('pending') }))),
    ).observe(body, { childList: true });
  });
}
const snapshots = (page: Page) => page.evaluate(() => (window as unknown as { snapshots: Array<Array<{ name: string; filled: boolean }>> }).snapshots);

describe('judging views', { skip: missing }, () => {
  let s: Session;
  let page: Page;
  let aplusb = '';
  before(async () => {
    s = await openSession(610);
    page = s.page;
    aplusb = await upload(s.service.url, 'aplusb');
  });
  after(() => s?.close());

  test('before any submission the verdict table has no rows, only what to do (item 8)', async () => {
    await page.goto(`/#/problems/${aplusb}`);
    await page.locator('.summary', { hasText: 'Submit to see a verdict' }).waitFor();
    assert.equal(await page.locator('.verdicts tbody tr').count(), 0);
    assert.equal(await page.locator('.verdicts').isVisible(), false);
  });

  test('results arriving out of order fill rows in test order, which the final result keeps (item 6)', async () => {
    await page.route('**/v1/problems/order', (r) => r.fulfill({ json: orderProblem }));
    await page.route('**/v1/problems/order/submissions', (r) =>
      r.fulfill({ status: 202, json: { ...finished([]), state: 'queued', verdict: null, score: null } }),
    );
    // Finishing order: sample-2, 10, sample-1, 2 (tests run side by side); the final result lists them in test order.
    const arrival = ['sample-2', '10', 'sample-1', '2'];
    const verdict = (n: string) => (n === 'sample-1' ? 'WA' : 'AC');
    await page.route('**/v1/submissions/order/events', (r) =>
      r.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body:
          arrival.map((n, i) => sse(i + 1, 'test', result(n, groupOf(n), verdict(n)))).join('') +
          sse(5, 'done', finished(ORDER.map((n) => result(n, groupOf(n), verdict(n))))),
      }),
    );
    await page.goto('/#/problems/order');
    await page.locator('#submit:not([disabled])').waitFor();
    await watchRows(page);
    await page.click('#submit');
    await page.locator('.summary .badge[data-status="WA"]').waitFor();
    const seen = await snapshots(page);
    assert.ok(seen.length >= 4, `the table changed ${seen.length} times`);
    for (const rows of seen) {
      const filled = rows.filter((r) => r.filled).map((r) => r.name);
      const positions = filled.map((n) => ORDER.indexOf(n));
      assert.deepEqual(
        positions,
        [...positions].sort((a, b) => a - b),
        `rows in test order while judging: ${filled.join(', ')}`,
      );
    }
    assert.deepEqual(
      seen.at(-1)!.map((r) => r.name),
      ORDER,
    );

    // The order is now known: a second submission has every row named, in place, from the start.
    await page.reload();
    await page.locator('#submit:not([disabled])').waitFor();
    await watchRows(page);
    await page.click('#submit');
    await page.locator('.summary .badge[data-status="WA"]').waitFor();
    for (const rows of await snapshots(page))
      assert.deepEqual(
        rows.map((r) => r.name),
        ORDER,
      );
  });

  test("a sample test's details show its input and expected answer; other tests say theirs stay on the server (item 16)", async () => {
    await page.locator('.verdicts tbody tr[data-name="sample-1"] button').click();
    const detail = page.locator('.test-detail');
    assert.equal(await detail.locator('[data-part="Input"]').textContent(), '1 2\n');
    assert.equal(await detail.locator('[data-part="Expected output"]').textContent(), '3\n');
    assert.equal(await detail.locator('[data-part="Your output (start)"]').textContent(), '4\n');
    await page.locator('.verdicts tbody tr[data-name="10"] button').click();
    assert.equal(await detail.locator('[data-part="Input"]').count(), 0);
    assert.match(await detail.innerText(), /stay on the server/);
    await page.unrouteAll();
  });

  test("with the package's tests public, every test's details show its input and expected answer (item 16)", async () => {
    const open = { ...orderProblem, publicTests: ORDER.map((n) => ({ name: n, input: `in ${n}\n`, output: `out ${n}\n` })) };
    await page.route('**/v1/problems/order', (r) => r.fulfill({ json: open }));
    await page.route('**/v1/problems/order/submissions', (r) =>
      r.fulfill({ status: 202, json: { ...finished([]), state: 'queued', verdict: null, score: null } }),
    );
    const verdict = (n: string) => (n === 'sample-1' ? 'WA' : 'AC');
    await page.route('**/v1/submissions/order/events', (r) =>
      r.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: sse(1, 'done', finished(ORDER.map((n) => result(n, groupOf(n), verdict(n))))),
      }),
    );
    await page.goto('/#/');
    await page.goto('/#/problems/order');
    await page.reload();
    await page.locator('#submit:not([disabled])').waitFor();
    await page.click('#submit');
    await page.locator('.summary .badge[data-status="WA"]').waitFor();
    await page.locator('.verdicts tbody tr[data-name="10"] button').click();
    const detail = page.locator('.test-detail');
    assert.equal(await detail.locator('[data-part="Input"]').textContent(), 'in 10\n');
    assert.equal(await detail.locator('[data-part="Expected output"]').textContent(), 'out 10\n');
    assert.doesNotMatch(await detail.innerText(), /stay on the server/);
    await page.unrouteAll();
  });

  test('a dropped connection says so and the judgement goes on when it is back, instead of an endless "Judging…" (item 7)', async () => {
    let connections = 0;
    let serverBack = false;
    await page.route('**/v1/problems/order', (r) => r.fulfill({ json: orderProblem }));
    await page.route('**/v1/problems/order/submissions', (r) =>
      r.fulfill({ status: 202, json: { ...finished([]), state: 'queued', verdict: null, score: null } }),
    );
    await page.route('**/v1/submissions/order/events', (r) => {
      connections++;
      if (connections === 1)
        return r.fulfill({
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
          body: 'retry: 100\n\n' + sse(1, 'test', result('sample-1', 'samples')),
        });
      if (!serverBack) return r.abort('connectionrefused');
      return r.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body:
          ORDER.slice(1)
            .map((n, i) => sse(i + 2, 'test', result(n, groupOf(n))))
            .join('') + sse(5, 'done', { ...finished(ORDER.map((n) => result(n, groupOf(n)))), verdict: 'AC', score: 100 }),
      });
    });
    await page.route('**/v1/submissions/order', (r) => r.abort('connectionrefused'));
    await page.goto('/#/problems/order');
    await page.locator('#submit:not([disabled])').waitFor();
    await page.click('#submit');
    await page.locator('.summary [data-connection="lost"]').waitFor({ timeout: 10_000 });
    assert.match(await page.locator('.summary').innerText(), /connection to the server was lost/);
    assert.equal(await page.locator('.verdicts tbody tr[data-name="sample-1"]').getAttribute('data-verdict'), 'AC', 'what came before the drop stays');
    serverBack = true;
    await page.locator('.summary .badge[data-status="AC"]').waitFor({ timeout: 20_000 });
    assert.ok(connections >= 2, `${connections} connections`);
    await page.unrouteAll();
  });

  test('a reload during judging follows the submission again; its history row does not stay "queued" (item 7)', async () => {
    await page.goto(`/#/problems/${aplusb}`);
    await page.selectOption('#language', 'python3');
    // Four tests over the service's two slots, a second and a half each: judging takes a few seconds.
    await typeCode(page, 'import time; time.sleep(1.5); a, b = map(int, input().split()); print(a + b)');
    await page.click('#submit');
    await page.locator('#submit', { hasText: 'Cancel' }).waitFor();
    await page.reload();
    await page.locator('#submit', { hasText: 'Cancel' }).waitFor({ timeout: 5_000 });
    assert.match(await page.locator('.summary').innerText(), /Judging/);
    await page.locator('.summary .badge[data-status="AC"]').waitFor({ timeout: 60_000 });
    await page.locator('.past tbody tr').first().locator('.badge[data-status="AC"]').waitFor();
    // A submission left queued in this browser's history (the page closed before it ended) is settled on the next visit.
    await page.evaluate(() => {
      const all = JSON.parse(localStorage.getItem('airlock.submissions') ?? '[]') as Array<{ state: string; verdict: string | null }>;
      all[0]!.state = 'queued';
      all[0]!.verdict = null;
      localStorage.setItem('airlock.submissions', JSON.stringify(all));
    });
    await page.reload();
    await page.locator('.past tbody tr').first().locator('.badge[data-status="AC"]').waitFor();
  });

  test('"Open" on a past submission shows it beside the code being written; "Use this code" is one edit Ctrl+Z undoes (item 4)', async () => {
    await typeCode(page, 'print("work in progress")');
    await page.locator('.past tbody tr').first().getByRole('button', { name: 'Open' }).click();
    await page.locator('.past-code').waitFor();
    assert.equal(await page.locator('.cm-content').innerText(), 'print("work in progress")', 'the editor keeps its code');
    assert.match(await page.locator('.past-source').innerText(), /time\.sleep\(1\.5\)/);
    await page.getByRole('button', { name: 'Use this code' }).click();
    assert.match(await page.locator('.cm-content').innerText(), /time\.sleep\(1\.5\)/);
    await page.keyboard.press('Control+z');
    await until(
      () => page.locator('.cm-content').innerText(),
      (t) => t === 'print("work in progress")',
      5_000,
      'undo to bring the code back',
    );
  });

  test('the list marks solved problems and is no longer greyed when loaded; every submission is listed across problems (items 17, 19)', async () => {
    await page.goto('/#/problems');
    const row = page.locator(`table.problems tr[data-id="${aplusb}"]`);
    await row.waitFor();
    assert.match(await row.locator('.solved-mark').innerText(), /solved/);
    assert.equal(await page.locator('.loading').count(), 0, 'no element keeps the "loading" class');
    await page.getByRole('link', { name: 'Your submissions to every problem' }).click();
    const rows = page.locator('.all-submissions tbody tr');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 1);
    assert.equal(await rows.first().getByRole('link').innerText(), 'A+B');
    await rows.first().getByRole('link').click();
    await page.waitForURL(new RegExp(`#/problems/${aplusb}$`));
  });

  test('the judging pages logged no errors but the connections the test refused', () => {
    assert.deepEqual(
      s.pageErrors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e)),
      [],
    );
  });
});
