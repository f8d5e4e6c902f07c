/**
 * The graph explorer at /explore: search as you type, draw the chosen entity's neighbourhood, expand nodes by
 * clicking them (hubs a page at a time), filter, undo/redo, draw the path between two entities picked by name, and
 * export the view. The whole view lives in the URL. Uses only the public API.
 */
import { byId } from '../dom.js';
import { query, queryWithWarnings } from '../graphql-client.js';
import { showDetails } from './entity-details.js';
import { exportView } from './export.js';
import { GraphView, KIND_STYLES, type Drawing, type GraphEdge, type GraphNode, type Kind, type MoreNode } from './graph-view.js';
import { attachSearchBox, resolveEntity } from './search-box.js';
import { EMPTY_STATE, History, fromSearch, pathCount, toSearch, type ViewState } from './view-state.js';

/** Neighbours drawn per page of a hub; the rest wait behind a "+N more" node. */
export const HUB_PAGE = 25;
const MAX_HOPS = 6;

interface Entity extends GraphNode { year?: number | null; domains?: { id: string }[] }
interface Subgraph { truncated?: boolean; nodes: Entity[]; edges: GraphEdge[] }

const ENTITY = `__typename id
  ... on Domain { name } ... on Task { name domains { id } } ... on Dataset { name }
  ... on Model { name year domains { id } } ... on Organization { name }`;
const NEIGHBORHOOD = `query Neighborhood($id: ID!) { neighborhood(id: $id, depth: 1) { truncated nodes { ${ENTITY} } edges { type from to } } }`;
const PATHS = `query Paths($from: ID!, $to: ID!, $maxHops: Int, $first: Int, $via: [RelationType!]) {
  paths(from: $from, to: $to, maxHops: $maxHops, first: $first, via: $via) { length nodes { ${ENTITY} } edges { type from to } }
}`;
const DOMAINS = `query Domains { domains { id name } }`;
const RELATION_TYPES = ['IN_DOMAIN', 'HAS_TASK', 'PERFORMS', 'BENCHMARKED_ON', 'TRAINED_ON', 'EVALUATED_ON', 'BASED_ON', 'DEVELOPED_BY', 'PART_OF'];

const details = byId<HTMLElement>('details');
const status = byId<HTMLElement>('status');
const history = new History();
const neighbourhoods = new Map<string, Promise<Subgraph | null>>();
/** Paths found between two entities; `sampled` when they are the first of a sample of more shortest paths. */
interface FoundPaths { paths: (Subgraph & { length: number })[]; sampled: boolean }
const pathLists = new Map<string, Promise<FoundPaths>>();

const say = (text: string, isError = false): void => {
  status.textContent = text;
  status.className = isError ? 'error' : '';
};

function neighborhood(id: string): Promise<Subgraph | null> {
  let found = neighbourhoods.get(id);
  if (!found) {
    found = query<{ neighborhood: Subgraph | null }>(NEIGHBORHOOD, { id }).then((data) => data.neighborhood);
    neighbourhoods.set(id, found);
  }
  return found;
}

/** The shortest paths, only through the relationship types the filters show (all when none is hidden). */
function paths(from: string, to: string, first: number, hiddenTypes: string[]): Promise<FoundPaths> {
  const via = hiddenTypes.length ? RELATION_TYPES.filter((type) => !hiddenTypes.includes(type)) : null;
  const key = JSON.stringify([from, to, first, via]);
  let found = pathLists.get(key);
  if (!found) {
    found = queryWithWarnings<{ paths: FoundPaths['paths'] }>(PATHS, { from, to, maxHops: MAX_HOPS, first, via }).then(({ data, warnings }) => ({
      paths: data.paths,
      sampled: warnings.some((warning) => warning.code === 'PATHS_SAMPLED'),
    }));
    pathLists.set(key, found);
  }
  return found;
}

function visible(entity: Entity, state: ViewState): boolean {
  if (state.hiddenKinds.includes(entity.__typename)) return false;
  if (entity.year != null && ((state.yearFrom !== null && entity.year < state.yearFrom) || (state.yearTo !== null && entity.year > state.yearTo))) return false;
  if (state.domain && entity.domains && !entity.domains.some((d) => d.id === state.domain)) return false;
  return !state.removed.includes(entity.id);
}

/** The entities and relationships the state asks for: the path or the centre, each expansion a page at a time. */
async function compute(state: ViewState): Promise<Drawing & { pathLength: number | null; pathCount: number; pathSampled: boolean }> {
  const nodes = new Map<string, Entity>();
  const edges: GraphEdge[] = [];
  const more: MoreNode[] = [];
  let pathLength: number | null = null;
  let pathCount = 0;
  let pathSampled = false;
  const pinned = new Set<string>();
  if (state.path) {
    const found = await paths(state.path.from, state.path.to, state.path.count, state.hiddenTypes);
    pathCount = found.paths.length;
    pathSampled = found.sampled;
    for (const one of found.paths) {
      pathLength = one.length;
      for (const node of one.nodes) {
        nodes.set(node.id, node);
        pinned.add(node.id);
      }
      edges.push(...one.edges);
    }
  }
  const hubs = [...(state.centre && !state.path ? [state.centre] : []), ...state.expand];
  for (const hub of hubs) {
    const sub = await neighborhood(hub);
    if (!sub) continue;
    const self = sub.nodes.find((n) => n.id === hub);
    if (self) {
      nodes.set(hub, self);
      pinned.add(hub);
    }
    const neighbours = sub.nodes.filter((n) => n.id !== hub && visible(n, state));
    const shown = neighbours.slice(0, HUB_PAGE * (1 + (state.more[hub] ?? 0)));
    for (const node of shown) nodes.set(node.id, node);
    if (shown.length < neighbours.length) more.push({ id: `more:${hub}`, hub, hidden: neighbours.length - shown.length });
    edges.push(...sub.edges);
  }
  const drawn = [...nodes.values()].filter((n) => pinned.has(n.id) || visible(n, state));
  const ids = new Set(drawn.map((n) => n.id));
  const seen = new Set<string>();
  const kept = edges.filter((e) => {
    const key = `${e.from}-${e.type}-${e.to}`;
    if (seen.has(key) || !ids.has(e.from) || !ids.has(e.to) || state.hiddenTypes.includes(e.type)) return false;
    seen.add(key);
    return true;
  });
  const focus = state.path?.from ?? state.centre;
  return { nodes: drawn, edges: kept, more, focus, highlight: focus ? [focus] : [], pathLength, pathCount, pathSampled };
}

let drawing = 0;

/** Draws the state, writes it into the URL and the controls. */
async function render(state: ViewState, detailsFor: string | null): Promise<void> {
  drawing += 1;
  const ticket = drawing;
  const result = await compute(state);
  if (ticket !== drawing) return;
  view.draw(result, state.edgeLabels);
  window.history.replaceState(null, '', `${window.location.pathname}${toSearch(state)}`);
  syncControls(state);
  if (state.path) {
    const counted = result.pathCount === 1 ? `Path of length ${String(result.pathLength)}` : `${String(result.pathCount)} paths of length ${String(result.pathLength)}`;
    // The API ordered a sample of the shortest paths (more than 1,000 join the two): not the first of all of them.
    const found = result.pathSampled ? `${counted}, the first by name of 1,000 of the many shortest paths` : counted;
    say(result.pathLength === null ? `No path of at most ${String(MAX_HOPS)} steps between ${state.path.from} and ${state.path.to}.` : found, result.pathLength === null);
  } else {
    say(`${String(result.nodes.length)} entities drawn${result.more.length ? `, ${String(result.more.reduce((n, m) => n + m.hidden, 0))} more behind "+N more"` : ''}`);
  }
  const target = detailsFor ?? state.path?.to ?? state.centre;
  if (target) await showDetails(details, target, { onSelect: (id) => void centre(id), onRemove: (id) => void remove(id) });
}

function change(update: (state: ViewState) => ViewState, detailsFor: string | null = null): Promise<void> {
  const next = update(history.current);
  history.push(next);
  return render(next, detailsFor).catch((error: unknown) => say(error instanceof Error ? error.message : String(error), true));
}

const centre = (id: string): Promise<void> => change((s) => ({ ...s, centre: id, expand: [], more: {}, removed: [], path: null }));
const remove = (id: string): Promise<void> => change((s) => ({ ...s, removed: [...s.removed, id], expand: s.expand.filter((e) => e !== id) }));

function expand(id: string): Promise<void> {
  const state = history.current;
  if (state.centre === id || state.expand.includes(id)) {
    view.centreOn(id);
    return showDetails(details, id, { onSelect: (next) => void centre(next), onRemove: (next) => void remove(next) });
  }
  return change((s) => ({ ...s, expand: [...s.expand, id] }), id);
}

const view = new GraphView(
  byId('graph'),
  (id) => void expand(id),
  (hub) => void change((s) => ({ ...s, more: { ...s.more, [hub]: (s.more[hub] ?? 0) + 1 } }), hub),
);
// For the browser tests and for anyone curious in the console.
(window as unknown as { explorer: { view: GraphView } }).explorer = { view };

const legend = byId<HTMLUListElement>('legend');
for (const [kind, style] of Object.entries(KIND_STYLES) as [Kind, (typeof KIND_STYLES)[Kind]][]) {
  const item = document.createElement('li');
  const swatch = document.createElement('span');
  swatch.className = `swatch shape-${style.shape}`;
  swatch.style.background = style.colour;
  swatch.setAttribute('aria-hidden', 'true');
  item.append(swatch, kind);
  legend.append(item);
}

// Filters: a checkbox per kind and relationship type, a year range, a domain.
const kindBoxes = byId<HTMLElement>('filter-kinds');
for (const kind of Object.keys(KIND_STYLES) as Kind[]) kindBoxes.append(checkbox(kind, 'kind', kind));
const typeBoxes = byId<HTMLElement>('filter-types');
for (const type of RELATION_TYPES) typeBoxes.append(checkbox(type.toLowerCase().replaceAll('_', ' '), 'type', type));
const yearFrom = byId<HTMLInputElement>('filter-year-from');
const yearTo = byId<HTMLInputElement>('filter-year-to');
const domainSelect = byId<HTMLSelectElement>('filter-domain');
const edgeLabels = byId<HTMLInputElement>('edge-labels');

function checkbox(text: string, group: string, value: string): HTMLLabelElement {
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = true;
  box.dataset[group] = value;
  label.append(box, ` ${text}`);
  return label;
}

function syncControls(state: ViewState): void {
  for (const box of kindBoxes.querySelectorAll<HTMLInputElement>('input')) box.checked = !state.hiddenKinds.includes(box.dataset['kind'] as Kind);
  for (const box of typeBoxes.querySelectorAll<HTMLInputElement>('input')) box.checked = !state.hiddenTypes.includes(box.dataset['type']!);
  yearFrom.value = state.yearFrom === null ? '' : String(state.yearFrom);
  yearTo.value = state.yearTo === null ? '' : String(state.yearTo);
  domainSelect.value = state.domain ?? '';
  if (state.path) pathsWanted.value = String(state.path.count);
  edgeLabels.checked = state.edgeLabels;
  byId<HTMLButtonElement>('undo').disabled = !history.canUndo();
  byId<HTMLButtonElement>('redo').disabled = !history.canRedo();
}

const yearOf = (input: HTMLInputElement): number | null => (/^\d{4}$/.test(input.value) ? Number(input.value) : null);
byId<HTMLFormElement>('filters').addEventListener('change', () => {
  void change((s) => ({
    ...s,
    hiddenKinds: [...kindBoxes.querySelectorAll<HTMLInputElement>('input')].filter((b) => !b.checked).map((b) => b.dataset['kind'] as Kind),
    hiddenTypes: [...typeBoxes.querySelectorAll<HTMLInputElement>('input')].filter((b) => !b.checked).map((b) => b.dataset['type']!),
    yearFrom: yearOf(yearFrom),
    yearTo: yearOf(yearTo),
    domain: domainSelect.value || null,
  }));
});
edgeLabels.addEventListener('change', () => void change((s) => ({ ...s, edgeLabels: edgeLabels.checked })));
void query<{ domains: { id: string; name: string }[] }>(DOMAINS).then(({ domains }) => {
  for (const domain of domains) domainSelect.append(new Option(domain.name, domain.id));
  domainSelect.value = history.current.domain ?? '';
});

byId<HTMLButtonElement>('undo').addEventListener('click', () => void render(history.undo(), null));
byId<HTMLButtonElement>('redo').addEventListener('click', () => void render(history.redo(), null));
byId<HTMLButtonElement>('fit').addEventListener('click', () => view.fit());
byId<HTMLSelectElement>('export').addEventListener('change', (event) => {
  const select = event.target as HTMLSelectElement;
  if (select.value) exportView(view.cy, select.value);
  select.value = '';
});

attachSearchBox(byId<HTMLInputElement>('search-input'), (node) => void centre(node.id));
byId<HTMLFormElement>('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void resolveEntity(byId<HTMLInputElement>('search-input')).then((found) => {
    if (found) return centre(found.id);
    say(`Unknown entity: nothing is called "${byId<HTMLInputElement>('search-input').value.trim()}".`, true);
    return undefined;
  });
});

const pathFrom = byId<HTMLInputElement>('path-from');
const pathTo = byId<HTMLInputElement>('path-to');
const pathsWanted = byId<HTMLInputElement>('path-count');
attachSearchBox(pathFrom, () => undefined);
attachSearchBox(pathTo, () => undefined);
byId<HTMLFormElement>('path-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void Promise.all([resolveEntity(pathFrom), resolveEntity(pathTo)]).then(([from, to]) => {
    const unknown = [from ? null : pathFrom.value.trim(), to ? null : pathTo.value.trim()].filter((name) => name !== null);
    if (!from || !to) {
      // A stale drawing would look like an answer: clear it.
      history.push({ ...EMPTY_STATE });
      view.draw({ nodes: [], edges: [], more: [], focus: null, highlight: [] }, false);
      window.history.replaceState(null, '', window.location.pathname);
      say(`Unknown entity: ${unknown.map((name) => `"${name}"`).join(' and ')}.`, true);
      return undefined;
    }
    return change((s) => ({ ...s, centre: null, expand: [], more: {}, removed: [], path: { from: from.id, to: to.id, count: pathCount(pathsWanted.value) } }));
  });
});

const initial = fromSearch(window.location.search);
history.push(initial);
syncControls(initial);
if (initial.centre || initial.path) void render(initial, null).catch((error: unknown) => say(error instanceof Error ? error.message : String(error), true));
