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
 * Params: $filter. Returns one row: groups, a list of {values (one per dimension, in the order asked), count},
 * ordered by the first dimension's values, then the largest count, then the second dimension's values.
 */
export function modelCountsQuery(by: ModelDimension[], filter: ModelFilter): string {
  // Variables are v0, v1 (fixed names by position); the fragments are DIMENSIONS entries.
  const variables = by.map((_, i) => `v${String(i)}`);
  const specs = by.map((dimension) => DIMENSIONS[dimension]);
  const sort = [specs[0]!.sort(variables[0]!), 'count DESC', ...specs.slice(1).map((spec, i) => spec.sort(variables[i + 1]!))];
  const values = specs.map((spec, i) => ({ linked: spec.linked, clause: spec.values(variables[i]!) }));
  return [
    'MATCH (m:Model)',
    whereClause(filterConditions(filter)),
    // The linked values' MATCHes before any UNWIND, in the same part of the query as the match of m.
    ...values.filter((value) => value.linked).map((value) => value.clause),
    ...values.filter((value) => !value.linked).map((value) => value.clause),
    `WITH ${variables.join(', ')}, count(DISTINCT m) AS count`,
    `ORDER BY ${sort.join(', ')}`,
    // One row for all the groups: a row per group costs more to send and decode than the group itself.
    `RETURN collect({values: [${specs.map((spec, i) => spec.project(variables[i]!)).join(', ')}], count: count}) AS groups`,
  ].join('\n');
}

export async function modelCounts(reader: Reader, by: ModelDimension[], filter: ModelFilter): Promise<ModelCountRow[]> {
  const keys: DimensionKey[] = by.map((dimension) => DIMENSIONS[dimension].key);
  const rows = await reader.read(modelCountsQuery(by, filter), { filter });
  const groups = (rows[0]?.['groups'] ?? []) as { values: unknown[]; count: unknown }[];
  return groups.map(({ values, count }) => {
    const group: ModelCountRow = { ...NO_VALUES, count: Number(count) };
    keys.forEach((key, i) => Object.assign(group, { [key]: values[i] }));
    return group;
  });
}
