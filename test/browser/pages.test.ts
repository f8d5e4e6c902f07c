import { existsSync, readdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFacts } from '../../src/facts/facts-files.js';
import { useTestServer } from '../harness.js';
import { launchBrowser, openPage, screenshot } from './browser.js';
import { EXPECTED_STATS } from '../expected.js';

// The example files in the playground's order: by the number each name starts with.
const examples = readdirSync('src/ui/examples')
  .filter((f) => f.endsWith('.graphql'))
  .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
const EXAMPLE_COUNT = examples.length;

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
    const response = await page.goto(`${origin()}/`);
    // The page runs under the server's Content-Security-Policy: any violation would be a page error below.
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.graphiql-container').waitFor();
    const tabs = page.locator('.graphiql-tab');
    expect(await tabs.count()).toBe(EXAMPLE_COUNT);
    // GraphiQL fills the editor after it mounts: a while on a busy machine.
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toContain('models(first: 5');
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText()).toContain('"totalCount"');
    const text = await result.innerText();
    expect(text).toContain('"name": "Galactica"');
    // CodeMirror renders only the visible lines: the top of the result.
    const proteinModels = readFacts().models.filter((model) => model.modalities.includes('protein-sequence')).length;
    expect(text).toContain(`"totalCount": ${String(proteinModels)}`);
    expect(text).toContain('"parameters": 120000000000');
    expect(existsSync(await screenshot(page, 'playground'))).toBe(true);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('opens the timeline tab, in the order of the example files, and runs its counts', async () => {
    const { page, foreign, pageErrors } = await openPage(browser);
    await page.goto(`${origin()}/`);
    await page.locator('.graphiql-container').waitFor();
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count()).toBe(EXAMPLE_COUNT);
    // The first tab's query in the editor: the page has started and answers clicks.
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toContain('models(first: 5');
    const timeline = examples.findIndex((file) => file.includes('timeline'));
    expect(timeline).toBeGreaterThan(0);
    expect(await tabs.nth(timeline).innerText()).toContain('Timeline');
    await tabs.nth(timeline).locator('button').first().click();
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toContain('modelCounts(by: [YEAR, DOMAIN])');
    const execute = page.locator('.graphiql-execute-button');
    await execute.click();
    const result = page.locator('.result-window');
    // GraphiQL reads the operation name from the editor after a pause; on a busy machine a click just after the
    // tab switch can still send the previous tab's name, which the server refuses. A person would click again.
    await expect
      .poll(async () => {
        const text = await result.innerText();
        if (text.includes('OPERATION_RESOLUTION_FAILURE')) await execute.click();
        return text;
      })
      .toContain('"modelCounts"');
    const earliest = await server.gql<{ modelCounts: { year: number }[] }>('{ modelCounts(by: [YEAR]) { year } }');
    expect(await result.innerText()).toContain(`"year": ${String(earliest.data!.modelCounts[0]!.year)}`);
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
