/**
 * Search-as-you-type over the API's `search`: a combobox whose list shows each hit's kind, driven by the keyboard
 * (arrows, Enter, Escape) or the mouse. The picked entity's id is kept on the input until the text changes.
 */
import { query } from '../graphql-client.js';
import { KIND_STYLES, type GraphNode } from './graph-view.js';

const SEARCH = `query Search($text: NonEmptyString!, $first: Int) {
  search(text: $text, first: $first) { matchedOn node { __typename id ... on Domain { name } ... on Task { name } ... on Dataset { name } ... on Model { name } ... on Organization { name } } }
}`;

/** A hit: the entity, and why it came back (the API's `matchedOn`: name, id, alias, near miss, ...). */
export type Hit = GraphNode & { matchedOn: string };

export async function searchEntities(text: string, first = 8): Promise<Hit[]> {
  return (await query<{ search: { matchedOn: string; node: GraphNode }[] }>(SEARCH, { text, first })).search.map((hit) => ({ ...hit.node, matchedOn: hit.matchedOn }));
}

/** The entity a typed name means: the id picked from the list, else an exact name or id match, else the best hit. */
export async function resolveEntity(input: HTMLInputElement): Promise<{ id: string; name: string } | null> {
  const text = input.value.trim();
  if (input.dataset['id'] && input.dataset['name'] === text) return { id: input.dataset['id'], name: text };
  if (!text) return null;
  const hits = await searchEntities(text, 10);
  const lower = text.toLowerCase();
  return hits.find((hit) => hit.name.toLowerCase() === lower || hit.id === lower) ?? hits[0] ?? null;
}

let boxes = 0;

export function attachSearchBox(input: HTMLInputElement, onPick: (node: GraphNode) => void): void {
  boxes += 1;
  const list = document.createElement('ul');
  list.id = `search-list-${String(boxes)}`;
  list.className = 'search-list';
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.autocomplete = 'off';
  let hits: Hit[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  const close = (): void => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const mark = (index: number): void => {
    active = index;
    for (const [i, item] of [...list.children].entries()) item.setAttribute('aria-selected', String(i === index));
    if (index >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${String(index)}`);
  };
  const pick = (node: GraphNode): void => {
    input.value = node.name;
    input.dataset['id'] = node.id;
    input.dataset['name'] = node.name;
    close();
    onPick(node);
  };
  const render = (): void => {
    list.replaceChildren();
    for (const [i, node] of hits.entries()) {
      const item = document.createElement('li');
      item.id = `${list.id}-${String(i)}`;
      item.setAttribute('role', 'option');
      item.dataset['id'] = node.id;
      const icon = document.createElement('span');
      icon.className = `kind-icon kind-${node.__typename}`;
      icon.style.background = KIND_STYLES[node.__typename].colour;
      icon.setAttribute('aria-hidden', 'true');
      const kind = document.createElement('small');
      kind.textContent = `${node.__typename} · by ${node.matchedOn}`;
      item.append(icon, node.name, ' ', kind);
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(node);
      });
      list.append(item);
    }
    list.hidden = hits.length === 0;
    input.setAttribute('aria-expanded', String(hits.length > 0));
    mark(-1);
  };

  input.addEventListener('input', () => {
    delete input.dataset['id'];
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) {
      hits = [];
      render();
      return;
    }
    timer = setTimeout(() => {
      asked += 1;
      const ticket = asked;
      void searchEntities(text).then((found) => {
        // Only the newest question's answer is shown.
        if (ticket !== asked) return;
        hits = found;
        render();
      }, () => undefined);
    }, 150);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && hits.length) {
      event.preventDefault();
      if (list.hidden) render();
      mark((active + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length) {
      event.preventDefault();
      mark(active <= 0 ? hits.length - 1 : active - 1);
    } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
      event.preventDefault();
      pick(hits[active]!);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', close);
}
