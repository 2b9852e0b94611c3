// Browser tests' helpers: Debian's Chromium driven by playwright-core against a real `airlock serve`.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../helpers/box.js';
import { serve, type ServiceProcess } from '../helpers/process.js';

/** Debian's package (setup.sh installs it); playwright's own browser downloads are not used. */
export const CHROMIUM = process.env.AIRLOCK_CHROMIUM ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. */
export function browserMissing(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (./setup.sh installs Debian's chromium)`;
  if (!existsSync(join(repoRoot, 'dist/web/index.html'))) return 'the page is not built (npm run build)';
  return undefined;
}

/** Where screenshots go: test-results/web (not committed; docs/ holds the current ones). */
export const shotsDir = join(process.env.AIRLOCK_TEST_RESULTS ?? join(repoRoot, 'test-results'), 'web');

/** A browser with a fresh profile, and the service it talks to. */
export interface Session {
  service: ServiceProcess;
  context: BrowserContext;
  page: Page;
  /** Messages the page logged as errors, and uncaught exceptions: a test fails on any. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Start `airlock serve` on a free port (test slots from `slot`) and Chromium with a fresh profile.
 * The flags keep Chromium off the network it would otherwise call home to (closed on these machines).
 */
export async function openSession(slot: number, viewport = { width: 1400, height: 900 }): Promise<Session> {
  const dataDir = mkdtempSync(join(tmpdir(), 'airlock-web-'));
  const profile = mkdtempSync(join(tmpdir(), 'airlock-chromium-'));
  const service = await serve(dataDir, slot);
  // A test file that dies (an uncaught error) must not leave its service holding test slots.
  const reap = () => service.child.kill('SIGKILL');
  process.once('exit', reap);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
      viewport,
      baseURL: service.url,
      colorScheme: 'light',
    });
  } catch (e) {
    process.removeListener('exit', reap);
    service.child.kill('SIGTERM');
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  return {
    service,
    context,
    page,
    pageErrors,
    async close() {
      await context.close().catch(() => {});
      process.removeListener('exit', reap);
      service.child.kill('SIGTERM');
      await new Promise((r) => (service.child.exitCode !== null ? r(null) : service.child.once('exit', r)));
      rmSync(profile, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Save a screenshot under test-results/web and return its path. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(shotsDir, { recursive: true });
  const path = join(shotsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Replace the editor's text by typing it, as a person would (one line: no auto-indent to fight). */
export async function typeCode(page: Page, code: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(code);
}
