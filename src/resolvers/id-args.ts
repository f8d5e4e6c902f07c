/**
 * Id arguments: ids are lowercase slugs (the facts say so), so an id argument matches in any case (`ESM-2` is
 * `esm-2`). A filter id that matches nothing leaves its list empty and adds a warning naming the argument.
 */
import type { RequestContext } from '../context.js';
import type { ModelFilter } from '../db/model-page.js';
import type { EntityLabel, EntityRow } from '../db/rows.js';
import { didYouMean } from '../errors.js';
import { toKind } from './enum-values.js';
import type { ModelPage } from '../db/model-page.js';
import type { ModelPageKey } from '../loaders/models.js';

export function idArgument(id: string): string {
  return id.toLowerCase();
}

/** A filter by the id of an entity of `label`, given as `argument`. */
export interface IdFilter {
  argument: string;
  id: string | null | undefined;
  label: EntityLabel;
}

/** An id of an entity of `label` (null: of any kind), given as `argument`, that names nothing of that kind. */
export interface UnknownId {
  argument: string;
  id: string;
  label: EntityLabel | null;
  /** The entity of another kind the id names, as the lookup by id found it; null when it names none. */
  found: EntityRow | null;
}

/** `a dataset`, `an organization`: a kind as a message names it. */
function aKind(label: EntityLabel): string {
  const kind = label.toLowerCase();
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/**
 * Warns UNKNOWN_ID for an id that names nothing of its kind. An id of another kind says so, and names that kind
 * in `otherKind`: it was meant as that entity, not as one of the kind asked for whose name is near it (`chembl`
 * as a model is the dataset ChEMBL, not ChemLML). Otherwise the entity it was probably meant for when one is near
 * (loaders/suggestions.ts).
 */
export async function warnUnknownId(context: RequestContext, { argument, id, label, found }: UnknownId): Promise<void> {
  const unknown = `no ${label === null ? 'entity' : label.toLowerCase()} has the id ${JSON.stringify(id)}`;
  if (found !== null) {
    const message = `${unknown}; ${JSON.stringify(id)} is ${aKind(found.label)} (${found.name})`;
    context.warnings.add({ code: 'UNKNOWN_ID', argument, message, otherKind: toKind(found.label) });
    return;
  }
  const near = await context.loaders.suggestion({ id, label });
  context.warnings.add({ code: 'UNKNOWN_ID', argument, message: `${unknown}${didYouMean(near)}`, ...(near ? { suggestion: near.id } : {}) });
}

/**
 * Warns about each filter whose id is no entity of its label. Called only when a filtered list came back empty,
 * so a list that has rows costs nothing more; the lookups go through the (batched, cached) entity loader.
 */
async function warnUnknownIds(context: RequestContext, filters: IdFilter[]): Promise<void> {
  await Promise.all(
    filters.map(async ({ argument, id, label }) => {
      if (id === null || id === undefined) return;
      const row = await context.loaders.entity.load(id);
      if (row?.label !== label) await warnUnknownId(context, { argument, id, label, found: row });
    }),
  );
}

/** The rows of a list filtered by ids, with a warning for each filter id that matches nothing when it is empty. */
export async function filteredList<T>(context: RequestContext, rows: Promise<T[]>, filters: IdFilter[]): Promise<T[]> {
  const list = await rows;
  if (list.length === 0) await warnUnknownIds(context, filters);
  return list;
}

const MODEL_FILTER_IDS: {
  key: keyof ModelFilter & ('domain' | 'task' | 'dataset' | 'developedBy' | 'descendantOf' | 'ancestorOf');
  label: EntityLabel;
}[] = [
  { key: 'domain', label: 'Domain' },
  { key: 'task', label: 'Task' },
  { key: 'dataset', label: 'Dataset' },
  { key: 'developedBy', label: 'Organization' },
  { key: 'descendantOf', label: 'Model' },
  { key: 'ancestorOf', label: 'Model' },
];

/** The id filters of a model list's `where`, each named as written in the query (`where.domain`). */
export function modelFilterIds(filter: ModelFilter): IdFilter[] {
  return MODEL_FILTER_IDS.map(({ key, label }) => ({ argument: `where.${key}`, id: filter[key], label }));
}

/** A page of models; when the whole filtered list is empty, a warning for each `where` id that matches nothing. */
export async function modelPage(context: RequestContext, key: ModelPageKey): Promise<ModelPage> {
  const page = await context.loaders.models.page.load(key);
  if (page.edges.length === 0 && !page.hasNextPage && key.args.after === null) {
    await warnUnknownIds(context, modelFilterIds(key.args.filter));
  }
  return page;
}
