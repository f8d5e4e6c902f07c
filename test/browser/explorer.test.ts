/**
 * The explorer at /explore in headless Chromium: readable drawings (no two labels overlap, hubs a page at a time),
 * search as you type, paths by name, the view in the URL. Expectations come from the API's own answers.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';
import { launchBrowser, openPage, screenshot, seriousViolations } from './browser.js';

/** Neighbours a hub shows per page, as src/ui/explorer/main.ts draws them. */
const HUB_PAGE = 25;

interface Box { x1: number; x2: number; y1: number; y2: number }
interface CyNode { id(): string; hasClass(name: string): boolean; data(key: string): unknown; renderedPosition(): { x: number; y: number }; renderedBoundingBox(options: object): Box }
interface ExplorerWindow { explorer: { view: { cy: { nodes(): { toArray(): CyNode[] }; getElementById(id: string): CyNode } } } }

const drawnIds = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as ExplorerWindow).explorer.view.cy.nodes().toArray().map((n) => n.id()).sort());

/** Pairs of drawn nodes whose rendered labels overlap. */
const overlappingLabels = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const nodes = (window as unknown as ExplorerWindow).explorer.view.cy.nodes().toArray();
    const boxes = nodes.map((n) => n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }));
    const pairs: string[] = [];
    for (let i = 0; i < nodes.length; i += 1) {
      for (let j = i + 1; j < nodes.length; j += 1) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs.push(`${nodes[i]!.id()} / ${nodes[j]!.id()}`);
      }
    }
    return pairs;
  });

async function clickNode(page: Page, id: string): Promise<void> {
  const position = await page.evaluate((nodeId) => (window as unknown as ExplorerWindow).explorer.view.cy.getElementById(nodeId).renderedPosition(), id);
  const box = (await page.locator('#graph').boundingBox())!;
  await page.mouse.click(box.x + position.x, box.y + position.y);
}

describe('the explorer in a real browser', () => {
  const server = useTestServer();
  let browser: Browser;
  const origin = (): string => new URL(server.url).origin;
  const neighbours = async (id: string): Promise<string[]> => {
    const { data } = await server.gql<{ neighborhood: { nodes: { id: string }[] } }>('query($id: ID!) { neighborhood(id: $id) { nodes { id } } }', { id });
    return data!.neighborhood.nodes.map((n) => n.id).filter((n) => n !== id);
  };

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('finds ESM-2 by typing "esm", draws its neighbourhood without overlapping labels, expands a task, and a reload of the URL restores the view', async () => {
    const { page, foreign, pageErrors } = await openPage(browser);
    const response = await page.goto(`${origin()}/explore`);
    // cytoscape's one <style> element is allowed by its hash; any other violation would be a page error below.
    expect(response?.headers()['content-security-policy']).toContain("style-src 'self' 'sha256-");
    const input = page.locator('#search-input');
    await input.pressSequentially('esm');
    const option = page.locator('[role="option"][data-id="esm-2"]');
    await option.waitFor();
    // Keyboard: arrow down marks the first hit.
    await input.press('ArrowDown');
    await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').count()).toBe(1);
    await option.click();
    const firstPage = async (id: string): Promise<string[]> => {
      const all = await neighbours(id);
      return [...all.slice(0, HUB_PAGE), ...(all.length > HUB_PAGE ? [`more:${id}`] : [])];
    };
    const esmNeighbours = await firstPage('esm-2');
    await expect.poll(() => drawnIds(page)).toEqual(['esm-2', ...esmNeighbours].sort());
    await expect.poll(() => page.locator('#details h2').innerText()).toBe('ESM-2');
    expect(await overlappingLabels(page)).toEqual([]);
    expect(await page.locator('#legend li').allInnerTexts()).toEqual(['Domain', 'Task', 'Dataset', 'Model', 'Organization']);
    await screenshot(page, 'explorer-esm-2');
    expect(await seriousViolations(page)).toEqual([]);

    expect(esmNeighbours).toContain('protein-structure-prediction');
    await clickNode(page, 'protein-structure-prediction');
    await expect.poll(() => page.locator('#details h2').innerText()).toBe('Protein structure prediction');
    const expected = new Set(['esm-2', ...esmNeighbours, 'protein-structure-prediction', ...(await firstPage('protein-structure-prediction'))]);
    await expect.poll(() => drawnIds(page)).toEqual([...expected].sort());
    expect(await overlappingLabels(page)).toEqual([]);
    await screenshot(page, 'explorer-expanded');

    const shared = page.url();
    expect(shared).toContain('expand=protein-structure-prediction');
    const reloaded = await openPage(browser);
    await reloaded.page.goto(shared);
    await expect.poll(() => drawnIds(reloaded.page)).toEqual([...expected].sort());
    expect([...foreign, ...reloaded.foreign]).toEqual([]);
    expect([...pageErrors, ...reloaded.pageErrors]).toEqual([]);
  });

  it('draws a domain hub with a "+N more" node under a page of neighbours, and the next page on a click', async () => {
    const { page, foreign, pageErrors } = await openPage(browser);
    // The address GET /entity/:id redirects to.
    await page.goto(`${origin()}/explore?id=computational-biology`);
    const all = await neighbours('computational-biology');
    expect(all.length).toBeGreaterThan(2 * HUB_PAGE);
    await expect.poll(async () => (await drawnIds(page)).length).toBe(HUB_PAGE + 2);
    const label = await page.evaluate(() => (window as unknown as ExplorerWindow).explorer.view.cy.getElementById('more:computational-biology').data('name'));
    expect(label).toBe(`+${String(all.length - HUB_PAGE)} more`);
    expect(await overlappingLabels(page)).toEqual([]);
    await screenshot(page, 'explorer-domain-hub');
    await clickNode(page, 'more:computational-biology');
    await expect.poll(async () => (await drawnIds(page)).length).toBe(2 * HUB_PAGE + 2);
    expect(page.url()).toContain('more=computational-biology%3A1');
    // Undo takes the page back.
    await page.locator('#undo').click();
    await expect.poll(async () => (await drawnIds(page)).length).toBe(HUB_PAGE + 2);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('draws the path between two entities typed by name, and says when a name is unknown, clearing the old path', async () => {
    const { page, foreign, pageErrors } = await openPage(browser);
    await page.goto(`${origin()}/explore`);
    await page.locator('#path-from').fill('ESM-2');
    await page.locator('#path-to').fill('ChEMBL');
    await page.locator('#path-form button').click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('Path of length 3');
    const ids = await drawnIds(page);
    expect(ids).toHaveLength(4);
    expect(ids).toEqual(expect.arrayContaining(['esm-2', 'chembl']));
    await expect.poll(() => page.locator('#details h2').innerText()).toBe('ChEMBL');
    expect(page.url()).toContain('from=esm-2&to=chembl');
    await screenshot(page, 'explorer-path');

    await page.locator('#path-to').fill('Qwxzv Nonesuch');
    await page.locator('#path-form button').click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('Unknown entity: "Qwxzv Nonesuch".');
    expect(await drawnIds(page)).toEqual([]);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('lists a model’s results (metric, value, setting, rank, source) and a dataset’s leaderboards in the side panel', async () => {
    const { data } = await server.gql<{ model: { results: { dataset: { id: string; name: string }; metric: string; rank: number; source: { url: string | null } }[] } }>(
      '{ model(id: "esm-2") { results { dataset { id name } metric rank source { url } } } }',
    );
    const results = data!.model.results;
    expect(results.length).toBeGreaterThan(0);
    const { page, foreign, pageErrors } = await openPage(browser);
    await page.goto(`${origin()}/explore?id=esm-2`);
    await expect.poll(() => page.locator('#details ul.results li').count()).toBe(results.length);
    const first = results[0]!;
    const item = page.locator('#details ul.results li').first();
    expect(await item.innerText()).toContain(`${first.dataset.name}: ${first.metric}`);
    expect(await item.innerText()).toContain(`rank ${String(first.rank)}`);
    if (first.source.url) expect(await item.locator('a[target="_blank"]').getAttribute('href')).toBe(first.source.url);

    const boards = await server.gql<{ dataset: { leaderboards: { metric: string; entries: { model: { name: string } }[] }[] } }>(
      'query($id: ID!) { dataset(id: $id) { leaderboards { metric entries(first: 5) { model { name } } } } }',
      { id: first.dataset.id },
    );
    const leaderboards = boards.data!.dataset.leaderboards;
    await item.locator(`a[data-id="${first.dataset.id}"]`).click();
    await expect.poll(() => page.locator('#details h2').innerText()).toBe(first.dataset.name);
    await expect.poll(() => page.locator('#details ol.leaderboard').count()).toBe(leaderboards.length);
    expect(await page.locator('#details ol.leaderboard').first().locator('li').first().innerText()).toContain(leaderboards[0]!.entries[0]!.model.name);
    await screenshot(page, 'explorer-leaderboards');
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('says where the facts of a model without a paper come from, and shows a paper instead for one with it', async () => {
    const { data } = await server.gql<{ noted: { name: string; sourceNote: string }; published: { paper: { title: string } } }>(
      '{ noted: model(id: "ark-plus") { name sourceNote } published: model(id: "esm-2") { paper { title } } }',
    );
    const { page, foreign, pageErrors } = await openPage(browser);
    const termsOf = () => page.locator('#details dt').allInnerTexts();
    await page.goto(`${origin()}/explore?id=ark-plus`);
    await expect.poll(() => page.locator('#details h2').innerText()).toBe(data!.noted.name);
    expect(await termsOf()).toContain('Source');
    expect(await termsOf()).not.toContain('Paper');
    expect(await page.locator('#details dt:text-is("Source") + dd').innerText()).toBe(data!.noted.sourceNote);
    await page.goto(`${origin()}/explore?id=esm-2`);
    await expect.poll(() => page.locator('#details h2').innerText()).toBe('ESM-2');
    expect(await termsOf()).toContain('Paper');
    expect(await termsOf()).not.toContain('Source');
    expect(await page.locator('#details dt:text-is("Paper") + dd').innerText()).toContain(data!.published.paper.title);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('draws several shortest paths at once with the API’s paths, and fits a 390px phone', async () => {
    const { data } = await server.gql<{ paths: { length: number; nodes: { id: string }[] }[] }>('{ paths(from: "esm-2", to: "chembl", maxHops: 6, first: 3) { length nodes { id } } }');
    const expected = [...new Set(data!.paths.flatMap((p) => p.nodes.map((n) => n.id)))].sort();
    const { page, foreign, pageErrors } = await openPage(browser, { width: 390, height: 844 });
    await page.goto(`${origin()}/explore?from=esm-2&to=chembl&paths=3`);
    const length = String(data!.paths[0]!.length);
    await expect.poll(() => page.locator('#status').innerText()).toBe(data!.paths.length === 1 ? `Path of length ${length}` : `${String(data!.paths.length)} paths of length ${length}`);
    expect(await drawnIds(page)).toEqual(expected);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'explorer-phone');
    expect(await seriousViolations(page)).toEqual([]);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('says when the paths drawn are the first of a sample of the shortest paths', async () => {
    // More than 1,000 shortest paths of 6 hops join them: the API orders 1,000 and warns (PATHS_SAMPLED).
    const { data, extensions } = await server.gql<{ paths: { nodes: { id: string }[] }[] }>('{ paths(from: "ptunifier", to: "3d-molt5", maxHops: 6, first: 3) { nodes { id } } }');
    expect(extensions?.warnings?.map((warning) => warning.code)).toEqual(['PATHS_SAMPLED']);
    const { page, pageErrors } = await openPage(browser);
    await page.goto(`${origin()}/explore?from=ptunifier&to=3d-molt5&paths=3`);
    await expect.poll(() => page.locator('#status').innerText()).toBe('3 paths of length 6, the first by name of 1,000 of the many shortest paths');
    expect(await drawnIds(page)).toEqual([...new Set(data!.paths.flatMap((p) => p.nodes.map((n) => n.id)))].sort());
    expect(pageErrors).toEqual([]);
  });
});
