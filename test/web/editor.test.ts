// The editor (issue 15, item 18): brackets and quotes close as typed, Ctrl+F searches, the font size is a setting
// kept across reloads, compile errors (gcc, clang's format, javac, a Python traceback) are marked at their lines,
// and the compiler's output is never wrapped, so gcc's caret stays under the column it points at.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { until } from '../helpers/until.js';
import { browserMissing, openSession, type Session } from './browser.js';

const missing = browserMissing();

/** Put a whole program in the editor at once, as a paste would (no auto-close or auto-indent). */
async function paste(page: Page, code: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

/** Run and wait for the outcome. */
async function runToEnd(page: Page): Promise<string> {
  await page.click('#run');
  await page.locator('.status-line .badge').waitFor({ timeout: 60_000 });
  return (await page.locator('.status-line .badge').getAttribute('data-status')) ?? '';
}

/** The line numbers (1-based) the editor marks as having a diagnostic, from the lint gutter. */
const markedLines = (page: Page) =>
  page.evaluate(() => {
    const lines = [...document.querySelectorAll('.cm-content .cm-line')];
    const marked = new Set([...document.querySelectorAll('.cm-content .cm-lintRange')].map((r) => lines.indexOf(r.closest('.cm-line')!) + 1));
    return [...marked].sort((a, b) => a - b);
  });

describe('the editor', { skip: missing }, () => {
  let s: Session;
  let page: Page;
  before(async () => {
    s = await openSession(616);
    page = s.page;
    await page.goto('/');
    await page.locator('#language:not([disabled])').waitFor();
  });
  after(() => s?.close());

  test('brackets and quotes close as they are typed, and typing the closer steps over it', async () => {
    await page.selectOption('#language', 'python3');
    await paste(page, '');
    await page.keyboard.type('print(');
    assert.equal(await page.locator('.cm-content').innerText(), 'print()');
    await page.keyboard.type('"hi');
    assert.equal(await page.locator('.cm-content').innerText(), 'print("hi")');
    await page.keyboard.type('")');
    assert.equal(await page.locator('.cm-content').innerText(), 'print("hi")');
  });

  test('Ctrl+F opens search in the editor and finds the text', async () => {
    await paste(page, 'a = 1\nneedle = 2\nprint(needle)\n');
    await page.keyboard.press('Control+f');
    const field = page.locator('.cm-search input[name="search"]');
    await field.waitFor();
    await field.fill('needle');
    await field.press('Enter');
    await until(
      () => page.locator('.cm-searchMatch').count(),
      (n) => n === 2,
      5_000,
      'two matches',
    );
    await page.keyboard.press('Escape');
    await page.locator('.cm-search').waitFor({ state: 'detached' });
  });

  test('the font size is a setting for the editor and the output, kept across a reload', async () => {
    const size = () => page.locator('.cm-scroller').evaluate((e) => getComputedStyle(e).fontSize);
    assert.equal(await size(), '14px');
    await page.getByLabel('Size').selectOption('18');
    assert.equal(await size(), '18px');
    assert.equal(await page.locator('.pane[data-pane="stdout"]').evaluate((e) => getComputedStyle(e).fontSize), '18px');
    await page.reload();
    await page.locator('#language:not([disabled])').waitFor();
    assert.equal(await size(), '18px');
    assert.equal(await page.getByLabel('Size').inputValue(), '18');
    await page.getByLabel('Size').selectOption('14');
  });

  test('a C compile error is marked at its line; the caret under it stays in its column however long the line', async () => {
    await page.selectOption('#language', 'c');
    const long = `/* ${'a long comment that makes the line wider than the pane '.repeat(3)}*/`;
    await paste(page, `#include <stdio.h>\nint main(void) {\n    int x = 1; ${long} return undefined_name;\n}\n`);
    assert.equal(await runToEnd(page), 'CE');
    await until(
      () => markedLines(page),
      (l) => l.includes(3),
      5_000,
      'line 3 to be marked',
    );
    assert.deepEqual(await markedLines(page), [3]);
    const pane = page.locator('.pane[data-pane="compile"]');
    assert.match(await pane.innerText(), /undefined_name/);
    // Where the caret is drawn, and where the character it points at is drawn, in the same pane.
    const { caretX, targetX, wraps } = await pane.evaluate((el) => {
      const text = el.textContent ?? '';
      const lines = text.split('\n');
      const at = lines.findIndex((l) => /^\s*\|\s*\^/.test(l));
      const offsetOf = (line: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
      const caretCol = lines[at]!.indexOf('^');
      const rectAt = (offset: number) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.textContent!.length;
          if (offset < seen + len) {
            const r = document.createRange();
            r.setStart(n, offset - seen);
            r.setEnd(n, offset - seen + 1);
            return r.getBoundingClientRect();
          }
          seen += len;
        }
        throw new Error('offset past the text');
      };
      const caret = rectAt(offsetOf(at) + caretCol);
      const target = rectAt(offsetOf(at - 1) + caretCol);
      return { caretX: caret.left, targetX: target.left, wraps: getComputedStyle(el).whiteSpace };
    });
    assert.equal(wraps, 'pre');
    assert.ok(Math.abs(caretX - targetX) < 1, `caret at x=${caretX}, the character at x=${targetX}`);
  });

  test("javac's and Python's locations are marked too", async () => {
    const langs = await page.locator('#language option:not([disabled])').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    if (langs.includes('java')) {
      await page.selectOption('#language', 'java');
      await paste(page, 'public class Main {\n    public static void main(String[] args) {\n        int x = "text";\n    }\n}\n');
      assert.equal(await runToEnd(page), 'CE');
      await until(
        () => markedLines(page),
        (l) => l.length > 0,
        5_000,
        'a marked line',
      );
      assert.deepEqual(await markedLines(page), [3]);
    }
    await page.selectOption('#language', 'python3');
    await paste(page, 'def f(x):\n    return x / 0\n\nprint(f(1))\n');
    assert.equal(await runToEnd(page), 'RE');
    await until(
      () => markedLines(page),
      (l) => l.length > 0,
      5_000,
      'a marked line',
    );
    assert.deepEqual(await markedLines(page), [2]);
    // Hovering the mark tells what went wrong.
    await page.locator('.cm-lintRange').first().hover();
    await page.locator('.cm-tooltip-lint', { hasText: 'ZeroDivisionError' }).waitFor();
  });

  test('the page logged no errors', () => {
    assert.deepEqual(s.pageErrors, []);
  });
});
