/**
 * The side panel: an entity's properties (numbers formatted, enum values as words, URLs as links) and its links,
 * each link selectable; paged lists say the API's total and fetch the next page on demand.
 */
import { element } from '../dom.js';
import { query } from '../graphql-client.js';

interface Named { id: string; name: string }
interface Page { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Named[] }

interface Details {
  node: (Named & {
    __typename: 'Domain' | 'Task' | 'Dataset' | 'Model' | 'Organization';
    description?: string | null;
    [key: string]: unknown;
  }) | null;
}

const PAGE_SIZE = 50;
const MODELS_PAGE = `models(first: ${String(PAGE_SIZE)}, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name } }`;

const DETAILS = `query Details($id: ID!, $after: String) {
  node(id: $id) {
    __typename id
    ... on Domain { name description tasks { id name } datasets { id name } ${MODELS_PAGE} }
    ... on Task { name description domains { id name } datasets { id name } ${MODELS_PAGE} }
    ... on Dataset {
      name description modality size url tasks { id name } trainedModels { id name } evaluatedModels { id name }
      leaderboards { metric setting higherIsBetter totalCount entries(first: 5) { rank value unit variant model { id name } } }
    }
    ... on Model {
      name description year organization architecture paradigm modalities parameters openWeights
      paper { title venue year url } sourceNote
      domains { id name } tasks { id name } trainedOn { id name } evaluatedOn { id name } basedOn { id name } derivatives { id name }
      organizations { id name }
      results { dataset { id name } metric value unit setting rank variant source { title url } }
      ancestors { depth model { id name } via { id } }
      descendants { depth model { id name } via { id } }
    }
    ... on Organization { name kind country aliases parent { id name } parts { id name } ${MODELS_PAGE} }
  }
}`;
const MORE_MODELS = `query MoreModels($id: ID!, $after: String) {
  node(id: $id) { ... on Domain { ${MODELS_PAGE} } ... on Task { ${MODELS_PAGE} } ... on Organization { ${MODELS_PAGE} } }
}`;

const PROPERTIES: [string, string][] = [
  ['year', 'Year'], ['organization', 'Organisation'], ['architecture', 'Architecture'], ['paradigm', 'Paradigm'], ['modalities', 'Modalities'],
  ['parameters', 'Parameters'], ['openWeights', 'Open weights'], ['modality', 'Modality'], ['size', 'Size'], ['url', 'Link'], ['kind', 'Kind'],
  ['country', 'Country'], ['aliases', 'Also called'],
];
const ENUM_KEYS = new Set(['paradigm', 'modalities', 'modality', 'kind', 'architecture']);
const LINKS: [string, string][] = [
  ['domains', 'Domains'], ['tasks', 'Tasks'], ['datasets', 'Datasets'], ['trainedOn', 'Trained on'],
  ['evaluatedOn', 'Evaluated on'], ['basedOn', 'Based on'], ['derivatives', 'Derivatives'],
  ['trainedModels', 'Trained models'], ['evaluatedModels', 'Evaluated models'], ['models', 'Models'],
  ['organizations', 'Organisations'], ['parent', 'Part of'], ['parts', 'Parts'],
];

/** 15000000000 -> "15 B", 650000000 -> "650 M", 8400000 -> "8.4 M". */
export function formatCount(value: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, unit] of units) {
    if (Math.abs(value) >= size) return `${String(Number((value / size).toPrecision(3)))} ${unit}`;
  }
  return String(value);
}

/** PROTEIN_SEQUENCE -> "protein sequence"; camel case stays. */
export const enumWords = (value: string): string => (/^[A-Z0-9_]+$/.test(value) ? value.toLowerCase().replaceAll('_', ' ') : value);

function externalLink(url: string, text = url): HTMLAnchorElement {
  const link = element('a', text);
  link.href = url;
  link.rel = 'noopener noreferrer';
  link.target = '_blank';
  return link;
}

function linkItems(list: HTMLUListElement, items: Named[], onSelect: (id: string) => void): void {
  for (const item of items) {
    const entry = element('li');
    entry.append(entityLink(item, onSelect));
    list.append(entry);
  }
}

function value(key: string, raw: unknown): Node | string {
  if (key === 'url' && typeof raw === 'string') return externalLink(raw);
  if (key === 'parameters' && typeof raw === 'number') return formatCount(raw);
  if (typeof raw === 'boolean') return raw ? 'yes' : 'no';
  const words = (v: unknown): string => (ENUM_KEYS.has(key) ? enumWords(String(v)) : String(v));
  return Array.isArray(raw) ? raw.map(words).join(', ') : words(raw);
}

export interface DetailsActions { onSelect: (id: string) => void; onRemove: (id: string) => void }

export async function showDetails(panel: HTMLElement, id: string, actions: DetailsActions): Promise<void> {
  const { node } = await query<Details>(DETAILS, { id, after: null });
  panel.replaceChildren();
  if (!node) {
    panel.append(element('p', `No entity has the id ${id}.`));
    return;
  }
  const remove = element('button', 'Remove from view');
  remove.type = 'button';
  remove.addEventListener('click', () => actions.onRemove(node.id));
  panel.append(element('h2', node.name), element('small', `${node.__typename} · ${node.id}`), remove);
  if (node.description) panel.append(element('p', node.description));
  const properties = element('dl');
  for (const [key, title] of PROPERTIES) {
    const raw = node[key];
    if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) continue;
    const dd = element('dd');
    dd.append(value(key, raw));
    properties.append(element('dt', title), dd);
  }
  const paper = node['paper'] as { title: string | null; venue?: string | null; year?: number | null; url?: string | null } | null | undefined;
  if (paper) {
    const dd = element('dd');
    const text = [paper.title ?? 'Paper', paper.venue, paper.year].filter(Boolean).join(' · ');
    dd.append(paper.url ? externalLink(paper.url, text) : text);
    properties.append(element('dt', 'Paper'), dd);
  }
  // A model without a paper says where its facts come from instead.
  const sourceNote = node['sourceNote'] as string | null | undefined;
  if (sourceNote) properties.append(element('dt', 'Source'), element('dd', sourceNote));
  panel.append(properties);
  for (const [key, title] of LINKS) {
    const raw = node[key];
    if (raw === null || raw === undefined) continue;
    const page = !Array.isArray(raw) && typeof raw === 'object' && 'totalCount' in raw ? (raw as Page) : undefined;
    // A link is a list, a page of a connection, or a single entity (an organisation's parent).
    const items = Array.isArray(raw) ? (raw as Named[]) : page ? page.nodes : [raw as Named];
    if (items.length === 0) continue;
    const heading = element('h3', `${title} (${String(page ? page.totalCount : items.length)})`);
    const list = element('ul');
    linkItems(list, items, actions.onSelect);
    panel.append(heading, list);
    if (page?.pageInfo.hasNextPage) panel.append(moreButton(list, node.id, page, actions.onSelect));
  }
  const results = node['results'] as Result[] | undefined;
  if (results?.length) panel.append(...resultsSection(results, actions.onSelect));
  const boards = node['leaderboards'] as Board[] | undefined;
  if (boards?.length) panel.append(...leaderboardsSection(boards, actions.onSelect));
  if (node.__typename === 'Model') panel.append(...lineageSection(node.id, node['ancestors'] as Step[], node['descendants'] as Step[], actions.onSelect));
}

interface Result { dataset: Named; metric: string; value: number; unit: string | null; setting: string; rank: number; variant: string | null; source: { title: string; url: string | null } }
interface Board { metric: string; setting: string; higherIsBetter: boolean; totalCount: number; entries: { rank: number; value: number; unit: string | null; variant: string | null; model: Named }[] }
interface Step { depth: number; model: Named; via: { id: string } }

const measured = (value: number, unit: string | null): string => `${value.toLocaleString('en')}${unit ? (unit === '%' ? ' %' : ` ${unit}`) : ''}`;

function entityLink(item: Named, onSelect: (id: string) => void): HTMLAnchorElement {
  const link = element('a', item.name);
  link.href = `?id=${encodeURIComponent(item.id)}`;
  link.dataset['id'] = item.id;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    onSelect(item.id);
  });
  return link;
}

/** A model's benchmark results: dataset, metric, value, its rank on that leaderboard, the setting and the source. */
function resultsSection(results: Result[], onSelect: (id: string) => void): HTMLElement[] {
  const list = element('ul');
  list.className = 'results';
  for (const result of results) {
    const item = element('li');
    const source = result.source.url ? externalLink(result.source.url, 'source') : element('span', 'source: ' + result.source.title);
    if (result.source.url) source.title = result.source.title;
    item.append(
      entityLink(result.dataset, onSelect),
      `: ${result.metric} ${measured(result.value, result.unit)}${result.variant ? ` (${result.variant})` : ''}, rank ${String(result.rank)} · ${result.setting} · `,
      source,
    );
    list.append(item);
  }
  return [element('h3', `Results (${String(results.length)})`), list];
}

/** A dataset's leaderboards, each with its best entries. */
function leaderboardsSection(boards: Board[], onSelect: (id: string) => void): HTMLElement[] {
  const parts: HTMLElement[] = [element('h3', `Leaderboards (${String(boards.length)})`)];
  for (const board of boards) {
    parts.push(element('h4', `${board.metric} (${board.higherIsBetter ? 'higher' : 'lower'} is better) · ${board.setting} · ${String(board.totalCount)} results`));
    const list = element('ol');
    list.className = 'leaderboard';
    for (const entry of board.entries) {
      const item = element('li');
      item.append(`${String(entry.rank)}. `, entityLink(entry.model, onSelect), ` ${measured(entry.value, entry.unit)}${entry.variant ? ` (${entry.variant})` : ''}`);
      list.append(item);
    }
    parts.push(list);
  }
  return parts;
}

/** Lineage steps as a tree under the model: each step hangs under the model one hop closer (its `via`). */
function lineageTree(root: string, steps: Step[], onSelect: (id: string) => void): HTMLUListElement {
  const list = element('ul');
  list.className = 'tree';
  for (const step of steps.filter((s) => s.via.id === root)) {
    const item = element('li');
    item.append(entityLink(step.model, onSelect));
    const below = lineageTree(step.model.id, steps.filter((s) => s.depth > step.depth), onSelect);
    if (below.children.length) item.append(below);
    list.append(item);
  }
  return list;
}

function lineageSection(id: string, ancestors: Step[], descendants: Step[], onSelect: (id: string) => void): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (ancestors.length) parts.push(element('h3', `Built on (${String(ancestors.length)}, transitively)`), lineageTree(id, ancestors, onSelect));
  if (descendants.length) parts.push(element('h3', `Built upon by (${String(descendants.length)}, transitively)`), lineageTree(id, descendants, onSelect));
  return parts;
}

function moreButton(list: HTMLUListElement, id: string, first: Page, onSelect: (id: string) => void): HTMLButtonElement {
  const button = element('button', `Show more (${String(first.totalCount - first.nodes.length)} left)`);
  button.type = 'button';
  button.className = 'more-models';
  let page = first;
  let shown = first.nodes.length;
  button.addEventListener('click', () => {
    void query<{ node: { models: Page } }>(MORE_MODELS, { id, after: page.pageInfo.endCursor }).then(({ node }) => {
      page = node.models;
      shown += page.nodes.length;
      linkItems(list, page.nodes, onSelect);
      button.textContent = `Show more (${String(page.totalCount - shown)} left)`;
      button.hidden = !page.pageInfo.hasNextPage;
    });
  });
  return button;
}
