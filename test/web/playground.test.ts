// The playground in a real browser against a real service: hello world, a compile error, an infinite loop,
// an interactive program, an API error, a share link, themes and a phone-sized screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { browserMissing, openSession, shot, typeCode, type Session } from './browser.js';

const missing = browserMissing();

/** Choose a language and wait for its starter to be in the editor. */
async function pick(page: Page, id: string): Promise<void> {
  await page.selectOption('#language', id);
}

/** The badge in the status line once a run has finished. */
async function finalStatus(page: Page, timeout = 30_000): Promise<string> {
  const badge = page.locator('.status-line .badge');
  await badge.waitFor({ timeout });
  return (await badge.getAttribute('data-status')) ?? '';
}

describe('playground', { skip: missing }, () => {
  let s: Session;
  let page: Page;
  before(async () => {
    s = await openSession(600);
    page = s.page;
    await page.goto('/');
    await page.locator('#language:not([disabled])').waitFor();
  });
  after(() => s?.close());

  test('Python hello world: the starter runs and its output shows, with CPU time, wall time and memory', async () => {
    await pick(page, 'python3');
    assert.match(await page.locator('.cm-content').innerText(), /print\("Hello, World!"\)/);
    const before = await page.locator('.output').boundingBox();
    await page.click('#run');
    assert.equal(await finalStatus(page), 'OK');
    assert.equal(await page.locator('.pane[data-pane="stdout"]').textContent(), 'Hello, World!\n');
    for (const m of ['CPU', 'wall', 'memory']) assert.match((await page.locator(`[data-metric="${m}"]`).textContent()) ?? '', /\d/);
    // No layout jump: the result area keeps its size and place when the result arrives.
    assert.deepEqual(await page.locator('.output').boundingBox(), before);
    await shot(page, 'playground-hello');
  });

  test('a share link made outside the page (deflate-raw, base64url JSON) opens, runs, and reads its stdin', async () => {
    const source = [
      '#include <iostream>',
      '#include <string>',
      '',
      '// Greets every name it reads, one per line.',
      'int main() {',
      '    std::string name;',
      '    int count = 0;',
      '    while (std::getline(std::cin, name)) {',
      '        std::cout << "Hello, " << name << "!\\n";',
      '        ++count;',
      '    }',
      '    std::cerr << count << " names\\n";',
      '}',
      '',
    ].join('\n');
    const payload = deflateRawSync(Buffer.from(JSON.stringify({ l: 'cpp', s: source, i: 'Ada\nGrace\nLinus\n' }))).toString('base64url');
    await page.goto(`/#/?s=${payload}`);
    await page.locator('#language:not([disabled])').waitFor();
    assert.equal(await page.locator('#language').inputValue(), 'cpp');
    await page.click('#run');
    assert.equal(await finalStatus(page), 'OK');
    assert.equal(await page.locator('.pane[data-pane="stdout"]').textContent(), 'Hello, Ada!\nHello, Grace!\nHello, Linus!\n');
    assert.equal(await page.locator('.pane[data-pane="stderr"]').textContent(), '3 names\n');
    await shot(page, 'playground');
    await page.goto('/#/');
  });

  test("C++ with a compile error: CE, and the compiler's message in the compiler pane (Ctrl+Enter runs)", async () => {
    await pick(page, 'cpp');
    await typeCode(page, 'int main() { return undefined_name; }');
    await page.keyboard.press('Control+Enter');
    assert.equal(await finalStatus(page), 'CE');
    const pane = page.locator('.pane[data-pane="compile"]');
    assert.equal(await pane.isVisible(), true, 'the compiler pane is brought forward');
    assert.match((await pane.textContent()) ?? '', /undefined_name.*not declared|error/);
  });

  test('an infinite loop: TLE within the CPU time typed in', async () => {
    await pick(page, 'python3');
    await typeCode(page, 'while True: pass');
    await page.fill('#time', '1');
    await page.click('#run');
    assert.equal(await finalStatus(page), 'TLE');
    await page.fill('#time', '');
  });

  test('an API error is explained: an empty program', async () => {
    await typeCode(page, '');
    await page.click('#run');
    const box = page.locator('.status-line .error');
    await box.waitFor();
    assert.equal(await box.getAttribute('data-code'), 'AIRLOCK_ERR_EMPTY_SOURCE');
    assert.match(await box.innerText(), /no code to run/);
  });

  test('interactive mode: the program prompts, the user types, the answer comes back', async () => {
    await page.check('input[name="mode"][value="interactive"]');
    await typeCode(page, 'print("Hello, " + input("Name? ") + "!")');
    await page.click('#run');
    const screen = page.locator('.screen');
    await page.waitForFunction(() => document.querySelector('.screen')?.textContent?.includes('Name? '));
    await page.locator('.term-input').fill('Ada');
    await page.locator('.term-input').press('Enter');
    assert.equal(await finalStatus(page), 'OK');
    assert.match((await screen.textContent()) ?? '', /Name\? Ada\nHello, Ada!\n/);
    await shot(page, 'playground-interactive');
  });

  test('interactive output cut inside a UTF-8 character (sent as base64 chunks) shows whole', async () => {
    await typeCode(page, "import sys, time; o = sys.stdout.buffer; o.write(b'caf\\xc3'); o.flush(); time.sleep(0.3); o.write(b'\\xa9!\\n'); o.flush()");
    await page.click('#run');
    assert.equal(await finalStatus(page), 'OK');
    assert.match((await page.locator('.screen').textContent()) ?? '', /^café!\n/);
    await page.check('input[name="mode"][value="batch"]');
  });

  test('a share link restores the code, language, input and arguments in a fresh tab', async () => {
    await pick(page, 'python3');
    await typeCode(page, 'import sys; print(sys.argv[1:], input())');
    await page.fill('#stdin', 'from stdin');
    await page.fill('#args', 'one "two words"');
    await page.click('#share');
    const link = await page.locator('.share-link').inputValue();
    assert.match(link, /#\/\?s=[A-Za-z0-9_-]+$/);
    const other = await s.context.newPage();
    await other.goto(link);
    await other.locator('#language:not([disabled])').waitFor();
    assert.equal(await other.locator('#language').inputValue(), 'python3');
    assert.equal(await other.locator('.cm-content').innerText(), 'import sys; print(sys.argv[1:], input())');
    await other.click('#run');
    assert.equal(await finalStatus(other), 'OK');
    assert.equal(await other.locator('.pane[data-pane="stdout"]').textContent(), "['one', 'two words'] from stdin\n");
    await other.close();
  });

  test('dark theme and a phone-sized screen: nothing wider than the screen', async () => {
    await page.selectOption('#theme', 'dark');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(15, 19, 24)');
    await page.click('#run');
    assert.equal(await finalStatus(page), 'OK');
    await shot(page, 'playground-dark');
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone`);
    await shot(page, 'playground-phone');
    await page.selectOption('#theme', 'light');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  test('every control has a label; the keyboard alone reaches Run, runs, and leaves the editor with Esc then Tab', async () => {
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('input, select, textarea, button, [role="tab"], .cm-content')]
        .filter((el) => {
          const labelled = el
            .getAttribute('aria-labelledby')
            ?.split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join('');
          const name =
            el.getAttribute('aria-label') ||
            labelled ||
            (el as HTMLInputElement).labels?.[0]?.textContent ||
            (el.closest('label')?.textContent ?? '') ||
            el.textContent;
          return !name?.trim();
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unnamed, []);
    await pick(page, 'python3');
    await typeCode(page, 'print(6 * 7)');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('.cm-editor')), false, 'focus left the editor');
    await page.focus('#language');
    for (let i = 0; i < 8 && (await page.evaluate(() => document.activeElement?.id)) !== 'run'; i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'run');
    await page.keyboard.press('Enter');
    assert.equal(await finalStatus(page), 'OK');
    assert.equal(await page.locator('.pane[data-pane="stdout"]').textContent(), '42\n');
  });

  test('the page logged no errors (CSP violations included)', () => {
    // The empty-program test makes the browser log its 400; that is the test's doing, not the page's.
    const errors = s.pageErrors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e));
    assert.deepEqual(errors, []);
  });
});
