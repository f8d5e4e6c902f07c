/** Models similar to a model by the Jaccard index over tasks and datasets. */
import type { Reader } from './database.js';
import { carryValues } from './projections.js';
import { cypherQuery } from './queries.js';
import type { RelatedModelRow } from './rows.js';

/** What the rows carry: the model's stored `properties`, and whether what the models share is listed. */
export interface RelatedModelsShape {
  properties: string[];
  shared: boolean;
}

export async function relatedModels(reader: Reader, id: string, first: number, shape: RelatedModelsShape): Promise<RelatedModelRow[]> {
  if (first === 0) return [];
  const rows = (await reader.read(cypherQuery('related-models'), { id, first, ...shape })) as unknown as RelatedModelRow[];
  for (const row of rows) carryValues(row.model, shape.properties);
  return rows;
}
