/**
 * Builds the Cypher behind every paged model list (Query.models, Domain.models, Task.models): filters, sort keys
 * with missing values last, keyset pagination after a cursor, and a per-parent limit, for many parents at once.
 *
 * The query text is assembled only from the fixed fragments below, chosen by enum values; every value that comes
 * from a request (ids, filter values, cursor keys, limits) travels as a parameter.
 */
import { LRUCache } from 'lru-cache';
import type { Carried, CarriedPageParams } from './look-ahead.js';
import { unlabelledProjection } from './projections.js';
import { CARRY_NOTHING, type CarryingOf } from './relation-query.js';
import type { ModelRow } from './rows.js';

/**
 * Which models a list starts from: all of them, or those linked to one parent entity (for an organisation, with
 * or without the models of its parts).
 */
export type ModelScope = 'all' | 'domain' | 'task' | 'organization' | 'organizationWithParts';

export type OrderField = 'NAME' | 'YEAR' | 'PARAMETERS' | 'DERIVATIVES' | 'DESCENDANTS' | 'DATASETS';
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
  developedBy?: string;
  descendantOf?: string;
  ancestorOf?: string;
  trainedOnAny?: string[];
  evaluatedOnAny?: string[];
  hasTrainingData?: boolean;
  hasEvaluationData?: boolean;
  /** In the data's kebab-case. */
  modalityAny?: string[];
  domainAny?: string[];
  taskAny?: string[];
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
  /** The stored properties the rows carry besides id and name: those the request selects (sorted). */
  properties: string[];
  /** What the rows carry for their own relation fields and model lists (db/look-ahead.ts); [] for nothing. */
  carried: Carried[];
}

export interface ModelPageEdge {
  order: OrderKey[];
  /** A row of the page query: it carries its sort keys (edgePosition reads them). */
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

/**
 * The property of a model each sort field orders by, which a page's rows also carry, since their cursors are made
 * of these values: stored (DERIVATIVES, DESCENDANTS and DATASETS on every model by cypher/derived/, never missing),
 * or for NAME the lowered name, carried as an entry of this name. Carried whether or not the request selects it: a
 * list of the values on every row (`sortValues: [m.year]`) cost the server more to unpack than the page's own
 * properties: side by side, a first page's server CPU 0.281 ms with it, 0.251 with one more property, 0.237 with
 * none (README, "Benchmark").
 */
const SORT_KEY: Record<OrderField, string> = {
  NAME: 'nameKey',
  YEAR: 'year',
  PARAMETERS: 'parameters',
  DERIVATIVES: 'derivativeCount',
  DESCENDANTS: 'descendantCount',
  DATASETS: 'datasetCount',
};

/** What Cypher orders by for each field: the property SORT_KEY names, NAME's lowered name. */
const SORT_EXPRESSION = Object.fromEntries(
  (Object.keys(SORT_KEY) as OrderField[]).map((field) => [field, field === 'NAME' ? 'toLower(m.name)' : `m.${SORT_KEY[field]}`]),
) as Record<OrderField, string>;

/** What a page's rows carry for their sort keys: stored properties, and NAME's lowered name as an entry. */
function sortKeyProjection(order: OrderKey[]): { properties: string[]; entries: Record<string, string> } {
  const properties = order.filter(({ field }) => field !== 'NAME').map(({ field }) => SORT_KEY[field]);
  const byName = order.some(({ field }) => field === 'NAME');
  return { properties, entries: byName ? { [SORT_KEY.NAME]: SORT_EXPRESSION.NAME } : {} };
}

/** Sort fields every model has a value for. */
const ALWAYS_PRESENT: OrderField[] = ['NAME', 'DERIVATIVES', 'DESCENDANTS', 'DATASETS'];

/** From the scope's parent node `parent` (bound before) to its models `m`. */
export const SCOPE_FROM_PARENT: Record<Exclude<ModelScope, 'all'>, string> = {
  domain: 'MATCH (parent)<-[:IN_DOMAIN]-(m:Model)',
  task: 'MATCH (parent)<-[:PERFORMS]-(m:Model)',
  organization: 'MATCH (parent)<-[:DEVELOPED_BY]-(m:Model)',
  // Conditions that follow attach to the WITH as its WHERE.
  organizationWithParts: 'MATCH (parent)<-[:PART_OF*0..]-(:Organization)<-[:DEVELOPED_BY]-(m:Model)\n  WITH DISTINCT m',
};

const SCOPE_LABEL: Record<Exclude<ModelScope, 'all'>, string> = {
  domain: 'Domain',
  task: 'Task',
  organization: 'Organization',
  organizationWithParts: 'Organization',
};

/** From the parent with the id `parentId` to its models `m` (the parent pattern and label are fixed text). */
export const SCOPE_PATTERN: Record<ModelScope, string> = {
  all: 'MATCH (m:Model)',
  ...(Object.fromEntries(
    (Object.keys(SCOPE_FROM_PARENT) as Exclude<ModelScope, 'all'>[]).map((scope) => [
      scope,
      SCOPE_FROM_PARENT[scope].replace('(parent)', `(:${SCOPE_LABEL[scope]} {id: parentId})`),
    ]),
  ) as Record<Exclude<ModelScope, 'all'>, string>),
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
  // Each model's developers with every organisation they are part of, and its ancestors, are stored
  // (cypher/derived/05-model-developer-ids.cypher, 04-model-ancestors.cypher): a list test per model, not a search
  // of the PART_OF tree or the lineage from each.
  developedBy: '$filter.developedBy IN m.developerIds',
  descendantOf: '$filter.descendantOf IN m.ancestorIds',
  ancestorOf: 'EXISTS { MATCH (descendant:Model {id: $filter.ancestorOf}) WHERE m.id IN descendant.ancestorIds }',
  trainedOnAny: 'EXISTS { MATCH (m)-[:TRAINED_ON]->(d:Dataset) WHERE d.id IN $filter.trainedOnAny }',
  evaluatedOnAny: 'EXISTS { MATCH (m)-[:EVALUATED_ON]->(d:Dataset) WHERE d.id IN $filter.evaluatedOnAny }',
  hasTrainingData: 'EXISTS { (m)-[:TRAINED_ON]->(:Dataset) } = $filter.hasTrainingData',
  hasEvaluationData: 'EXISTS { (m)-[:EVALUATED_ON]->(:Dataset) } = $filter.hasEvaluationData',
  modalityAny: 'any(modality IN m.modalities WHERE modality IN $filter.modalityAny)',
  domainAny: 'EXISTS { MATCH (m)-[:IN_DOMAIN]->(d:Domain) WHERE d.id IN $filter.domainAny }',
  taskAny: 'EXISTS { MATCH (m)-[:PERFORMS]->(t:Task) WHERE t.id IN $filter.taskAny }',
};

/** The default and final sort: by name; every order ends with id so that positions are total. */
export const DEFAULT_ORDER: OrderKey[] = [{ field: 'NAME', direction: 'ASC' }];

/**
 * Sort fields that cannot be missing in this list: names and stored counts always; a year or parameter count
 * when the filter bounds it. Their "missing last" sort key and cursor clause are left out, which lets Neo4j order
 * by the index.
 */
function presentFields(filter: ModelFilter): Set<OrderField> {
  return new Set<OrderField>([...ALWAYS_PRESENT, ...boundedFields(filter)]);
}

/** Sort fields whose values the filter bounds: a model without one does not pass it. */
function boundedFields(filter: ModelFilter): OrderField[] {
  return [
    ...(filter.yearFrom !== undefined || filter.yearTo !== undefined ? (['YEAR'] as const) : []),
    ...(filter.minParameters !== undefined ? (['PARAMETERS'] as const) : []),
  ];
}

/**
 * The Cypher conditions of a filter on the model bound to `m`, values as `$filter` parameters (fixed text), or as
 * fields of `source` (a parameter expression such as `$carried[0].filter`, made by db/look-ahead.ts).
 */
export function filterConditions(filter: ModelFilter, source = '$filter'): string[] {
  return (Object.keys(FILTER_CONDITION) as (keyof ModelFilter)[])
    .filter((key) => filter[key] !== undefined)
    .map((key) => FILTER_CONDITION[key].replaceAll('$filter', source));
}

/** The id breaks ties in the direction of the last key, so that an index on (key, id) can supply the whole order. */
function idDirection(order: OrderKey[]): Direction {
  return order[order.length - 1]?.direction ?? 'ASC';
}

/**
 * "Comes after the cursor" for a lexicographic order whose keys may be missing (sorted last), as disjoint
 * alternatives in page order: alternative i holds the rows whose first i keys equal the cursor's and whose key i
 * is strictly after it (the id when i is the number of keys), so rows matching a longer equal prefix come first.
 */
function afterAlternatives(order: OrderKey[], after: PagePosition, present: Set<OrderField>): string[] {
  const equal = (i: number): string => {
    const expression = SORT_EXPRESSION[order[i]!.field];
    return after.values[i] === null ? `${expression} IS NULL` : `${expression} = $after.values[${String(i)}]`;
  };
  const greater = (i: number): string | null => {
    if (i === order.length) return `m.id ${idDirection(order) === 'ASC' ? '>' : '<'} $after.id`;
    // Nothing sorts after a missing value except by a later key.
    if (after.values[i] === null) return null;
    const { field, direction } = order[i]!;
    const expression = SORT_EXPRESSION[field];
    const strictly = `${expression} ${direction === 'ASC' ? '>' : '<'} $after.values[${String(i)}]`;
    return present.has(field) ? strictly : `(${strictly} OR ${expression} IS NULL)`;
  };
  const alternatives: string[] = [];
  for (let i = order.length; i >= 0; i -= 1) {
    const strict = greater(i);
    if (strict !== null) alternatives.push([...Array.from({ length: i }, (_, j) => equal(j)), strict].join(' AND '));
  }
  return alternatives;
}

function orderBy(order: OrderKey[], present: Set<OrderField>): string {
  const keys = order.flatMap(({ field, direction }) => {
    const expression = SORT_EXPRESSION[field];
    return present.has(field) ? [`${expression} ${direction}`] : [`${expression} IS NULL`, `${expression} ${direction}`];
  });
  return [...keys, `m.id ${idDirection(order)}`].join(', ');
}

/**
 * Whether the (key, id) index of the first sort key can hand out the list in page order: a year or parameter
 * count that the filter bounds (so none is missing), or a stored count, over all models rather than one parent's.
 */
function indexOrdered(scope: ModelScope, order: OrderKey[], present: Set<OrderField>): boolean {
  const field = order[0]?.field;
  return scope === 'all' && field !== undefined && field !== 'NAME' && present.has(field);
}

/** Joins conditions made only from FILTER_CONDITION and afterAlternatives (fixed text, values as parameters). */
export function whereClause(conditions: string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join('\n  AND ')}`;
}

/**
 * The conditions of each part of a page, in page order. Usually one part; after a cursor on an index-ordered
 * list, one part per cursor alternative: Neo4j turns an OR of alternatives into a union that it must sort as a
 * whole (all ties of the cursor's year read and sorted), while each alternative alone is an index seek that stops
 * after $limit rows, so a page deep in the list costs what the first page costs.
 */
function pageParts(scope: ModelScope, args: PageArgs, present: Set<OrderField>): string[][] {
  const conditions = filterConditions(args.filter);
  const seeks = indexOrdered(scope, args.order, present);
  // The composite index covers only rows that have both properties; saying so lets the planner use it. A key the
  // filter bounds says so already: its IS NOT NULL would only add a filter step on every row the seek reads.
  if (seeks) {
    const field = args.order[0]!.field;
    if (!boundedFields(args.filter).includes(field)) conditions.push(`${SORT_EXPRESSION[field]} IS NOT NULL`);
    conditions.push('m.id IS NOT NULL');
  }
  if (!args.after) return [conditions];
  const alternatives = afterAlternatives(args.order, args.after, present);
  if (seeks) return alternatives.map((alternative) => [...conditions, alternative]);
  return [[...conditions, `(${alternatives.map((a) => `(${a})`).join(' OR ')})`]];
}

/**
 * The lines of one part of a page after `match` (which binds the models `m`) as `result`: the models in page
 * order, at most `limit` of them, with what `carrying` adds to each.
 */
function pageBody(match: string, conditions: string[], args: PageArgs, limit: string, result: string, carrying: CarryingOf): string[] {
  const present = presentFields(args.filter);
  const order = orderBy(args.order, present);
  const { lines, entries } = carrying('m');
  const sortKeys = sortKeyProjection(args.order);
  const properties = [...new Set([...args.properties, ...sortKeys.properties])];
  return [
    match,
    whereClause(conditions),
    `WITH m ORDER BY ${order}`,
    `LIMIT ${limit}`,
    ...(lines.length === 0 ? [] : [...lines, `WITH * ORDER BY ${order}`]),
    // The loader marks the rows compact Model rows (compactRow).
    `RETURN collect(${unlabelledProjection('m', properties, { ...sortKeys.entries, ...entries })}) AS ${result}`,
  ];
}

/**
 * The first page of the models of `parent` (bound before the lines) as `result`, its filter and limit the fields
 * `filter` and `limit` of the parameter expression `param` (e.g. `$carried[0]`): what a list carries for a model
 * list of its rows (db/look-ahead.ts; no cursor, so the page is one part).
 */
export function carriedPageBody(scope: Exclude<ModelScope, 'all'>, args: PageArgs, param: string, result: string, carrying: CarryingOf): string[] {
  return pageBody(SCOPE_FROM_PARENT[scope], filterConditions(args.filter, `${param}.filter`), args, `${param}.limit`, result, carrying);
}

/** How many models, in name order, a first page by name looks at for its rows, per row it wants. */
const NAME_WALK_PER_ROW = 50;

/**
 * Whether a page is a first page of all models by name alone, which walks the (nameKey, id) index (nameKey is
 * toLower(name), stored by cypher/derived/) instead of sorting the whole filtered list.
 */
function nameWalked(scope: ModelScope, args: PageArgs): boolean {
  return scope === 'all' && args.after === null && args.order.length === 1 && args.order[0]!.field === 'NAME';
}

/**
 * What binds the models `m` of a first page of all models by name: the first NAME_WALK_PER_ROW × $limit models in
 * name order (an index walk that sorts nothing), filtered, when they hold $limit matches, which are then the
 * page; else, the whole filtered list, as for any other page. A filter that keeps most models (the usual case)
 * costs a few dozen models instead of all of them; one that keeps few costs one short walk more.
 */
function nameWalkMatch(conditions: string[], direction: Direction): string {
  const order = `ORDER BY m.nameKey ${direction}, m.id ${direction}`;
  return [
    'CALL () {',
    '  MATCH (m:Model) USING INDEX m:Model(nameKey, id)',
    '  WHERE m.nameKey IS NOT NULL AND m.id IS NOT NULL',
    `  WITH m ${order} LIMIT ${String(NAME_WALK_PER_ROW)} * $limit`,
    ...(conditions.length === 0 ? [] : [`  WITH m ${whereClause(conditions)}`]),
    `  WITH m ${order} LIMIT $limit`,
    '  RETURN collect(m) AS walked',
    '}',
    'CALL (walked) {',
    '  WITH walked WHERE size(walked) = $limit',
    '  UNWIND walked AS m',
    '  RETURN m',
    'UNION ALL',
    // A row only when the walk fell short: a WHERE on `walked` alone would be checked after the whole list is read.
    '  UNWIND CASE WHEN size(walked) < $limit THEN [true] ELSE [] END AS fallback',
    `  ${SCOPE_PATTERN.all}`,
    `  ${whereClause(conditions)}`,
    '  RETURN m',
    '}',
  ].join('\n');
}

/** The parent id of the list of all models, which has no parent entity. */
export const ALL_MODELS_PARENT = '';

/**
 * Whether a scope's statement starts from a row per parent: every scope's but the list of all models', whose one
 * page needs none (Neo4j spent 5% more of its CPU on a first page with the UNWIND of its one parent).
 */
function startsFromParents(scope: ModelScope): boolean {
  return scope !== 'all';
}

/**
 * One page per parent. Params (modelPageParams): $parentIds (not for the list of all models), $filter, $after (when
 * there is a cursor), $limit (first + 1, to learn whether more follow), and those of what `carrying` adds. Returns
 * one row per parent: parentId, page (Model rows with their sort keys, in order).
 */
export function modelPageQuery(scope: ModelScope, args: PageArgs, carrying: CarryingOf = CARRY_NOTHING): string {
  const parts = pageParts(scope, args, presentFields(args.filter));
  const names = parts.map((_, i) => `part${String(i)}`);
  // Every interpolation below is fixed text: the scope pattern, conditions and sort expressions come from this
  // module's tables (chosen by enum values), the projection from db/projections.ts (its properties from an
  // allow-list), part names from an index.
  // The walk filters inside its own match (its conditions are those of the one part, there being no cursor) and
  // takes its order from the first key's direction; the page then has nothing left to filter.
  const walked = nameWalked(scope, args);
  const perParent = startsFromParents(scope);
  const subqueries = parts.flatMap((conditions, i) => [
    perParent ? 'CALL (parentId) {' : 'CALL () {',
    ...pageBody(
      walked ? nameWalkMatch(conditions, args.order[0]!.direction) : SCOPE_PATTERN[scope],
      walked ? [] : conditions,
      args,
      '$limit',
      names[i]!,
      carrying,
    ).map((line) => `  ${line}`),
    '}',
  ]);
  const page = names.length === 1 ? names[0]! : `(${names.join(' + ')})[0..$limit]`;
  // ALL_MODELS_PARENT is this module's constant, not a request's value: written into the text, it spares the
  // statement a parameter.
  return perParent
    ? ['UNWIND $parentIds AS parentId', ...subqueries, `RETURN parentId, ${page} AS page`].join('\n')
    : [...subqueries, `RETURN '${ALL_MODELS_PARENT}' AS parentId, ${page} AS page`].join('\n');
}

/**
 * The parameters of a page statement for `parentIds`: only those it reads, as Neo4j takes time over every
 * parameter it is sent, used or not (an unused `$after: null` and `$carried: []` cost it 7% of a first page's
 * statement).
 */
export function modelPageParams(
  scope: ModelScope,
  args: PageArgs,
  parentIds: string[],
  carried: CarriedPageParams[],
): Record<string, unknown> {
  return {
    ...(startsFromParents(scope) ? { parentIds } : {}),
    filter: args.filter,
    ...(args.after === null ? {} : { after: args.after }),
    limit: args.first + 1,
    ...(carried.length === 0 ? {} : { carried }),
  };
}

/** How many shapes of page keep their statement's text: far more than the lists any one client asks for. */
const MAX_PAGE_STATEMENTS = 500;

const pageStatements = new LRUCache<string, string>({ max: MAX_PAGE_STATEMENTS });

/**
 * All that decides the text of a page statement whose rows carry nothing: which filters are set (not their
 * values), the order, which of a cursor's values are missing, and the properties; never a value from a request.
 */
function statementShape(scope: ModelScope, args: PageArgs): string {
  const filters = (Object.keys(args.filter) as (keyof ModelFilter)[]).filter((key) => args.filter[key] !== undefined);
  const missing = args.after?.values.map((value) => value === null) ?? null;
  return JSON.stringify([scope, filters, args.order, missing, args.properties]);
}

/**
 * modelPageQuery for rows that carry no lists, its text made once per shape of page: in a loop, 0.6 µs instead of
 * 2.9-3.5 for a first page's and 5.8-6.0 for a deep page's.
 */
export function plainModelPageQuery(scope: ModelScope, args: PageArgs): string {
  const shape = statementShape(scope, args);
  let statement = pageStatements.get(shape);
  if (statement === undefined) pageStatements.set(shape, (statement = modelPageQuery(scope, args)));
  return statement;
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
export function toModelPage(rows: ModelRow[], args: PageArgs, count: ModelCountKey): ModelPage {
  // The row itself is the node (its sort keys left on it): a copy without them cost more than all the rest of
  // the page's making, for pages of thousands of rows.
  const edges = rows.slice(0, args.first).map((node) => ({ order: args.order, node }));
  return { edges, hasNextPage: rows.length > args.first, hasPreviousPage: args.after !== null, count };
}

/** Where an edge stands in its list's order (what its cursor says): its sort keys' values, then its id. */
export function edgePosition({ node, order }: ModelPageEdge): PagePosition {
  const row = node as unknown as Record<string, SortValue | undefined>;
  return { values: order.map(({ field }) => row[SORT_KEY[field]] ?? null), id: node.id };
}
