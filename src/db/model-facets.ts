/**
 * ModelConnection.facets: how the models of a filtered list (all of them, not a page) spread over each dimension,
 * the `top` values per dimension with the most models, for many parents at once in one Cypher query.
 */
import { DIMENSIONS, type ModelDimension } from './model-dimensions.js';
import { SCOPE_PATTERN, filterConditions, whereClause, type ModelCountKey } from './model-page.js';

export interface FacetRow {
  /** An entity id, a stored enum value (kebab-case), a year or true/false, as a string. */
  value: string;
  label: string;
  count: number;
}

/** The facets of ModelFacets and the dimension each counts by. */
export const FACETS = {
  domains: 'DOMAIN',
  tasks: 'TASK',
  modalities: 'MODALITY',
  paradigms: 'PARADIGM',
  years: 'YEAR',
  openWeights: 'OPEN_WEIGHTS',
  organizations: 'ORGANIZATION',
} as const satisfies Record<string, ModelDimension>;

export type FacetsRow = Record<keyof typeof FACETS, FacetRow[]>;

export type FacetName = keyof typeof FACETS;

/** Which facets of a list to count, and how many values of each (the `top` with the most models). */
export interface FacetsWanted {
  names: FacetName[];
  top: number;
}

/**
 * The size of a list and, when `wanted`, its facets: one query for both, since the facets count the whole list
 * anyway. Params: $parentIds, $filter, $top. Returns one row per parent: parentId, total, facets (the wanted
 * facets of a FacetsRow). The scope pattern, conditions and dimension fragments are fixed text (model-page.ts,
 * model-dimensions.ts); facet names come from FACETS.
 */
export function modelFacetsQuery(key: Omit<ModelCountKey, 'parentId'>, names: readonly FacetName[]): string {
  const facet = (name: FacetName): string[] => {
    const spec = DIMENSIONS[FACETS[name]];
    return [
      '  CALL (models) {',
      `    UNWIND models AS m ${spec.values('v')}`,
      '    WITH v, count(DISTINCT m) AS count',
      `    ORDER BY count DESC, ${spec.sort('v')}`,
      '    LIMIT $top',
      `    RETURN collect({value: ${spec.facetValue('v')}, label: ${spec.facetLabel('v')}, count: count}) AS ${name}`,
      '  }',
    ];
  };
  return [
    'UNWIND $parentIds AS parentId',
    'CALL (parentId) {',
    `  ${SCOPE_PATTERN[key.scope]}`,
    `  ${whereClause(filterConditions(key.filter))}`,
    '  WITH collect(m) AS models',
    ...names.flatMap(facet),
    `  RETURN size(models) AS total, {${names.map((name) => `${name}: ${name}`).join(', ')}} AS facets`,
    '}',
    'RETURN parentId, total, facets',
  ].join('\n');
}
