/** The side panel: an entity's properties and its links, each link selectable. */
import { query } from '../graphql-client.js';

interface Named { id: string; name: string }

interface Details {
  node: (Named & {
    __typename: 'Domain' | 'Task' | 'Dataset' | 'Model' | 'Organization';
    description?: string | null;
    [key: string]: unknown;
  }) | null;
}

const DETAILS = `query Details($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Domain { name description tasks { id name } datasets { id name } models(first: 100) { totalCount nodes { id name } } }
    ... on Task { name description domains { id name } datasets { id name } models(first: 100) { totalCount nodes { id name } } }
    ... on Dataset { name description modality size url tasks { id name } trainedModels { id name } evaluatedModels { id name } }
    ... on Model {
      name description year organization architecture paradigm modalities parameters openWeights
      paper { title venue year url }
      domains { id name } tasks { id name } trainedOn { id name } evaluatedOn { id name } basedOn { id name } derivatives { id name }
      organizations { id name }
    }
    ... on Organization { name kind country aliases parent { id name } parts { id name } models(first: 100) { totalCount nodes { id name } } }
  }
}`;

const PROPERTIES = ['year', 'organization', 'architecture', 'paradigm', 'modalities', 'parameters', 'openWeights', 'modality', 'size', 'url', 'kind', 'country', 'aliases'];
const LINKS: [string, string][] = [
  ['domains', 'Domains'], ['tasks', 'Tasks'], ['datasets', 'Datasets'], ['trainedOn', 'Trained on'],
  ['evaluatedOn', 'Evaluated on'], ['basedOn', 'Based on'], ['derivatives', 'Derivatives'],
  ['trainedModels', 'Trained models'], ['evaluatedModels', 'Evaluated models'], ['models', 'Models'],
  ['organizations', 'Organisations'], ['parent', 'Part of'], ['parts', 'Parts'],
];

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function linkList(items: Named[], onSelect: (id: string) => void): HTMLUListElement {
  const list = element('ul');
  for (const item of items) {
    const entry = element('li');
    const link = element('a', item.name);
    link.dataset['id'] = item.id;
    link.addEventListener('click', () => onSelect(item.id));
    entry.append(link);
    list.append(entry);
  }
  return list;
}

export async function showDetails(panel: HTMLElement, id: string, onSelect: (id: string) => void): Promise<void> {
  const { node } = await query<Details>(DETAILS, { id });
  panel.replaceChildren();
  if (!node) {
    panel.append(element('p', `No entity has the id ${id}.`));
    return;
  }
  panel.append(element('h2', node.name), element('small', `${node.__typename} · ${node.id}`));
  if (node.description) panel.append(element('p', node.description));
  const properties = element('dl');
  for (const key of PROPERTIES) {
    const value = node[key];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    properties.append(element('dt', key), element('dd', Array.isArray(value) ? value.join(', ') : String(value)));
  }
  const paper = node['paper'] as { title: string | null; venue?: string; year?: number } | null | undefined;
  if (paper) properties.append(element('dt', 'paper'), element('dd', [paper.title, paper.venue, paper.year].filter(Boolean).join(' · ')));
  panel.append(properties);
  for (const [key, title] of LINKS) {
    const raw = node[key];
    // A link is a list, a page of a connection, or a single entity (an organisation's parent).
    const single = raw !== null && typeof raw === 'object' && 'id' in raw ? [raw as Named] : undefined;
    const items = (Array.isArray(raw) ? raw : (single ?? (raw as { nodes?: Named[] } | undefined)?.nodes)) as Named[] | undefined;
    if (!items || items.length === 0) continue;
    panel.append(element('h3', `${title} (${String(items.length)})`), linkList(items, onSelect));
  }
}
