/**
 * Query.modelCounts: how many models matching a filter fall in each group of one or two dimensions, in one
 * Cypher query. The text is made from the fixed fragments of model-dimensions.ts and model-page.ts's filter
 * conditions; filter values travel as $filter.
 */
import type { Reader } from './database.js';
import { DIMENSIONS, type DimensionKey, type ModelDimension } from './model-dimensions.js';
import { filterConditions, whereClause, type ModelFilter } from './model-page.js';
import type { DomainRow, ModelRow, OrganizationRow, TaskRow } from './rows.js';

/** One group: the values of the dimensions asked for (enums as stored), the others null. */
export interface ModelCountRow {
  year: number | null;
  domain: DomainRow | null;
  task: TaskRow | null;
  modality: string | null;
  paradigm: string | null;
  openWeights: boolean | null;
  baseModel: ModelRow | null;
  organization: OrganizationRow | null;
  organizationGroup: OrganizationRow | null;
  count: number;
}

const NO_VALUES: Omit<ModelCountRow, 'count'> = {
  year: null,
  domain: null,
  task: null,
  modality: null,
  paradigm: null,
  openWeights: null,
  baseModel: null,
  organization: null,
  organizationGroup: null,
};

/**
 * Params: $filter. Returns values (one per dimension, in the order asked) and count, ordered by the first
 * dimension's values, then the largest count, then the second dimension's values.
 */
export function modelCountsQuery(by: ModelDimension[], filter: ModelFilter): string {
  // Variables are v0, v1 and values0, values1 (fixed names by position); the fragments are DIMENSIONS entries.
  const variables = by.map((_, i) => `v${String(i)}`);
  const specs = by.map((dimension) => DIMENSIONS[dimension]);
  const sort = [specs[0]!.sort(variables[0]!), 'count DESC', ...specs.slice(1).map((spec, i) => spec.sort(variables[i + 1]!))];
  return [
    'MATCH (m:Model)',
    whereClause(filterConditions(filter)),
    // Each model's values first, then the combinations: a second dimension's values are read once per model.
    `WITH m, ${specs.map((spec, i) => `${spec.values} AS values${String(i)}`).join(', ')}`,
    ...variables.map((variable, i) => `UNWIND values${String(i)} AS ${variable}`),
    `WITH ${variables.join(', ')}, count(DISTINCT m) AS count`,
    `ORDER BY ${sort.join(', ')}`,
    `RETURN [${specs.map((spec, i) => spec.project(variables[i]!)).join(', ')}] AS values, count`,
  ].join('\n');
}

export async function modelCounts(reader: Reader, by: ModelDimension[], filter: ModelFilter): Promise<ModelCountRow[]> {
  const keys: DimensionKey[] = by.map((dimension) => DIMENSIONS[dimension].key);
  const rows = await reader.read(modelCountsQuery(by, filter), { filter });
  return rows.map((row) => {
    const values = row['values'] as unknown[];
    const group: ModelCountRow = { ...NO_VALUES, count: Number(row['count']) };
    keys.forEach((key, i) => Object.assign(group, { [key]: values[i] }));
    return group;
  });
}
