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

interface ExplorerWindow {
  explorer: { view: { cy: { nodes(): { map<T>(f: (n: { id(): string }) => T): T[] }; getElementById(id: string): { renderedPosition(): { x: number; y: number } } } } };
}

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
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 15_000 }).toContain('models(first: 5');
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
    await expect.poll(() => tabs.count(), { timeout: 15_000 }).toBe(EXAMPLE_COUNT);
    // The first tab's query in the editor: the page has started and answers clicks.
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 15_000 }).toContain('models(first: 5');
    const timeline = examples.findIndex((file) => file.includes('timeline'));
    expect(timeline).toBeGreaterThan(0);
    expect(await tabs.nth(timeline).innerText()).toContain('Timeline');
    await tabs.nth(timeline).locator('button').first().click();
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 15_000 }).toContain('modelCounts(by: [YEAR, DOMAIN])');
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('"modelCounts"');
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

  it('searches ESM in the explorer, draws ESM-2 with its domain and tasks, and expands a clicked task', async () => {
    const { page, foreign, pageErrors } = await openPage(browser);
    const response = await page.goto(`${origin()}/explore`);
    expect(response?.headers()['content-security-policy']).toContain("style-src 'self' 'sha256-");
    await page.locator('#search-input').fill('ESM');
    await page.locator('#search-input').press('Enter');
    await page.locator('#results button[data-id="esm-2"]').click();
    const drawn = (): Promise<string[]> =>
      page.evaluate(() => (window as unknown as ExplorerWindow).explorer.view.cy.nodes().map((n) => n.id()));
    await expect.poll(drawn).toContain('computational-biology');
    const ids = await drawn();
    expect(ids).toEqual(expect.arrayContaining(['esm-2', 'computational-biology', 'protein-structure-prediction', 'protein-function-prediction', 'variant-effect-prediction']));
    const api = await fetch(`${origin()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ neighborhood(id: "esm-2") { nodes { id } } }' }),
    });
    const neighbourhood = ((await api.json()) as { data: { neighborhood: { nodes: { id: string }[] } } }).data.neighborhood.nodes;
    expect([...ids].sort()).toEqual(neighbourhood.map((node) => node.id).sort());
    await expect.poll(() => page.locator('#details h2').innerText()).toBe('ESM-2');
    await screenshot(page, 'explorer-esm-2');

    // Click the task node where it is drawn on the canvas.
    const position = await page.evaluate(
      () => (window as unknown as ExplorerWindow).explorer.view.cy.getElementById('protein-structure-prediction').renderedPosition(),
    );
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.click(box.x + position.x, box.y + position.y);
    await expect.poll(() => page.locator('#details h2').innerText()).toBe('Protein structure prediction');
    await expect.poll(async () => (await drawn()).length).toBeGreaterThan(ids.length);
    // Its models and datasets are drawn now, e.g. AlphaFold 2 and the PDB.
    expect(await drawn()).toEqual(expect.arrayContaining(['alphafold-2', 'pdb']));
    expect(await page.locator('#legend li').allInnerTexts()).toEqual(['Domain', 'Task', 'Dataset', 'Model', 'Organization']);
    await screenshot(page, 'explorer-expanded');
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('draws the path between two ids', async () => {
    const { page, foreign } = await openPage(browser);
    await page.goto(`${origin()}/explore`);
    await page.locator('#path-from').fill('esm-2');
    await page.locator('#path-to').fill('chembl');
    await page.locator('#path-form button').click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('Path of length 3');
    const ids = await page.evaluate(() => (window as unknown as ExplorerWindow).explorer.view.cy.nodes().map((n) => n.id()));
    expect(ids).toHaveLength(4);
    expect(ids).toEqual(expect.arrayContaining(['esm-2', 'chembl']));
    await expect.poll(() => page.locator('#details h2').innerText()).toBe('ChEMBL');
    await screenshot(page, 'explorer-path');
    expect(foreign).toEqual([]);
  });
});
