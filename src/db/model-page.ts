/**
 * Builds the Cypher behind every paged model list (Query.models, Domain.models, Task.models): filters, sort keys
 * with missing values last, keyset pagination after a cursor, and a per-parent limit, for many parents at once.
 *
 * The query text is assembled only from the fixed fragments below, chosen by enum values; every value that comes
 * from a request (ids, filter values, cursor keys, limits) travels as a parameter.
 */
import { compactProjection } from './projections.js';
import type { ModelRow } from './rows.js';

/** Which models a list starts from: all of them, or those linked to one parent entity. */
export type ModelScope = 'all' | 'domain' | 'task';

export type OrderField = 'NAME' | 'YEAR' | 'PARAMETERS';
export type Direction = 'ASC' | 'DESC';

export interface OrderKey {
  field: OrderField;
  direction: Direction;
}

/** Filter values as stored in the graph (paradigm and modality in the data's lower/kebab-case). */
export interface ModelFilter {
  domain?: string;
  task?: string;
  dataset?: string;
  paradigm?: string;
  modality?: string;
  organization?: string;
  nameContains?: string;
  yearFrom?: number;
  yearTo?: number;
  openWeights?: boolean;
  minParameters?: number;
}

/** A sort-key value in a cursor: the key's value for the last model of a page (null when it has none). */
export type SortValue = string | number | null;

/** The position after which a page starts: the sort-key values and the id of the previous page's last model. */
export interface PagePosition {
  values: SortValue[];
  id: string;
}

/** Everything that shapes a page except the parent: requests with equal args are answered by one query. */
export interface PageArgs {
  first: number;
  after: PagePosition | null;
  filter: ModelFilter;
  order: OrderKey[];
}

export interface ModelPageEdge {
  position: PagePosition;
  order: OrderKey[];
  node: ModelRow;
}

export interface ModelPage {
  edges: ModelPageEdge[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** What totalCount needs to count the whole filtered list lazily (only when the field is asked for). */
  count: ModelCountKey;
}

export interface ModelCountKey {
  scope: ModelScope;
  parentId: string;
  filter: ModelFilter;
}

const SORT_EXPRESSION: Record<OrderField, string> = {
  NAME: 'toLower(m.name)',
  YEAR: 'm.year',
  PARAMETERS: 'm.parameters',
};

const SCOPE_PATTERN: Record<ModelScope, string> = {
  all: 'MATCH (m:Model)',
  domain: 'MATCH (:Domain {id: parentId})<-[:IN_DOMAIN]-(m:Model)',
  task: 'MATCH (:Task {id: parentId})<-[:PERFORMS]-(m:Model)',
};

const FILTER_CONDITION: Record<keyof ModelFilter, string> = {
  domain: 'EXISTS { (m)-[:IN_DOMAIN]->(:Domain {id: $filter.domain}) }',
  task: 'EXISTS { (m)-[:PERFORMS]->(:Task {id: $filter.task}) }',
  dataset: 'EXISTS { (m)-[:TRAINED_ON|EVALUATED_ON]->(:Dataset {id: $filter.dataset}) }',
  paradigm: 'm.paradigm = $filter.paradigm',
  modality: '$filter.modality IN m.modalities',
  organization: 'toLower(m.organization) = toLower($filter.organization)',
  nameContains: 'toLower(m.name) CONTAINS toLower($filter.nameContains)',
  yearFrom: 'm.year >= $filter.yearFrom',
  yearTo: 'm.year <= $filter.yearTo',
  openWeights: 'm.openWeights = $filter.openWeights',
  minParameters: 'm.parameters >= $filter.minParameters',
};

/** The default and final sort: by name; every order ends with id so that positions are total. */
export const DEFAULT_ORDER: OrderKey[] = [{ field: 'NAME', direction: 'ASC' }];

/**
 * Sort fields that cannot be missing in this list: names always; a year or parameter count when the filter
 * bounds it. Their "missing last" sort key and cursor clause are left out, which lets Neo4j order by the index.
 */
function presentFields(filter: ModelFilter): Set<OrderField> {
  const present = new Set<OrderField>(['NAME']);
  if (filter.yearFrom !== undefined || filter.yearTo !== undefined) present.add('YEAR');
  if (filter.minParameters !== undefined) present.add('PARAMETERS');
  return present;
}

function filterConditions(filter: ModelFilter): string[] {
  return (Object.keys(FILTER_CONDITION) as (keyof ModelFilter)[])
    .filter((key) => filter[key] !== undefined)
    .map((key) => FILTER_CONDITION[key]);
}

/**
 * The condition "comes after the cursor" for a lexicographic order whose keys may be missing (sorted last):
 * for some key i, all keys before i are equal to the cursor's and key i is strictly after it.
 */
function afterCondition(order: OrderKey[], after: PagePosition, present: Set<OrderField>): string {
  const equal = (i: number): string => {
    const expression = SORT_EXPRESSION[order[i]!.field];
    return after.values[i] === null ? `${expression} IS NULL` : `${expression} = $after.values[${String(i)}]`;
  };
  const greater = (i: number): string | null => {
    // Nothing sorts after a missing value except by a later key.
    if (after.values[i] === null) return null;
    const { field, direction } = order[i]!;
    const expression = SORT_EXPRESSION[field];
    const comparison = direction === 'ASC' ? '>' : '<';
    const strictly = `${expression} ${comparison} $after.values[${String(i)}]`;
    return present.has(field) ? strictly : `(${strictly} OR ${expression} IS NULL)`;
  };
  const alternatives: string[] = [];
  for (let i = 0; i <= order.length; i += 1) {
    const prefix = Array.from({ length: i }, (_, j) => equal(j));
    const strict = i === order.length ? 'm.id > $after.id' : greater(i);
    if (strict !== null) alternatives.push([...prefix, strict].join(' AND '));
  }
  return `(${alternatives.map((a) => `(${a})`).join(' OR ')})`;
}

function orderBy(order: OrderKey[], present: Set<OrderField>): string {
  const keys = order.flatMap(({ field, direction }) => {
    const expression = SORT_EXPRESSION[field];
    return present.has(field) ? [`${expression} ${direction}`] : [`${expression} IS NULL`, `${expression} ${direction}`];
  });
  return [...keys, 'm.id'].join(', ');
}

/** Joins conditions made only from FILTER_CONDITION and afterCondition (fixed text, values as parameters). */
function whereClause(conditions: string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join('\n  AND ')}`;
}

/**
 * One page per parent. Params: $parentIds, $filter, $after, $limit (first + 1, to learn whether more follow).
 * Returns one row per parent: parentId, page (Model rows with their sortValues, in order).
 */
export function modelPageQuery(scope: ModelScope, args: PageArgs): string {
  const present = presentFields(args.filter);
  const conditions = filterConditions(args.filter);
  if (args.after) conditions.push(afterCondition(args.order, args.after, present));
  const sortValues = args.order.map(({ field }) => SORT_EXPRESSION[field]).join(', ');
  return [
    'UNWIND $parentIds AS parentId',
    'CALL (parentId) {',
    `  ${SCOPE_PATTERN[scope]}`,
    `  ${whereClause(conditions)}`,
    `  WITH m ORDER BY ${orderBy(args.order, present)}`,
    '  LIMIT $limit',
    `  RETURN collect(${compactProjection('m', 'Model', { sortValues: `[${sortValues}]` })}) AS page`,
    '}',
    'RETURN parentId, page',
  ].join('\n');
}

/** Size of the whole filtered list per parent. Params: $parentIds, $filter. Returns parentId, total. */
export function modelCountQuery(scope: ModelScope, filter: ModelFilter): string {
  return [
    'UNWIND $parentIds AS parentId',
    'CALL (parentId) {',
    `  ${SCOPE_PATTERN[scope]}`,
    `  ${whereClause(filterConditions(filter))}`,
    '  RETURN count(m) AS total',
    '}',
    'RETURN parentId, total',
  ].join('\n');
}

/** Turns the rows of one parent's page query into a page. */
export function toModelPage(
  rows: (ModelRow & { sortValues: SortValue[] })[],
  args: PageArgs,
  count: ModelCountKey,
): ModelPage {
  const edges = rows.slice(0, args.first).map(({ sortValues, ...node }) => ({
    position: { values: sortValues, id: node.id },
    order: args.order,
    node,
  }));
  return { edges, hasNextPage: rows.length > args.first, hasPreviousPage: args.after !== null, count };
}
