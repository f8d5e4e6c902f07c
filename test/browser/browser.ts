/** Headless Debian Chromium driven by playwright-core, with every request to a host other than localhost blocked and recorded. */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BUDGET } from '../time.js';

export const SCREENSHOT_DIR = path.resolve('test-output', 'screenshots');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: FLAGS });
}

export interface TrackedPage {
  page: Page;
  /** URLs of requests to any host but the server's, which were blocked. */
  foreign: string[];
  /** Errors the page threw or logged. */
  pageErrors: string[];
}

export async function openPage(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<TrackedPage> {
  const context = await browser.newContext({ viewport });
  // Waits for elements and navigations, like expect.poll, take the shared budget (test/time.ts).
  context.setDefaultTimeout(BUDGET.poll);
  context.setDefaultNavigationTimeout(BUDGET.poll);
  const foreign: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', async (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if (protocol === 'data:' || protocol === 'blob:' || hostname === 'localhost' || hostname === '127.0.0.1') {
      await route.continue();
    } else {
      foreign.push(route.request().url());
      await route.abort();
    }
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return { page, foreign, pageErrors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export interface Violation { id: string; impact: string | null; nodes: number }

/**
 * axe-core's serious and critical accessibility violations of the page as it is now. axe is evaluated through the
 * browser's debugging protocol, which the page's Content-Security-Policy does not restrict; the page is unchanged.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } };
    const { violations } = await axe.run();
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
}
