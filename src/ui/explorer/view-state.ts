/**
 * What the explorer shows, as plain data: the centre, the expanded entities, how many extra pages of each hub's
 * neighbours, removed entities, the path, filters. The drawing is computed from it, so it round-trips through the
 * URL (share, reload), and undo/redo is a walk through earlier states.
 */
import type { Kind } from './graph-view.js';

export interface ViewState {
  centre: string | null;
  expand: string[];
  /** Extra pages of neighbours shown per hub (each "+N more" tap adds one). */
  more: Record<string, number>;
  removed: string[];
  /** Up to `count` shortest paths (the API's `paths`) between two entities. */
  path: { from: string; to: string; count: number } | null;
  hiddenKinds: Kind[];
  hiddenTypes: string[];
  yearFrom: number | null;
  yearTo: number | null;
  domain: string | null;
  edgeLabels: boolean;
}

export const EMPTY_STATE: ViewState = {
  centre: null, expand: [], more: {}, removed: [], path: null, hiddenKinds: [], hiddenTypes: [], yearFrom: null, yearTo: null, domain: null, edgeLabels: false,
};

const list = (value: string | null): string[] => (value ? value.split(',').filter(Boolean) : []);
/** How many paths to draw: 1..20 as the API allows, 1 when absent or out of range. */
export const pathCount = (value: string | null): number => (value && /^\d{1,2}$/.test(value) && Number(value) >= 1 && Number(value) <= 20 ? Number(value) : 1);
const year = (value: string | null): number | null => (value && /^\d{4}$/.test(value) ? Number(value) : null);

export function toSearch(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.centre) params.set('id', state.centre);
  if (state.path) {
    params.set('from', state.path.from);
    params.set('to', state.path.to);
    if (state.path.count > 1) params.set('paths', String(state.path.count));
  }
  if (state.expand.length) params.set('expand', state.expand.join(','));
  const more = Object.entries(state.more).filter(([, pages]) => pages > 0);
  if (more.length) params.set('more', more.map(([hub, pages]) => `${hub}:${String(pages)}`).join(','));
  if (state.removed.length) params.set('removed', state.removed.join(','));
  if (state.hiddenKinds.length) params.set('hideKinds', state.hiddenKinds.join(','));
  if (state.hiddenTypes.length) params.set('hideTypes', state.hiddenTypes.join(','));
  if (state.yearFrom !== null) params.set('yearFrom', String(state.yearFrom));
  if (state.yearTo !== null) params.set('yearTo', String(state.yearTo));
  if (state.domain) params.set('domain', state.domain);
  if (state.edgeLabels) params.set('edgeLabels', '1');
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function fromSearch(search: string): ViewState {
  const params = new URLSearchParams(search);
  const from = params.get('from');
  const to = params.get('to');
  const more: Record<string, number> = {};
  for (const entry of list(params.get('more'))) {
    const at = entry.lastIndexOf(':');
    const pages = Number(entry.slice(at + 1));
    if (at > 0 && Number.isInteger(pages) && pages > 0) more[entry.slice(0, at)] = pages;
  }
  return {
    centre: params.get('id'),
    expand: list(params.get('expand')),
    more,
    removed: list(params.get('removed')),
    path: from && to ? { from, to, count: pathCount(params.get('paths')) } : null,
    hiddenKinds: list(params.get('hideKinds')) as Kind[],
    hiddenTypes: list(params.get('hideTypes')),
    yearFrom: year(params.get('yearFrom')),
    yearTo: year(params.get('yearTo')),
    domain: params.get('domain'),
    edgeLabels: params.get('edgeLabels') === '1',
  };
}

/** Undo/redo over states: `push` drops the redo branch. */
export class History {
  private states: ViewState[] = [];
  private at = -1;

  get current(): ViewState {
    return this.states[this.at] ?? EMPTY_STATE;
  }

  push(state: ViewState): void {
    this.states = [...this.states.slice(0, this.at + 1), state];
    this.at = this.states.length - 1;
  }

  canUndo(): boolean {
    return this.at > 0;
  }

  canRedo(): boolean {
    return this.at < this.states.length - 1;
  }

  undo(): ViewState {
    if (this.canUndo()) this.at -= 1;
    return this.current;
  }

  redo(): ViewState {
    if (this.canRedo()) this.at += 1;
    return this.current;
  }
}
