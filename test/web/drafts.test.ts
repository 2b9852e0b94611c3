// Never losing a person's code (issue 15, items 1-5): a share link opens as its own document and the draft stays,
// Share leaves the address bar alone, a program in a language the server lacks is shown read-only, and a
// repeated Run is not a Stop (which, when asked for, is said plainly rather than as an error).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { browserMissing, openSession, typeCode, type Session } from './browser.js';

const missing = browserMissing();

/** A share payload as the page makes it. */
const payload = (p: { l: string; s: string; i?: string }) => deflateRawSync(Buffer.from(JSON.stringify(p))).toString('base64url');
const code = (page: Page) => page.locator('.cm-content').innerText();

/** Load a route afresh and wait for the languages (the page is ready then). */
async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`);
  await page.reload();
  await page.locator('#language:not([disabled])').waitFor();
}

describe('never losing code', { skip: missing }, () => {
  let s: Session;
  let page: Page;
  before(async () => {
    s = await openSession(620);
    page = s.page;
    await open(page, '#/');
    await page.selectOption('#language', 'python3');
    await typeCode(page, 'print("mine")');
    await page.fill('#stdin', 'my input');
  });
  after(() => s?.close());

  test('a share link opens as its own document: undo keeps it, edits to it are not saved, the draft and input stay', async () => {
    await open(page, `#/?s=${payload({ l: 'python3', s: 'print("shared")', i: 'their input' })}`);
    assert.equal(await code(page), 'print("shared")');
    assert.equal(await page.inputValue('#stdin'), 'their input');
    assert.match(await page.locator('[data-share="open"]').innerText(), /not saved/);
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+z');
    assert.equal(await code(page), 'print("shared")', 'undo does not empty the editor');
    await typeCode(page, 'print("changed")');
    await page.fill('#stdin', 'changed input');
    await open(page, '#/');
    assert.equal(await code(page), 'print("mine")');
    assert.equal(await page.inputValue('#stdin'), 'my input');
  });

  test('"back to your own code" leaves the shared program for the draft', async () => {
    await open(page, `#/?s=${payload({ l: 'python3', s: 'print("shared")' })}`);
    await page.getByRole('link', { name: 'back to your own code' }).click();
    await page.waitForFunction(() => document.querySelector('.cm-content')?.textContent === 'print("mine")');
    assert.equal(await page.evaluate(() => location.hash), '#/');
    assert.equal(await page.inputValue('#stdin'), 'my input');
  });

  test('after Share the address bar keeps #/, so a reload shows later edits', async () => {
    await page.click('#share');
    assert.match(await page.locator('.share-link').inputValue(), /#\/\?s=[A-Za-z0-9_-]+$/);
    assert.ok(!(await page.evaluate(() => location.hash)).includes('?s='), 'no share payload in the address bar');
    await typeCode(page, 'print("later")');
    await page.reload();
    await page.locator('#language:not([disabled])').waitFor();
    assert.equal(await code(page), 'print("later")');
  });

  test('a shared program in a language the server lacks is shown read-only, with the reason', async () => {
    await open(page, `#/?s=${payload({ l: 'klingon', s: "Qapla'" })}`);
    assert.equal(await code(page), "Qapla'");
    assert.match(await page.locator('[data-share="read-only"]').innerText(), /klingon, which this server does not run/);
    assert.equal(await page.locator('.cm-content').getAttribute('contenteditable'), 'false');
    assert.equal(await page.locator('#run').isDisabled(), true);
    await open(page, '#/');
    assert.equal(await code(page), 'print("later")', 'the draft is untouched');
  });

  test('a double click on Run, or Ctrl+Enter twice, runs once and is not taken as Stop; Stop says so plainly', async () => {
    await typeCode(page, 'import time; time.sleep(1); print("done")');
    await page.dblclick('#run');
    await page.locator('.status-line .badge').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.pane[data-pane="stdout"]').textContent(), 'done\n');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('Control+Enter');
    await page.locator('#run.danger').waitFor();
    await page.locator('.status-line .badge').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.pane[data-pane="stdout"]').textContent(), 'done\n');
    // Once armed, Stop stops: a note, not an error box.
    await typeCode(page, 'import time; time.sleep(30)');
    await page.click('#run');
    await page.locator('#run.danger:not([aria-disabled])').click();
    await page.locator('.status-line', { hasText: 'Stopped.' }).waitFor();
    assert.equal(await page.locator('.status-line .error').count(), 0);
  });

  test('the page logged no errors', () => {
    assert.deepEqual(s.pageErrors, []);
  });
});
