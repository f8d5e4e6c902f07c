import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';
import { launchBrowser, openPage, screenshot } from './browser.js';
import { EXPECTED_STATS } from '../expected.js';

describe('pages in a real browser', () => {
  const server = useTestServer();
  let browser: Browser;
  const origin = (): string => new URL(server.url).origin;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('runs the nested example query in the playground at / and shows the result', async () => {
    const { page, foreign, pageErrors } = await openPage(browser);
    await page.goto(`${origin()}/`);
    await page.locator('.graphiql-container').waitFor();
    const tabs = page.locator('.graphiql-tab');
    expect(await tabs.count()).toBe(6);
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toContain('models(first: 5');
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('"totalCount"');
    const text = await result.innerText();
    expect(text).toContain('"name": "Galactica"');
    // CodeMirror renders only the visible lines: the top of the result.
    expect(text).toContain('"totalCount": 67');
    expect(text).toContain('"parameters": 120000000000');
    expect(existsSync(await screenshot(page, 'playground'))).toBe(true);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('serves the playground to browsers at /graphql while API clients still get GraphQL', async () => {
    const { page, foreign } = await openPage(browser);
    await page.goto(server.url);
    await page.locator('.graphiql-container').waitFor();
    expect(foreign).toEqual([]);
    const api = await fetch(`${server.url}?query=${encodeURIComponent('{ stats { models } }')}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(await api.json()).toMatchObject({ data: { stats: { models: EXPECTED_STATS.models } } });
  });
});
