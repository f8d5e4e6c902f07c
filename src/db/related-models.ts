/** Models similar to a model by the Jaccard index over tasks and datasets. */
import type { Reader } from './database.js';
import { cypherQuery } from './queries.js';
import type { RelatedModelRow } from './rows.js';

export async function relatedModels(reader: Reader, id: string, first: number): Promise<RelatedModelRow[]> {
  if (first === 0) return [];
  const rows = await reader.read(cypherQuery('related-models'), { id, first });
  return rows as unknown as RelatedModelRow[];
}
