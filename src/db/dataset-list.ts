/**
 * Query.datasets: the datasets matching a filter, sorted by name or by stored counts (cypher/derived/), in one
 * Cypher query made from the fixed fragments below, chosen by enum values; every value travels as $filter.
 */
import type { Reader } from './database.js';
import type { DatasetRow } from './rows.js';

/** Filter values as stored in the graph (the modality in the data's kebab-case). */
export interface DatasetFilter {
  modality?: string;
  task?: string;
  domain?: string;
  usedForTraining?: boolean;
  usedForEvaluation?: boolean;
  trainedByDomain?: string;
  nameContains?: string;
}

export type DatasetOrderField = 'NAME' | 'TRAINED_MODELS' | 'EVALUATED_MODELS' | 'TASKS';

export interface DatasetOrderKey {
  field: DatasetOrderField;
  direction: 'ASC' | 'DESC';
}

const CONDITION: Record<keyof DatasetFilter, string> = {
  modality: 'n.modality = $filter.modality',
  task: 'EXISTS { (:Task {id: $filter.task})-[:BENCHMARKED_ON]->(n) }',
  domain: 'EXISTS { (:Domain {id: $filter.domain})-[:HAS_TASK]->(:Task)-[:BENCHMARKED_ON]->(n) }',
  usedForTraining: '(n.trainedModelCount > 0) = $filter.usedForTraining',
  usedForEvaluation: '(n.evaluatedModelCount > 0) = $filter.usedForEvaluation',
  trainedByDomain: 'EXISTS { (n)<-[:TRAINED_ON]-(:Model)-[:IN_DOMAIN]->(:Domain {id: $filter.trainedByDomain}) }',
  nameContains: 'toLower(n.name) CONTAINS toLower($filter.nameContains)',
};

// Counts are stored on every dataset (never missing); name then id end every order, so it is total.
const SORT_EXPRESSION: Record<DatasetOrderField, string> = {
  NAME: 'toLower(n.name)',
  TRAINED_MODELS: 'n.trainedModelCount',
  EVALUATED_MODELS: 'n.evaluatedModelCount',
  TASKS: 'n.taskCount',
};

/** Params: $filter. Returns node (Dataset rows, in order). Conditions and sort keys are fixed text of this module. */
export function datasetListQuery(filter: DatasetFilter, order: DatasetOrderKey[]): string {
  const conditions = (Object.keys(CONDITION) as (keyof DatasetFilter)[])
    .filter((key) => filter[key] !== undefined)
    .map((key) => CONDITION[key]);
  const keys = [...order.map(({ field, direction }) => `${SORT_EXPRESSION[field]} ${direction}`), 'toLower(n.name)', 'n.id'];
  return [
    'MATCH (n:Dataset)',
    conditions.length === 0 ? '' : `WHERE ${conditions.join('\n  AND ')}`,
    "RETURN n {.*, label: 'Dataset'} AS node",
    `ORDER BY ${keys.join(', ')}`,
  ].join('\n');
}

export async function listDatasets(reader: Reader, filter: DatasetFilter, order: DatasetOrderKey[]): Promise<DatasetRow[]> {
  const rows = await reader.read(datasetListQuery(filter, order), { filter });
  return rows.map((row) => row['node'] as unknown as DatasetRow);
}
