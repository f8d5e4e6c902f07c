/**
 * The landscape dashboard at /landscape in headless Chromium: every chart draws the numbers the API's
 * `modelCounts` and `leaderboards` give, the filters redraw them and live in the URL, each chart has a table and a
 * CSV of the same numbers, the page is accessible (axe-core) and readable at 1280x720 and on a 390px phone.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';
import { launchBrowser, openPage, screenshot, seriousViolations } from './browser.js';

interface Series { name: string; data: unknown[] }
interface LandscapeWindow {
  landscape: {
    loads: number;
    panels: Record<string, { table: { columns: string[]; rows: (string | number)[][] }; chart: { getOption(): { series: Series[]; xAxis: { data?: string[] }[]; yAxis: { data?: string[] }[] } } }>;
  };
}
interface Drawn { series: Series[]; x: string[]; y: string[] }

/** What a chart draws: its series, and its category axes' labels. */
const drawn = (page: Page, panel: string): Promise<Drawn> =>
  page.evaluate((key) => {
    const option = (window as unknown as LandscapeWindow).landscape.panels[key]!.chart.getOption();
    return { series: option.series.map((s) => ({ name: s.name, data: s.data })), x: option.xAxis[0]?.data ?? [], y: option.yAxis[0]?.data ?? [] };
  }, panel);

const loads = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as LandscapeWindow).landscape.loads);

interface Named { id: string; name: string }
interface Entry { value: number; model: { name: string; year: number | null } }
interface Board { dataset: Named; metric: string; setting: string; higherIsBetter: boolean; entries: Entry[] }

describe('the landscape dashboard in a real browser', () => {
  const server = useTestServer();
  let browser: Browser;
  const origin = (): string => new URL(server.url).origin;
  const counts = async <T>(by: string, where: Record<string, string> = {}, fields = 'count'): Promise<(T & { count: number })[]> => {
    const { data } = await server.gql<{ modelCounts: (T & { count: number })[] }>(`query($where: ModelWhere) { modelCounts(by: [${by}], where: $where) { ${fields} } }`, { where });
    return data!.modelCounts;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('draws models per year by domain, open weights, base models, organisations and modalities with the API’s counts', async () => {
    const { page, foreign, pageErrors } = await openPage(browser, { width: 1280, height: 720 });
    const response = await page.goto(`${origin()}/landscape`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => loads(page)).toBe(1);

    // Every year x domain group is the height of its bar segment; years with no model of a domain draw 0.
    const years = await counts<{ year: number; domain: Named }>('YEAR, DOMAIN', {}, 'year domain { id name } count');
    const chart = await drawn(page, 'years');
    expect(chart.x).toEqual([...new Set(years.map((g) => String(g.year)))].sort());
    expect(chart.series.map((s) => s.name).sort()).toEqual([...new Set(years.map((g) => g.domain.name))].sort());
    for (const group of years) {
      const series = chart.series.find((s) => s.name === group.domain.name)!;
      expect(series.data[chart.x.indexOf(String(group.year))]).toBe(group.count);
    }

    const open = await counts<{ year: number; openWeights: boolean }>('YEAR, OPEN_WEIGHTS', {}, 'year openWeights count');
    const openChart = await drawn(page, 'open-years');
    for (const group of open) {
      const series = openChart.series.find((s) => s.name === (group.openWeights ? 'Open weights' : 'Not released'))!;
      expect(series.data[openChart.x.indexOf(String(group.year))]).toBe(group.count);
    }

    // The most built-on base model is the first bar, with its count.
    const bases = await counts<{ baseModel: Named }>('BASE_MODEL', {}, 'baseModel { id name } count');
    const most = Math.max(...bases.map((g) => g.count));
    const basesChart = await drawn(page, 'bases');
    expect(basesChart.series[0]!.data[0]).toBe(most);
    expect(bases.filter((g) => g.count === most).map((g) => g.baseModel.name)).toContain(basesChart.y[0]);

    // Each domain's first bar is its organisation with the most models.
    const organisations = await counts<{ domain: Named; organization: Named }>('DOMAIN, ORGANIZATION', {}, 'domain { id name } organization { id name } count');
    const organisationsChart = await drawn(page, 'organisations');
    for (const [index, domain] of organisationsChart.y.entries()) {
      expect(organisationsChart.series[0]!.data[index]).toBe(Math.max(...organisations.filter((g) => g.domain.name === domain).map((g) => g.count)));
    }

    // The heat map's cells: [domain index, modality index, count].
    const heat = await counts<{ modality: string; domain: Named }>('MODALITY, DOMAIN', {}, 'modality domain { id name } count');
    const heatChart = await drawn(page, 'heat');
    const cells = heatChart.series[0]!.data as number[][];
    expect(cells.reduce((sum, cell) => sum + cell[2]!, 0)).toBe(heat.reduce((sum, g) => sum + g.count, 0));
    const largest = heat.reduce((a, b) => (b.count > a.count ? b : a));
    const cell = cells.find((c) => heatChart.x[c[0]!] === largest.domain.name && c[2] === largest.count);
    expect(cell).toBeDefined();

    await screenshot(page, 'landscape');
    expect(await seriousViolations(page)).toEqual([]);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('filters every chart by domain, keeps the filter in the URL, and gives the numbers as a table and a CSV', async () => {
    const { page, foreign, pageErrors } = await openPage(browser, { width: 1280, height: 720 });
    await page.goto(`${origin()}/landscape`);
    await expect.poll(() => loads(page)).toBe(1);
    const domains = await counts<{ domain: Named }>('DOMAIN', {}, 'domain { id name } count');
    const biggest = domains.reduce((a, b) => (b.count > a.count ? b : a)).domain;
    await page.locator('#filter-domain').selectOption(biggest.id);
    await expect.poll(() => loads(page)).toBe(2);
    expect(page.url()).toContain(`domain=${biggest.id}`);

    const years = await counts<{ year: number }>('YEAR', { domain: biggest.id }, 'year count');
    const chart = await drawn(page, 'years');
    const series = chart.series.find((s) => s.name === biggest.name)!;
    for (const group of years) expect(series.data[chart.x.indexOf(String(group.year))]).toBe(group.count);

    // The table view holds the same numbers, and so does the CSV.
    await page.locator('#panel-years button.toggle').click();
    await expect.poll(() => page.locator('#table-years').isVisible()).toBe(true);
    const column = (await page.locator('#table-years th').allInnerTexts()).indexOf(biggest.name);
    const earliest = years[0]!;
    const row = page.locator('#table-years tbody tr').filter({ hasText: String(earliest.year) }).first();
    expect(await row.locator('td').nth(column).innerText()).toBe(earliest.count.toLocaleString('en'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#panel-years button.csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0]!.split(',')).toContain(biggest.name.includes(',') ? `"${biggest.name}"` : biggest.name);
    expect(csv.find((line) => line.startsWith(`${String(earliest.year)},`))!.split(',')[column]).toBe(String(earliest.count));

    // The shared URL restores the filter.
    const reloaded = await openPage(browser, { width: 1280, height: 720 });
    await reloaded.page.goto(page.url());
    await expect.poll(() => loads(reloaded.page)).toBe(1);
    expect(await reloaded.page.locator('#filter-domain').inputValue()).toBe(biggest.id);
    expect((await drawn(reloaded.page, 'years')).series.map((s) => s.data)).toEqual(chart.series.map((s) => s.data));
    expect([...foreign, ...reloaded.foreign]).toEqual([]);
    expect([...pageErrors, ...reloaded.pageErrors]).toEqual([]);
  });

  it('draws a leaderboard’s progress: the best value of each model year and the best so far', async () => {
    const { page, foreign, pageErrors } = await openPage(browser, { width: 1280, height: 720 });
    await page.goto(`${origin()}/landscape`);
    await expect.poll(() => loads(page)).toBe(1);
    const { data } = await server.gql<{ leaderboards: Board[] }>('{ leaderboards { dataset { id name } metric setting higherIsBetter entries(first: 100) { value model { name year } } } }');
    const yearsOf = (board: Board): number[] => [...new Set(board.entries.map((e) => e.model.year).filter((y) => y !== null))].sort((a, b) => a - b);
    const board = data!.leaderboards.filter((b) => yearsOf(b).length >= 2).sort((a, b) => b.entries.length - a.entries.length)[0]!;
    await page.locator('#board').selectOption(`${board.dataset.id}|${board.metric}|${board.setting}`);
    const best = (values: number[]): number => (board.higherIsBetter ? Math.max(...values) : Math.min(...values));
    const bestOfYear = yearsOf(board).map((year) => best(board.entries.filter((e) => e.model.year === year).map((e) => e.value)));
    const soFar = bestOfYear.map((_, i) => best(bestOfYear.slice(0, i + 1)));
    await expect.poll(async () => (await drawn(page, 'progress')).series.map((s) => s.data)).toEqual([bestOfYear, soFar]);
    expect((await drawn(page, 'progress')).x).toEqual(yearsOf(board).map(String));
    await page.locator('#panel-progress').scrollIntoViewIfNeeded();
    await screenshot(page, 'landscape-progress');
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('fits a 390px phone without sideways scrolling and can be used from the keyboard', async () => {
    const { page, foreign, pageErrors } = await openPage(browser, { width: 390, height: 844 });
    await page.goto(`${origin()}/landscape`);
    await expect.poll(() => loads(page)).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Tab reaches the domain filter; arrow keys change it and the charts follow.
    const focused = (): Promise<string> => page.evaluate(() => document.activeElement?.id ?? '');
    for (let presses = 0; presses < 5 && (await focused()) !== 'filter-domain'; presses += 1) await page.keyboard.press('Tab');
    expect(await focused()).toBe('filter-domain');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => loads(page)).toBe(2);
    expect(await page.locator('#filter-domain').inputValue()).not.toBe('');
    await screenshot(page, 'landscape-phone');
    expect(await seriousViolations(page)).toEqual([]);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
