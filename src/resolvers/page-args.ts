/** Checks and normalises the arguments of a paged model list into the db layer's PageArgs. */
import { decodeCursor } from '../cursor.js';
import { DEFAULT_ORDER, type ModelFilter, type OrderKey, type PageArgs } from '../db/model-page.js';
import { badUserInput, checkRange } from '../errors.js';
import type { InputMaybe, ModelOrder, ModelWhere } from '../generated/graphql.js';
import { toStored } from './enum-values.js';

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

export interface ModelListArgs {
  first?: InputMaybe<number>;
  after?: InputMaybe<string>;
  where?: InputMaybe<ModelWhere>;
  orderBy?: InputMaybe<ModelOrder[]>;
}

function normaliseOrder(orderBy: InputMaybe<ModelOrder[]> | undefined): OrderKey[] {
  if (!orderBy || orderBy.length === 0) return DEFAULT_ORDER;
  const seen = new Set<string>();
  return orderBy.map(({ field, direction }) => {
    if (seen.has(field)) throw badUserInput('orderBy', `orderBy lists ${field} more than once`);
    seen.add(field);
    return { field, direction: direction ?? 'ASC' };
  });
}

/** Keys in a fixed order, so that equal filters serialise equally and share one batched query. */
export function normaliseFilter(where: InputMaybe<ModelWhere> | undefined): ModelFilter {
  if (!where) return {};
  const filter: ModelFilter = {};
  if (where.domain != null) filter.domain = where.domain;
  if (where.task != null) filter.task = where.task;
  if (where.dataset != null) filter.dataset = where.dataset;
  if (where.paradigm != null) filter.paradigm = toStored(where.paradigm);
  if (where.modality != null) filter.modality = toStored(where.modality);
  if (where.organization != null) filter.organization = where.organization;
  if (where.nameContains != null) filter.nameContains = where.nameContains;
  if (where.yearFrom != null) filter.yearFrom = where.yearFrom;
  if (where.yearTo != null) filter.yearTo = where.yearTo;
  if (where.openWeights != null) filter.openWeights = where.openWeights;
  if (where.minParameters != null) filter.minParameters = where.minParameters;
  if (where.developedBy != null) filter.developedBy = where.developedBy;
  return filter;
}

export function pageArgs(args: ModelListArgs): PageArgs {
  const first = checkRange('first', args.first ?? DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE);
  const order = normaliseOrder(args.orderBy);
  const after = args.after == null ? null : decodeCursor(args.after, order);
  return { first, after, filter: normaliseFilter(args.where), order };
}
