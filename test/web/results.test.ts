// The result area and the limit fields (issue 15, items 9 and 19), on a phone-sized screen where room is short:
// limits show the server's defaults and are checked against its ranges before sending, sizes read in MiB, the
// compile's time is shown apart from the run's, nothing in the status line is cut, and Run scrolls to the result.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserMissing, openSession, typeCode, type Session } from './browser.js';

const missing = browserMissing();

/** Run and wait for the status line to show an outcome (a badge or an error box). */
async function runToEnd(page: Page): Promise<void> {
  await page.click('#run');
  await page.locator('.status-line .badge, .status-line .error').first().waitFor({ timeout: 60_000 });
}

/** Whether the whole of an element is inside the window. */
const inView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });

describe('results and limits on a phone', { skip: missing }, () => {
  let s: Session;
  let page: Page;
  const runRequests: string[] = [];
  before(async () => {
    s = await openSession(626, { width: 390, height: 844 });
    page = s.page;
    page.on('request', (r) => r.url().includes('/v1/runs') && runRequests.push(r.url()));
    await page.goto('/');
    await page.locator('#language:not([disabled])').waitFor();
  });
  after(() => s?.close());

  test('the page has an <h1>, the theme picker keeps its name, the limit fields show the defaults', async () => {
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.getByRole('combobox', { name: 'Theme' }).count(), 1);
    assert.equal(await page.getByLabel('CPU time (s)').getAttribute('placeholder'), '5');
    assert.equal(await page.getByLabel('Memory (MiB)').getAttribute('placeholder'), '256');
  });

  test("a CPU time of 1e-9 is refused in the page, naming the range; a memory above the ceiling gets the server's 400 explained", async () => {
    await page.selectOption('#language', 'python3');
    await typeCode(page, 'print(1)');
    await page.fill('#time', '1e-9');
    const sent = runRequests.length;
    await runToEnd(page);
    assert.equal(runRequests.length, sent, 'nothing was sent');
    assert.equal(await page.locator('.status-line .error').getAttribute('data-code'), 'AIRLOCK_WEB_LIMIT');
    assert.match(await page.locator('.status-line .error').innerText(), /CPU time must be from 0\.001 to 3600 s/);
    assert.equal(await page.getAttribute('#time', 'aria-invalid'), 'true');
    await page.fill('#time', '');
    await page.fill('#memory', '60000');
    await runToEnd(page);
    assert.equal(runRequests.length, sent + 1);
    assert.match((await page.locator('.status-line .error').getAttribute('data-code')) ?? '', /^AIRLOCK_ERR_(OVER_CEILING|BAD_LIMIT|BAD_REQUEST)$/);
    assert.match(await page.locator('.status-line .error').innerText(), /HTTP 400/);
    await page.fill('#memory', '');
  });

  test('MLE reads in MiB; a long status line grows rather than cutting its last line; Run scrolls to the result', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await typeCode(page, "import sys; x = bytearray(64 << 20); sys.stdout.buffer.write(b'\\xff')");
    await page.fill('#memory', '16');
    await runToEnd(page);
    assert.equal(await page.locator('.status-line .badge').getAttribute('data-status'), 'MLE');
    const ending = await page.locator('.status-line .ending').innerText();
    assert.match(ending, /16 MiB/);
    assert.doesNotMatch(ending, /bytes/);
    assert.equal(await inView(page, '.status-line'), true, 'the result is on screen after Run');
    await page.fill('#memory', '');
    // Invalid UTF-8 adds a note: on a phone the line wraps to three or more rows, all of them visible.
    await typeCode(page, "import sys; sys.stdout.buffer.write(b'caf\\xe9 and a long enough line to matter')");
    await runToEnd(page);
    const cut = await page.locator('.status-line').evaluate((el) => el.scrollHeight - el.clientHeight);
    assert.ok(cut <= 0, `the status line hides ${cut}px`);
    assert.match(await page.locator('.status-line').innerText(), /not valid UTF-8/);
  });

  test("a compiled language shows the compile time apart from the run's", async () => {
    await page.selectOption('#language', 'c');
    await typeCode(page, 'int main(void) { return 0; }');
    await runToEnd(page);
    assert.equal(await page.locator('.status-line .badge').getAttribute('data-status'), 'OK');
    assert.match((await page.locator('[data-metric="compile"]').innerText()) ?? '', /^\d+\.\d+ s$/);
    assert.match(await page.locator('.status-line').innerText(), /compiled in/);
  });

  test('nothing is wider than the phone', async () => {
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0);
  });

  test('the page logged no errors but the refused request', () => {
    assert.deepEqual(
      s.pageErrors.filter((e) => !/status of 400/.test(e)),
      [],
    );
  });
});
