/**
 * The landscape dashboard at /landscape: models per year by domain, the open-weights share, the most built-on base
 * models, the top organisations per domain, modalities x domains, and each leaderboard's progress over time. Every
 * number comes from the public API (`modelCounts`, `facets`, `leaderboards`); the filters (domain, modality,
 * paradigm) apply to every chart and live in the URL.
 */
import { byId } from '../dom.js';
import { query } from '../graphql-client.js';
import { ChartPanel, type Table } from './chart-panel.js';
import { BASE_OPTION, type ChartOption } from './echarts.js';

interface Named { id: string; name: string }
interface Count { count: number }
interface Facet { value: string; label: string; count: number }
interface Filters { domain: string | null; modality: string | null; paradigm: string | null }
interface Entry { value: number; unit: string | null; variant: string | null; model: Named & { year: number | null } }
interface Board { dataset: Named; metric: string; setting: string; higherIsBetter: boolean; totalCount: number; entries: Entry[] }

interface Landscape {
  byYear: (Count & { year: number; domain: Named })[];
  openByYear: (Count & { year: number; openWeights: boolean })[];
  openByDomain: (Count & { domain: Named; openWeights: boolean })[];
  bases: (Count & { baseModel: Named })[];
  organisations: (Count & { domain: Named; organization: Named })[];
  heat: (Count & { modality: string; domain: Named })[];
}

/**
 * The groups of each chart: one request each, since the API's node estimate charges every `modelCounts` the
 * database work of counting all models (README "Limits and errors").
 */
const GROUPS: Record<keyof Landscape, string> = {
  byYear: '[YEAR, DOMAIN]) { year domain { id name } count',
  openByYear: '[YEAR, OPEN_WEIGHTS]) { year openWeights count',
  openByDomain: '[DOMAIN, OPEN_WEIGHTS]) { domain { id name } openWeights count',
  bases: '[BASE_MODEL]) { baseModel { id name } count',
  organisations: '[DOMAIN, ORGANIZATION]) { domain { id name } organization { id name } count',
  heat: '[MODALITY, DOMAIN]) { modality domain { id name } count',
};
const groups = (fields: string): string => `query Counts($where: ModelWhere) { modelCounts(where: $where, by: ${fields} } }`;

async function landscape(where: Record<string, string | null>): Promise<Landscape> {
  const keys = Object.keys(GROUPS) as (keyof Landscape)[];
  const answers = await Promise.all(keys.map((key) => query<{ modelCounts: unknown }>(groups(GROUPS[key]), { where })));
  return Object.fromEntries(keys.map((key, i) => [key, answers[i]!.modelCounts])) as unknown as Landscape;
}
const FACETS = `query Facets { models(first: 0) { totalCount facets(top: 100) { domains { value label count } modalities { value label count } paradigms { value label count } } } }`;
const BOARDS = `query Boards($domain: ID, $where: ModelWhere) {
  leaderboards(domain: $domain) {
    dataset { id name } metric setting higherIsBetter totalCount
    entries(first: 100, where: $where) { value unit variant model { id name year } }
  }
}`;

/** How many base models and organisations per domain the charts show (the table and CSV hold them all). */
const TOP_BASES = 15;
const TOP_ORGANISATIONS = 3;

const grid = byId<HTMLElement>('charts');
const status = byId<HTMLElement>('status');
const selects = { domain: byId<HTMLSelectElement>('filter-domain'), modality: byId<HTMLSelectElement>('filter-modality'), paradigm: byId<HTMLSelectElement>('filter-paradigm') };
const labels = new Map<string, string>();
const words = (value: string): string => labels.get(value) ?? value.toLowerCase().replaceAll('_', ' ');

const panels = {
  years: new ChartPanel(grid, 'years', 'Models per year, by domain', 'Models released each year, stacked by the domains they serve (a model serving two domains counts in both).'),
  openYears: new ChartPanel(grid, 'open-years', 'Open weights per year', 'Models whose weights can be downloaded, and those not released, by year; models where this is unknown are left out.'),
  openDomains: new ChartPanel(grid, 'open-domains', 'Open-weights share per domain', 'Share of each domain’s models (with a known answer) whose weights can be downloaded.'),
  bases: new ChartPanel(grid, 'bases', 'Most built-on base models', 'Models directly based on each base model; the chart shows the first 15.'),
  organisations: new ChartPanel(grid, 'organisations', 'Top organisations per domain', 'The three organisations with the most models in each domain (a model counts for each organisation it lists).'),
  heat: new ChartPanel(grid, 'heat', 'Modalities × domains', 'Models taking in each modality, per domain served.'),
  progress: new ChartPanel(grid, 'progress', 'Progress over time on a leaderboard', 'Pick a leaderboard: the best result of each model year, and the best so far.'),
};
// For the browser tests and for anyone curious in the console: the panels by key, and how many loads were drawn.
(window as unknown as { landscape: { panels: Record<string, ChartPanel>; loads: number } }).landscape = {
  panels: Object.fromEntries(Object.values(panels).map((panel) => [panel.key, panel])),
  loads: 0,
};

const sortedUnique = <T>(values: T[], compare: (a: T, b: T) => number): T[] => [...new Set(values)].sort(compare);
const byName = (a: string, b: string): number => a.localeCompare(b, 'en');

function yearsByDomain(rows: Landscape['byYear']): [Table, ChartOption] {
  const years = sortedUnique(rows.map((r) => r.year), (a, b) => a - b);
  const domains = sortedUnique(rows.map((r) => r.domain.name), byName);
  const count = (year: number, domain: string): number => rows.find((r) => r.year === year && r.domain.name === domain)?.count ?? 0;
  const table: Table = { columns: ['Year', ...domains], rows: years.map((year) => [String(year), ...domains.map((d) => count(year, d))]) };
  return [table, {
    ...BASE_OPTION,
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: 'models' },
    series: domains.map((domain) => ({ name: domain, type: 'bar', stack: 'models', data: years.map((year) => count(year, domain)) })),
  }];
}

function openPerYear(rows: Landscape['openByYear']): [Table, ChartOption] {
  const years = sortedUnique(rows.map((r) => r.year), (a, b) => a - b);
  const count = (year: number, open: boolean): number => rows.find((r) => r.year === year && r.openWeights === open)?.count ?? 0;
  const share = (year: number): number => {
    const total = count(year, true) + count(year, false);
    return total === 0 ? 0 : Math.round((1000 * count(year, true)) / total) / 10;
  };
  const table: Table = { columns: ['Year', 'Open weights', 'Not released', 'Open share (%)'], rows: years.map((y) => [String(y), count(y, true), count(y, false), share(y)]) };
  return [table, {
    ...BASE_OPTION,
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: 'models' },
    series: [
      { name: 'Open weights', type: 'bar', stack: 'weights', data: years.map((y) => count(y, true)), itemStyle: { color: '#009E73' } },
      { name: 'Not released', type: 'bar', stack: 'weights', data: years.map((y) => count(y, false)), itemStyle: { color: '#5b6475' } },
    ],
  }];
}

function openPerDomain(rows: Landscape['openByDomain']): [Table, ChartOption] {
  const domains = sortedUnique(rows.map((r) => r.domain.name), byName);
  const count = (domain: string, open: boolean): number => rows.find((r) => r.domain.name === domain && r.openWeights === open)?.count ?? 0;
  const share = (domain: string): number => Math.round((1000 * count(domain, true)) / Math.max(1, count(domain, true) + count(domain, false))) / 10;
  const table: Table = { columns: ['Domain', 'Open weights', 'Not released', 'Open share (%)'], rows: domains.map((d) => [d, count(d, true), count(d, false), share(d)]) };
  return [table, {
    ...BASE_OPTION,
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, name: '%' },
    yAxis: { type: 'category', data: domains, inverse: true },
    series: [{ name: 'Open share (%)', type: 'bar', data: domains.map(share), itemStyle: { color: '#009E73' }, label: { show: true, position: 'right', formatter: '{c} %' } }],
  }];
}

function baseModels(rows: Landscape['bases']): [Table, ChartOption] {
  const sorted = [...rows].sort((a, b) => b.count - a.count || byName(a.baseModel.name, b.baseModel.name));
  const shown = sorted.slice(0, TOP_BASES);
  const table: Table = { columns: ['Base model', 'Models built directly on it'], rows: sorted.map((r) => [r.baseModel.name, r.count]) };
  return [table, {
    ...BASE_OPTION,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: 'models', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((r) => r.baseModel.name), inverse: true },
    series: [{ name: 'Models built on it', type: 'bar', data: shown.map((r) => r.count), label: { show: true, position: 'right' } }],
  }];
}

function organisationsPerDomain(rows: Landscape['organisations']): [Table, ChartOption] {
  const domains = sortedUnique(rows.map((r) => r.domain.name), byName);
  // The API orders each domain's groups by count, largest first.
  const top = domains.map((domain) => rows.filter((r) => r.domain.name === domain).slice(0, TOP_ORGANISATIONS));
  const table: Table = { columns: ['Domain', 'Rank', 'Organisation', 'Models'], rows: top.flatMap((groups, i) => groups.map((g, rank) => [domains[i]!, rank + 1, g.organization.name, g.count])) };
  return [table, {
    ...BASE_OPTION,
    legend: { top: 0, data: ['1st', '2nd', '3rd'] },
    grid: { left: 8, right: 160, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: 'models', minInterval: 1 },
    yAxis: { type: 'category', data: domains, inverse: true },
    series: ['1st', '2nd', '3rd'].map((name, rank) => ({
      name,
      type: 'bar',
      data: top.map((groups) => groups[rank]?.count ?? 0),
      label: { show: true, position: 'right', fontSize: 10, formatter: (p: { dataIndex: number }) => top[p.dataIndex]?.[rank]?.organization.name ?? '' },
    })),
  }];
}

function modalitiesByDomain(rows: Landscape['heat']): [Table, ChartOption] {
  const modalities = sortedUnique(rows.map((r) => r.modality), (a, b) => byName(words(a), words(b)));
  const domains = sortedUnique(rows.map((r) => r.domain.name), byName);
  const count = (modality: string, domain: string): number => rows.find((r) => r.modality === modality && r.domain.name === domain)?.count ?? 0;
  const table: Table = { columns: ['Modality', ...domains], rows: modalities.map((m) => [words(m), ...domains.map((d) => count(m, d))]) };
  const cells = modalities.flatMap((m, y) => domains.map((d, x) => [x, y, count(m, d)]));
  const most = Math.max(1, ...cells.map((c) => c[2]!));
  return [table, {
    ...BASE_OPTION,
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: domains, axisLabel: { interval: 0, rotate: 30, fontSize: 10 } },
    yAxis: { type: 'category', data: modalities.map(words), axisLabel: { fontSize: 10 } },
    visualMap: { min: 0, max: most, text: [String(most), '0'], calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#f4f7fb', '#0072B2', '#0b2e59'] } },
    series: [{ name: 'Models', type: 'heatmap', data: cells, label: { show: true, fontSize: 10, formatter: (p: { value: number[] }) => (p.value[2] ? String(p.value[2]) : '') } }],
  }];
}

/** Per model year: the best value of that year's models and the best so far, in the leaderboard's direction. */
export function progress(board: Board): [Table, ChartOption] {
  const better = (a: number, b: number): boolean => (board.higherIsBetter ? a > b : a < b);
  const bestOfYear = new Map<number, Entry>();
  for (const entry of board.entries) {
    const year = entry.model.year;
    if (year === null) continue;
    const current = bestOfYear.get(year);
    if (!current || better(entry.value, current.value)) bestOfYear.set(year, entry);
  }
  const years = [...bestOfYear.keys()].sort((a, b) => a - b);
  let record: number | null = null;
  const rows = years.map((year) => {
    const best = bestOfYear.get(year)!;
    if (record === null || better(best.value, record)) record = best.value;
    return [String(year), best.value, best.model.name + (best.variant ? ` (${best.variant})` : ''), record];
  });
  const unit = board.entries[0]?.unit;
  const name = `${board.metric}${unit ? ` (${unit})` : ''}`;
  const table: Table = { columns: ['Model year', `Best ${name}`, 'Best model of the year', 'Best so far'], rows };
  return [table, {
    ...BASE_OPTION,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: unit ?? '', scale: true, inverse: !board.higherIsBetter },
    series: [
      { name: 'Best of the year', type: 'line', data: rows.map((r) => r[1]), symbolSize: 9, lineStyle: { type: 'dashed' }, label: { show: true, position: 'top', fontSize: 10, formatter: (p: { dataIndex: number }) => String(rows[p.dataIndex]?.[2] ?? '') } },
      { name: 'Best so far', type: 'line', step: 'end', data: rows.map((r) => r[3]), symbol: 'none', lineStyle: { width: 3 } },
    ],
  }];
}

const boardSelect = document.createElement('select');
boardSelect.id = 'board';
const boardLabel = document.createElement('label');
boardLabel.className = 'board-picker';
boardLabel.append('Leaderboard ', boardSelect);
byId<HTMLElement>('panel-progress').querySelector('.note')!.after(boardLabel);
let boards: Board[] = [];

const boardKey = (board: Board): string => `${board.dataset.id}|${board.metric}|${board.setting}`;

function drawProgress(): void {
  const board = boards.find((b) => boardKey(b) === boardSelect.value);
  if (!board) {
    panels.progress.update({ columns: ['Model year'], rows: [] }, { ...BASE_OPTION }, 'No leaderboard has results of models matching the filters.');
    return;
  }
  const [table, option] = progress(board);
  const lower = board.higherIsBetter ? 'higher is better' : 'lower is better';
  panels.progress.update(table, option, `${board.dataset.name}, ${board.metric} (${lower}), ${board.setting}: the best result of each model year, and the best so far (${String(board.entries.length)} results).`);
}
boardSelect.addEventListener('change', () => {
  writeUrl(readFilters());
  drawProgress();
});

function readFilters(): Filters {
  return { domain: selects.domain.value || null, modality: selects.modality.value || null, paradigm: selects.paradigm.value || null };
}

function writeUrl(filters: Filters): void {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (boardSelect.value) params.set('board', boardSelect.value);
  const search = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
}

let loading = 0;

async function load(filters: Filters, board: string | null): Promise<void> {
  loading += 1;
  const ticket = loading;
  status.textContent = 'Loading…';
  const where = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== null));
  const [data, boardData] = await Promise.all([
    landscape(where),
    query<{ leaderboards: Board[] }>(BOARDS, { domain: filters.domain, where }),
  ]);
  if (ticket !== loading) return;
  const draw = (panel: ChartPanel, [table, option]: [Table, ChartOption]): void => panel.update(table, option);
  draw(panels.years, yearsByDomain(data.byYear));
  draw(panels.openYears, openPerYear(data.openByYear));
  draw(panels.openDomains, openPerDomain(data.openByDomain));
  draw(panels.bases, baseModels(data.bases));
  draw(panels.organisations, organisationsPerDomain(data.organisations));
  draw(panels.heat, modalitiesByDomain(data.heat));
  // Leaderboards with results from at least two model years show progress; the most results first.
  boards = boardData.leaderboards
    .filter((b) => new Set(b.entries.map((e) => e.model.year).filter((y) => y !== null)).size >= 2)
    .sort((a, b) => b.entries.length - a.entries.length || byName(a.dataset.name, b.dataset.name));
  const wanted = board ?? boardSelect.value;
  boardSelect.replaceChildren(...boards.map((b) => new Option(`${b.dataset.name} · ${b.metric} · ${b.setting} (${String(b.entries.length)})`, boardKey(b))));
  boardSelect.value = boards.some((b) => boardKey(b) === wanted) ? wanted : (boards[0] ? boardKey(boards[0]) : '');
  drawProgress();
  writeUrl(filters);
  const total = data.byYear.length === 0 ? 'No models match the filters.' : 'Charts updated.';
  status.textContent = total;
  (window as unknown as { landscape: { loads: number } }).landscape.loads += 1;
}

const fail = (error: unknown): void => {
  status.textContent = error instanceof Error ? error.message : String(error);
  status.className = 'error';
};

byId<HTMLFormElement>('filters').addEventListener('change', () => void load(readFilters(), null).catch(fail));
byId<HTMLButtonElement>('reset').addEventListener('click', () => {
  for (const select of Object.values(selects)) select.value = '';
  void load(readFilters(), null).catch(fail);
});

async function start(): Promise<void> {
  const { models } = await query<{ models: { totalCount: number; facets: Record<'domains' | 'modalities' | 'paradigms', Facet[]> } }>(FACETS);
  const fill = (select: HTMLSelectElement, facets: Facet[]): void => {
    for (const facet of [...facets].sort((a, b) => byName(a.label, b.label))) {
      labels.set(facet.value, facet.label);
      select.append(new Option(`${facet.label} (${String(facet.count)})`, facet.value));
    }
  };
  fill(selects.domain, models.facets.domains);
  fill(selects.modality, models.facets.modalities);
  fill(selects.paradigm, models.facets.paradigms);
  byId<HTMLElement>('total').textContent = `${models.totalCount.toLocaleString('en')} models in all`;
  const params = new URLSearchParams(window.location.search);
  for (const [key, select] of Object.entries(selects)) select.value = params.get(key) ?? '';
  await load(readFilters(), params.get('board'));
}

void start().catch(fail);
