/**
 * The Cypher of every list field that follows relationships from a parent entity, for many parents at once.
 *
 * Each pattern is a fixed string of this table, chosen by field name; the parents' ids travel as $parentIds.
 */
import { compactProjection } from './projections.js';
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
  /** From the parent (bound by id to `parentId`) to the related node `n`. */
  pattern: string;
  label: RelationTargets[RelationName]['label'];
  /** What the list is sorted by before the id; by name unless the relationship keeps an order of its own. */
  sortKey?: string;
}

export const RELATIONS: Record<RelationName, RelationSpec> = {
  'Domain.tasks': { pattern: '(:Domain {id: parentId})-[:HAS_TASK]->(n:Task)', label: 'Task' },
  'Domain.datasets': {
    pattern: '(:Domain {id: parentId})-[:HAS_TASK]->(:Task)-[:BENCHMARKED_ON]->(n:Dataset)',
    label: 'Dataset',
  },
  'Task.domains': { pattern: '(:Task {id: parentId})<-[:HAS_TASK]-(n:Domain)', label: 'Domain' },
  'Task.datasets': { pattern: '(:Task {id: parentId})-[:BENCHMARKED_ON]->(n:Dataset)', label: 'Dataset' },
  'Dataset.tasks': { pattern: '(:Dataset {id: parentId})<-[:BENCHMARKED_ON]-(n:Task)', label: 'Task' },
  'Dataset.trainedModels': { pattern: '(:Dataset {id: parentId})<-[:TRAINED_ON]-(n:Model)', label: 'Model' },
  'Dataset.evaluatedModels': { pattern: '(:Dataset {id: parentId})<-[:EVALUATED_ON]-(n:Model)', label: 'Model' },
  'Model.domains': { pattern: '(:Model {id: parentId})-[:IN_DOMAIN]->(n:Domain)', label: 'Domain' },
  'Model.tasks': { pattern: '(:Model {id: parentId})-[:PERFORMS]->(n:Task)', label: 'Task' },
  'Model.trainedOn': { pattern: '(:Model {id: parentId})-[:TRAINED_ON]->(n:Dataset)', label: 'Dataset' },
  'Model.evaluatedOn': { pattern: '(:Model {id: parentId})-[:EVALUATED_ON]->(n:Dataset)', label: 'Dataset' },
  'Model.basedOn': { pattern: '(:Model {id: parentId})-[:BASED_ON]->(n:Model)', label: 'Model' },
  'Model.derivatives': { pattern: '(:Model {id: parentId})<-[:BASED_ON]-(n:Model)', label: 'Model' },
  'Model.organizations': {
    pattern: '(:Model {id: parentId})-[r:DEVELOPED_BY]->(n:Organization)',
    label: 'Organization',
    sortKey: 'r.rank',
  },
  'Organization.parent': { pattern: '(:Organization {id: parentId})-[:PART_OF]->(n:Organization)', label: 'Organization' },
  'Organization.parts': { pattern: '(:Organization {id: parentId})<-[:PART_OF]-(n:Organization)', label: 'Organization' },
};

/**
 * Params: $parentIds. Returns one row per parent: parentId, nodes (compact rows, distinct, by the sort key (name
 * unless said otherwise) then id). The pattern and sort key are the fixed strings of RELATIONS for this field name.
 */
export function relationQuery(name: RelationName): string {
  return [
    'UNWIND $parentIds AS parentId',
    'CALL (parentId) {',
    `  MATCH ${RELATIONS[name].pattern}`,
    `  WITH DISTINCT n, ${RELATIONS[name].sortKey ?? 'toLower(n.name)'} AS sortKey ORDER BY sortKey, n.id`,
    `  RETURN collect(${compactProjection('n', RELATIONS[name].label)}) AS nodes`,
    '}',
    'RETURN parentId, nodes',
  ].join('\n');
}
