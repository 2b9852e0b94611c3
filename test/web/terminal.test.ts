// Interactive mode with "Terminal (tty)": the program runs on a pty in its box, shown by xterm.js. A C prompt
// without a newline or fflush shows before any input, typing in the terminal answers it, colours render as
// colours, \r returns the cursor, isatty(0) is true, and the program's terminal has the size xterm.js shows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { browserMissing, openSession, shot, type Session } from './browser.js';

const missing = browserMissing();

/** Open a C program in the playground through a share link (no typing to fight the editor's helpers); `marker` is on one of its lines. */
async function openProgram(page: Page, source: string, marker: string): Promise<void> {
  const s = deflateRawSync(Buffer.from(JSON.stringify({ l: 'c', s: source, i: '', a: '' }))).toString('base64url');
  await page.goto(`/#/?s=${s}`);
  await page.locator('#language:not([disabled])').waitFor();
  await page.waitForFunction((want) => document.querySelector('.cm-content')?.textContent?.includes(want), marker);
}

/** The status badge once the run has finished. */
async function finalStatus(page: Page, timeout = 60_000): Promise<string> {
  const badge = page.locator('.status-line .badge');
  await badge.waitFor({ timeout });
  return (await badge.getAttribute('data-status')) ?? '';
}

/**
 * What xterm.js shows, row by row, once it shows `last`: xterm.js draws what it is given on a later frame, and a
 * fast run can finish (its status shown) before the terminal has drawn its output.
 */
async function screen(page: Page, last: string): Promise<string> {
  await page.waitForFunction((want) => document.querySelector('.tty-screen .xterm-rows')?.textContent?.includes(want), last, { timeout: 10_000 });
  return page.locator('.tty-screen .xterm-rows').innerText();
}

describe('interactive mode on a terminal (tty)', { skip: missing }, () => {
  let s: Session;
  let page: Page;
  before(async () => {
    s = await openSession(644);
    page = s.page;
    await page.goto('/');
    await page.locator('#language:not([disabled])').waitFor();
    await page.check('input[name="mode"][value="interactive"]');
    await page.check('#tty');
  });
  after(() => s?.close());

  test('a C prompt without a newline shows before any input; an answer typed in the terminal reaches the program', async () => {
    await openProgram(
      page,
      '#include <stdio.h>\nint main(void) {\n  int a, b;\n  printf("a b? ");\n  scanf("%d %d", &a, &b);\n  printf("%d\\n", a + b);\n}\n',
      'a b? ',
    );
    await page.check('input[name="mode"][value="interactive"]');
    assert.ok(await page.isChecked('#tty'), 'the tty choice is remembered');
    await page.click('#run');
    // The prompt arrives while the program waits in scanf: nothing has been typed yet.
    await page.waitForFunction(() => document.querySelector('.tty-screen .xterm-rows')?.textContent?.includes('a b? '), undefined, { timeout: 60_000 });
    await page.locator('.tty-screen').click();
    await page.keyboard.type('2 40');
    await page.keyboard.press('Enter');
    assert.equal(await finalStatus(page), 'OK');
    // The pty echoed what was typed on the prompt's line, then the program's answer.
    assert.match(await screen(page, '42'), /a b\? 2 40\s*\n\s*42/);
    await shot(page, 'playground-tty');
  });

  test("colours render as colours, \\r returns to the line start, and the program sees a terminal of the pane's size", async () => {
    await openProgram(
      page,
      '#include <stdio.h>\n#include <sys/ioctl.h>\n#include <unistd.h>\nint main(void) {\n  struct winsize w;\n  ioctl(1, TIOCGWINSZ, &w);\n' +
        '  printf("\\033[31mred\\033[0m plain\\n");\n  printf("50%%\\r100%%\\n");\n  printf("isatty %d\\n", isatty(0));\n  printf("size %dx%d\\n", w.ws_col, w.ws_row);\n}\n',
      'size %dx%d',
    );
    await page.check('input[name="mode"][value="interactive"]');
    await page.click('#run');
    assert.equal(await finalStatus(page), 'OK');
    const text = await screen(page, 'size ');
    assert.match(text, /red plain/);
    assert.doesNotMatch(text, /\[31m|\[0m/, 'escape sequences shown raw');
    // "50%\r100%" leaves "100%" on the line: the carriage return went back, it was not printed.
    assert.match(text, /^100%\s*$/m);
    assert.match(text, /isatty 1/);
    // The red word is drawn in red (xterm.js's palette class for colour 1), the rest in the default colour.
    const red = page.locator('.tty-screen .xterm-rows span.xterm-fg-1', { hasText: 'red' });
    assert.equal(await red.count(), 1);
    // The pty got the size xterm.js fitted to the pane (a resize message), not the 80x24 default.
    const [, cols, rows] = /size (\d+)x(\d+)/.exec(text) ?? [];
    const shown = await page.locator('.tty-screen .xterm-rows > div').count();
    assert.equal(Number(rows), shown);
    assert.ok(Number(cols) > 20 && Number(cols) !== 80, `columns ${cols}`);
  });
});
