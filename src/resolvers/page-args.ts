/** Checks and normalises the arguments of a paged model list into the db layer's PageArgs. */
import { decodeCursor } from '../cursor.js';
import { DEFAULT_ORDER, type ModelFilter, type OrderKey, type PageArgs } from '../db/model-page.js';
import { badUserInput, checkRange } from '../errors.js';
import { checkModelWhereAgrees } from '../limits/argument-contradictions.js';
import { checkWhereSize } from '../limits/argument-limits.js';
import type { InputMaybe, ModelOrder, ModelWhere, SortDirection } from '../generated/graphql.js';
import { toStored } from './enum-values.js';
import { idArgument } from './id-args.js';
import { pageCarried, type LookAheadInfo } from './look-ahead.js';
import { PerField } from './per-field.js';
import { pageProperties } from './selection.js';

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

export interface ModelListArgs {
  first?: InputMaybe<number>;
  after?: InputMaybe<string>;
  where?: InputMaybe<ModelWhere>;
  orderBy?: InputMaybe<ModelOrder[]>;
}

/** Sort keys of any list with a direction each (ASC when not given); a field listed twice is BAD_USER_INPUT. */
export function sortKeys<F extends string>(
  orderBy: InputMaybe<{ field: F; direction?: InputMaybe<SortDirection> }[]> | undefined,
): { field: F; direction: SortDirection }[] {
  const seen = new Set<string>();
  return (orderBy ?? []).map(({ field, direction }) => {
    if (seen.has(field)) throw badUserInput('orderBy', `orderBy lists ${field} more than once`);
    seen.add(field);
    return { field, direction: direction ?? 'ASC' };
  });
}

function normaliseOrder(orderBy: InputMaybe<ModelOrder[]> | undefined): OrderKey[] {
  return orderBy && orderBy.length > 0 ? sortKeys(orderBy) : DEFAULT_ORDER;
}

/** Keys in a fixed order, so that equal filters serialise equally and share one batched query. */
export function normaliseFilter(where: InputMaybe<ModelWhere> | undefined): ModelFilter {
  if (!where) return {};
  checkWhereSize(where);
  checkModelWhereAgrees(where);
  const filter: ModelFilter = {};
  if (where.domain != null) filter.domain = idArgument(where.domain);
  if (where.task != null) filter.task = idArgument(where.task);
  if (where.dataset != null) filter.dataset = idArgument(where.dataset);
  if (where.paradigm != null) filter.paradigm = toStored(where.paradigm);
  if (where.modality != null) filter.modality = toStored(where.modality);
  if (where.organization != null) filter.organization = where.organization;
  if (where.nameContains != null) filter.nameContains = where.nameContains;
  if (where.yearFrom != null) filter.yearFrom = where.yearFrom;
  if (where.yearTo != null) filter.yearTo = where.yearTo;
  if (where.openWeights != null) filter.openWeights = where.openWeights;
  if (where.minParameters != null) filter.minParameters = where.minParameters;
  if (where.developedBy != null) filter.developedBy = idArgument(where.developedBy);
  if (where.descendantOf != null) filter.descendantOf = idArgument(where.descendantOf);
  if (where.ancestorOf != null) filter.ancestorOf = idArgument(where.ancestorOf);
  if (where.trainedOnAny != null) filter.trainedOnAny = where.trainedOnAny.map(idArgument);
  if (where.evaluatedOnAny != null) filter.evaluatedOnAny = where.evaluatedOnAny.map(idArgument);
  if (where.hasTrainingData != null) filter.hasTrainingData = where.hasTrainingData;
  if (where.hasEvaluationData != null) filter.hasEvaluationData = where.hasEvaluationData;
  if (where.modalityAny != null) filter.modalityAny = where.modalityAny.map(toStored);
  if (where.domainAny != null) filter.domainAny = where.domainAny.map(idArgument);
  if (where.taskAny != null) filter.taskAny = where.taskAny.map(idArgument);
  return filter;
}

const pageArgsPerField = new PerField<PageArgs>();

/**
 * The page the arguments ask for, its rows carrying the properties the selection below `info` reads and the
 * lists it selects on them (resolvers/look-ahead.ts).
 */
export function pageArgs(args: ModelListArgs, info: LookAheadInfo): PageArgs {
  // One object for every parent of the field: the loaders key it once (loaders/argument-key.ts).
  return pageArgsPerField.get(info, () => {
    const first = checkRange('first', args.first ?? DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE);
    const order = normaliseOrder(args.orderBy);
    const after = args.after == null ? null : decodeCursor(args.after, order);
    return { first, after, filter: normaliseFilter(args.where), order, properties: pageProperties(info), carried: pageCarried(info) };
  });
}
