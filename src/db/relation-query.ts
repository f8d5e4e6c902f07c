/**
 * The Cypher of every list field that follows relationships from a parent entity, for many parents at once.
 *
 * Each pattern is a fixed string of this table, chosen by field name; the parents' ids travel as $parentIds.
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

interface RelationSpec {
  /** From the parent node `parent` to the related node `n`. */
  pattern: string;
  label: RelationTargets[RelationName]['label'];
  /** What the list is sorted by before the id; by name unless the relationship keeps an order of its own. */
  sortKey?: string;
}

export const RELATIONS: Record<RelationName, RelationSpec> = {
  'Domain.tasks': { pattern: '(parent)-[:HAS_TASK]->(n:Task)', label: 'Task' },
  'Domain.datasets': {
    pattern: '(parent)-[:HAS_TASK]->(:Task)-[:BENCHMARKED_ON]->(n:Dataset)',
    label: 'Dataset',
  },
  'Task.domains': { pattern: '(parent)<-[:HAS_TASK]-(n:Domain)', label: 'Domain' },
  'Task.datasets': { pattern: '(parent)-[:BENCHMARKED_ON]->(n:Dataset)', label: 'Dataset' },
  'Dataset.tasks': { pattern: '(parent)<-[:BENCHMARKED_ON]-(n:Task)', label: 'Task' },
  'Dataset.trainedModels': { pattern: '(parent)<-[:TRAINED_ON]-(n:Model)', label: 'Model' },
  'Dataset.evaluatedModels': { pattern: '(parent)<-[:EVALUATED_ON]-(n:Model)', label: 'Model' },
  'Model.domains': { pattern: '(parent)-[:IN_DOMAIN]->(n:Domain)', label: 'Domain' },
  'Model.tasks': { pattern: '(parent)-[:PERFORMS]->(n:Task)', label: 'Task' },
  'Model.trainedOn': { pattern: '(parent)-[:TRAINED_ON]->(n:Dataset)', label: 'Dataset' },
  'Model.evaluatedOn': { pattern: '(parent)-[:EVALUATED_ON]->(n:Dataset)', label: 'Dataset' },
  'Model.basedOn': { pattern: '(parent)-[:BASED_ON]->(n:Model)', label: 'Model' },
  'Model.derivatives': { pattern: '(parent)<-[:BASED_ON]-(n:Model)', label: 'Model' },
  'Model.organizations': {
    pattern: '(parent)-[r:DEVELOPED_BY]->(n:Organization)',
    label: 'Organization',
    sortKey: 'r.rank',
  },
  'Organization.parent': { pattern: '(parent)-[:PART_OF]->(n:Organization)', label: 'Organization' },
  'Organization.parts': { pattern: '(parent)<-[:PART_OF]-(n:Organization)', label: 'Organization' },
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
export function relationBody(name: RelationName, result: string, carrying: CarryingOf = CARRY_NOTHING): string[] {
  const { pattern, sortKey = 'toLower(n.name)' } = RELATIONS[name];
  const { lines, entries } = carrying('n');
  const sorted = lines.length === 0
    ? [`WITH DISTINCT n, ${sortKey} AS sortKey ORDER BY sortKey, n.id`]
    : [`WITH DISTINCT n, ${sortKey} AS sortKey`, ...lines, 'WITH * ORDER BY sortKey, n.id'];
  return [`MATCH ${pattern}`, ...sorted, `RETURN collect(${unlabelledProjection('n', [], entries)}) AS ${result}`];
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
