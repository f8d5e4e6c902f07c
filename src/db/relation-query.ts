/**
 * The Cypher of every list field that follows relationships from a parent entity, for many parents at once.
 *
 * Each pattern is fixed text of this table, chosen by field name, with the variable names the builders below give
 * it; the parents' ids travel as $parentIds.
 */
import { unlabelledProjection } from './projections.js';
import type { DatasetRow, DomainRow, ModelRow, OrganizationRow, TaskRow } from './rows.js';

/** Row type each relation field returns. */
export interface RelationTargets {
  'Domain.tasks': TaskRow;
  'Domain.datasets': DatasetRow;
  'Task.domains': DomainRow;
  'Task.datasets': DatasetRow;
  'Dataset.tasks': TaskRow;
  'Dataset.trainedModels': ModelRow;
  'Dataset.evaluatedModels': ModelRow;
  'Model.domains': DomainRow;
  'Model.tasks': TaskRow;
  'Model.trainedOn': DatasetRow;
  'Model.evaluatedOn': DatasetRow;
  'Model.basedOn': ModelRow;
  'Model.derivatives': ModelRow;
  'Model.organizations': OrganizationRow;
  'Organization.parent': OrganizationRow;
  'Organization.parts': OrganizationRow;
}

export type RelationName = keyof RelationTargets;

/** The names a relation's pattern uses: the parent node (bound before it), the related node, the relationship. */
interface RelationVariables {
  parent: string;
  node: string;
  link: string;
}

interface RelationSpec {
  /** From the parent node to the related node, under the names given. */
  pattern: (names: RelationVariables) => string;
  label: RelationTargets[RelationName]['label'];
  /** What the list is sorted by before the id; by name unless the relationship keeps an order of its own. */
  sortKey?: (names: RelationVariables) => string;
}

export const RELATIONS: Record<RelationName, RelationSpec> = {
  'Domain.tasks': { pattern: ({ parent, node }) => `(${parent})-[:HAS_TASK]->(${node}:Task)`, label: 'Task' },
  'Domain.datasets': {
    pattern: ({ parent, node }) => `(${parent})-[:HAS_TASK]->(:Task)-[:BENCHMARKED_ON]->(${node}:Dataset)`,
    label: 'Dataset',
  },
  'Task.domains': { pattern: ({ parent, node }) => `(${parent})<-[:HAS_TASK]-(${node}:Domain)`, label: 'Domain' },
  'Task.datasets': { pattern: ({ parent, node }) => `(${parent})-[:BENCHMARKED_ON]->(${node}:Dataset)`, label: 'Dataset' },
  'Dataset.tasks': { pattern: ({ parent, node }) => `(${parent})<-[:BENCHMARKED_ON]-(${node}:Task)`, label: 'Task' },
  'Dataset.trainedModels': { pattern: ({ parent, node }) => `(${parent})<-[:TRAINED_ON]-(${node}:Model)`, label: 'Model' },
  'Dataset.evaluatedModels': { pattern: ({ parent, node }) => `(${parent})<-[:EVALUATED_ON]-(${node}:Model)`, label: 'Model' },
  'Model.domains': { pattern: ({ parent, node }) => `(${parent})-[:IN_DOMAIN]->(${node}:Domain)`, label: 'Domain' },
  'Model.tasks': { pattern: ({ parent, node }) => `(${parent})-[:PERFORMS]->(${node}:Task)`, label: 'Task' },
  'Model.trainedOn': { pattern: ({ parent, node }) => `(${parent})-[:TRAINED_ON]->(${node}:Dataset)`, label: 'Dataset' },
  'Model.evaluatedOn': { pattern: ({ parent, node }) => `(${parent})-[:EVALUATED_ON]->(${node}:Dataset)`, label: 'Dataset' },
  'Model.basedOn': { pattern: ({ parent, node }) => `(${parent})-[:BASED_ON]->(${node}:Model)`, label: 'Model' },
  'Model.derivatives': { pattern: ({ parent, node }) => `(${parent})<-[:BASED_ON]-(${node}:Model)`, label: 'Model' },
  'Model.organizations': {
    pattern: ({ parent, node, link }) => `(${parent})-[${link}:DEVELOPED_BY]->(${node}:Organization)`,
    label: 'Organization',
    sortKey: ({ link }) => `${link}.rank`,
  },
  'Organization.parent': { pattern: ({ parent, node }) => `(${parent})-[:PART_OF]->(${node}:Organization)`, label: 'Organization' },
  'Organization.parts': { pattern: ({ parent, node }) => `(${parent})<-[:PART_OF]-(${node}:Organization)`, label: 'Organization' },
};

/** The label of the parents of a relation field: the type that holds the field (fixed text of RelationName). */
function parentLabel(name: RelationName): string {
  return name.slice(0, name.indexOf('.'));
}

/**
 * Lines of Cypher under the rows `variable` of a list, and the map entries those lines bind (name: expression)
 * for the rows' projection: what the list carries for its rows' own fields (db/look-ahead.ts).
 */
export interface Carrying {
  lines: string[];
  entries: Record<string, string>;
}

export type CarryingOf = (variable: string) => Carrying;

export const CARRY_NOTHING: CarryingOf = () => ({ lines: [], entries: {} });

/**
 * The lines that list one parent's related nodes as `result`, from `parent` (bound before them): rows of id and
 * name (the loader marks them compact rows of the field's label), distinct, by the sort key (name unless said
 * otherwise) then id, with what `carrying` adds to each row. The pattern and sort key are the fixed strings of
 * RELATIONS for this field name.
 */
function relationBody(name: RelationName, result: string, carrying: CarryingOf = CARRY_NOTHING): string[] {
  const { lines, entries } = carrying('n');
  return [
    ...sortedRelated(name, { parent: 'parent', node: 'n', link: 'r' }, 'sortKey', lines),
    `RETURN collect(${unlabelledProjection('n', [], entries)}) AS ${result}`,
  ];
}

/** The distinct related nodes of `names.parent` by the field's sort key (bound as `key`) then id, with `lines` run on them. */
function sortedRelated(name: RelationName, names: RelationVariables, key: string, lines: string[]): string[] {
  const { pattern, sortKey = ({ node }) => `toLower(${node}.name)` } = RELATIONS[name];
  const distinct = `WITH DISTINCT ${names.node}, ${sortKey(names)} AS ${key}`;
  const order = `ORDER BY ${key}, ${names.node}.id`;
  return [`MATCH ${pattern(names)}`, ...(lines.length === 0 ? [`${distinct} ${order}`] : [distinct, ...lines, `WITH * ${order}`])];
}

/**
 * The rows of relationBody for the parent `parent` as a list expression (a COLLECT subquery): what the rows of a
 * list carry for a relation field whose own rows carry nothing. Neo4j evaluates it within the rows' projection,
 * for less than a CALL subquery per row costs (10-15% less of its CPU for domain → tasks → models → trainedOn,
 * README "Benchmark"). A subquery expression sees every name of the query around it and may not bind one of
 * them again: its own names end in `depth`, as no name of the lists' queries does.
 */
export function relatedList(name: RelationName, parent: string, depth: number): string {
  const names = { parent, node: `related${String(depth)}`, link: `link${String(depth)}` };
  const rows = sortedRelated(name, names, `relatedKey${String(depth)}`, []);
  return ['COLLECT {', ...rows, `RETURN ${unlabelledProjection(names.node, [])}`, '}'].join(' ');
}

/**
 * Params: $parentIds (and those of what `carrying` adds). Returns one row per parent: parentId, nodes (the rows of
 * relationBody). The parent's label is the fixed prefix of the field name.
 */
export function relationQuery(name: RelationName, carrying: CarryingOf = CARRY_NOTHING): string {
  return [
    'UNWIND $parentIds AS parentId',
    'CALL (parentId) {',
    `  MATCH (parent:${parentLabel(name)} {id: parentId})`,
    ...relationBody(name, 'nodes', carrying).map((line) => `  ${line}`),
    '}',
    'RETURN parentId, nodes',
  ].join('\n');
}
