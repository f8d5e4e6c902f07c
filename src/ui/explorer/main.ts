/**
 * The graph explorer at /explore: search, draw the chosen entity's neighbourhood, expand nodes by clicking them,
 * read an entity's properties and links, and draw the path between two entities. Uses only the public API.
 */
import { query } from '../graphql-client.js';
import { showDetails } from './entity-details.js';
import { GraphView, KIND_COLOURS, type GraphEdge, type GraphNode, type Kind } from './graph-view.js';

const NAMED = '__typename id ... on Domain { name } ... on Task { name } ... on Dataset { name } ... on Model { name } ... on Organization { name }';
const SEARCH = `query Search($text: NonEmptyString!) { search(text: $text, first: 15) { score matchedOn node { ${NAMED} } } }`;
const NEIGHBORHOOD = `query Neighborhood($id: ID!) {
  neighborhood(id: $id, depth: 1) { truncated nodes { ${NAMED} } edges { type from to } }
}`;
const PATH = `query Path($from: ID!, $to: ID!) { path(from: $from, to: $to, maxHops: 6) { length nodes { ${NAMED} } edges { type from to } } }`;

interface Subgraph { truncated?: boolean; nodes: GraphNode[]; edges: GraphEdge[] }

function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`missing #${id}`);
  return found as T;
}

const results = byId<HTMLElement>('results');
const details = byId<HTMLElement>('details');
const status = byId<HTMLElement>('status');
const expanded = new Set<string>();

const say = (text: string, isError = false): void => {
  status.textContent = text;
  status.className = isError ? 'error' : '';
};

async function neighborhood(id: string): Promise<Subgraph | null> {
  return (await query<{ neighborhood: Subgraph | null }>(NEIGHBORHOOD, { id })).neighborhood;
}

async function select(id: string): Promise<void> {
  const sub = await neighborhood(id);
  if (!sub) return say(`No entity has the id ${id}.`, true);
  expanded.clear();
  expanded.add(id);
  view.show(sub.nodes, sub.edges, id);
  say(`${String(sub.nodes.length)} entities${sub.truncated ? ' (cut at the limit)' : ''}`);
  await showDetails(details, id, (next) => void select(next));
}

async function expand(id: string): Promise<void> {
  if (!expanded.has(id)) {
    const sub = await neighborhood(id);
    if (sub) view.merge(sub.nodes, sub.edges, id);
    expanded.add(id);
  }
  say(`${String(view.cy.nodes().length)} entities drawn`);
  await showDetails(details, id, (next) => void select(next));
}

const view = new GraphView(byId('graph'), (id) => void expand(id).catch((error: unknown) => say(String(error), true)));
// For the browser tests and for anyone curious in the console.
(window as unknown as { explorer: { view: GraphView } }).explorer = { view };

const legend = byId<HTMLUListElement>('legend');
for (const [kind, colour] of Object.entries(KIND_COLOURS) as [Kind, string][]) {
  const item = document.createElement('li');
  const swatch = document.createElement('span');
  swatch.style.background = colour;
  item.append(swatch, kind);
  legend.append(item);
}

byId<HTMLFormElement>('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = byId<HTMLInputElement>('search-input').value.trim();
  if (!text) return;
  void query<{ search: { score: number; matchedOn: string; node: GraphNode }[] }>(SEARCH, { text })
    .then(({ search }) => {
      results.replaceChildren();
      if (search.length === 0) results.textContent = 'Nothing found.';
      for (const { node, matchedOn } of search) {
        const button = document.createElement('button');
        button.dataset['id'] = node.id;
        button.append(node.name, document.createElement('br'));
        const kind = document.createElement('small');
        kind.textContent = `${node.__typename} · ${node.id} · by ${matchedOn}`;
        button.append(kind);
        button.addEventListener('click', () => void select(node.id).catch((error: unknown) => say(String(error), true)));
        results.append(button);
      }
    })
    .catch((error: unknown) => say(String(error), true));
});

byId<HTMLFormElement>('path-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const from = byId<HTMLInputElement>('path-from').value.trim();
  const to = byId<HTMLInputElement>('path-to').value.trim();
  if (!from || !to) return;
  void query<{ path: { length: number; nodes: GraphNode[]; edges: GraphEdge[] } | null }>(PATH, { from, to })
    .then(({ path }) => {
      if (!path) return say(`No path of at most 6 steps between ${from} and ${to}.`, true);
      expanded.clear();
      view.show(path.nodes, path.edges, from);
      say(`Path of length ${String(path.length)}`);
      return showDetails(details, to, (next) => void select(next));
    })
    .catch((error: unknown) => say(String(error), true));
});
