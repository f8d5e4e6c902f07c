/**
 * The dimensions models are counted by (Query.modelCounts) and spread over (ModelConnection.facets): for each,
 * the Cypher of a model's values and of how a value sorts, shows and is labelled.
 *
 * Every entry is fixed text of this table, chosen by the API's enum values; a value variable's name is chosen by
 * the query builders from fixed names. Nothing from a request is interpolated.
 */
import { compactProjection } from './projections.js';

export type ModelDimension =
  | 'YEAR'
  | 'DOMAIN'
  | 'TASK'
  | 'MODALITY'
  | 'PARADIGM'
  | 'OPEN_WEIGHTS'
  | 'BASE_MODEL'
  | 'ORGANIZATION'
  | 'ORGANIZATION_GROUP';

/** Where a dimension's value goes in a ModelCount row. */
export type DimensionKey =
  | 'year'
  | 'domain'
  | 'task'
  | 'modality'
  | 'paradigm'
  | 'openWeights'
  | 'baseModel'
  | 'organization'
  | 'organizationGroup';

interface DimensionSpec {
  key: DimensionKey;
  /** The distinct values model `m` has in this dimension, as a Cypher list; empty when it has none. */
  values: string;
  /** Sort expressions of a value `v`, in its natural order (years ascending, entities by name, false first). */
  sort: (v: string) => string;
  /** What a count row carries for a value: entities as compact rows, others as stored. */
  project: (v: string) => string;
  /** A facet's value (an id, a stored enum value, a year, true/false, as a string) and label. */
  facetValue: (v: string) => string;
  facetLabel: (v: string) => string;
}

/** A model's single property as a list of at most one value, so that a missing value puts it in no group. */
const optional = (property: string): string => `[x IN [m.${property}] WHERE x IS NOT NULL]`;
const linked = (pattern: string): string => `COLLECT { MATCH ${pattern} RETURN DISTINCT n }`;
const byName = (v: string): string => `toLower(${v}.name), ${v}.id`;
const asIs = (v: string): string => v;

export const DIMENSIONS: Record<ModelDimension, DimensionSpec> = {
  YEAR: {
    key: 'year',
    values: optional('year'),
    sort: asIs,
    project: asIs,
    facetValue: (v) => `toString(${v})`,
    facetLabel: (v) => `toString(${v})`,
  },
  DOMAIN: {
    key: 'domain',
    values: linked('(m)-[:IN_DOMAIN]->(n:Domain)'),
    sort: byName,
    project: (v) => compactProjection(v, 'Domain'),
    facetValue: (v) => `${v}.id`,
    facetLabel: (v) => `${v}.name`,
  },
  TASK: {
    key: 'task',
    values: linked('(m)-[:PERFORMS]->(n:Task)'),
    sort: byName,
    project: (v) => compactProjection(v, 'Task'),
    facetValue: (v) => `${v}.id`,
    facetLabel: (v) => `${v}.name`,
  },
  MODALITY: {
    key: 'modality',
    values: 'coalesce(m.modalities, [])',
    sort: asIs,
    project: asIs,
    facetValue: asIs,
    facetLabel: (v) => `replace(${v}, '-', ' ')`,
  },
  PARADIGM: {
    key: 'paradigm',
    values: optional('paradigm'),
    sort: asIs,
    project: asIs,
    facetValue: asIs,
    facetLabel: asIs,
  },
  OPEN_WEIGHTS: {
    key: 'openWeights',
    values: optional('openWeights'),
    sort: asIs,
    project: asIs,
    facetValue: (v) => `toString(${v})`,
    facetLabel: (v) => `CASE ${v} WHEN true THEN 'open weights' ELSE 'weights not released' END`,
  },
  BASE_MODEL: {
    key: 'baseModel',
    values: linked('(m)-[:BASED_ON]->(n:Model)'),
    sort: byName,
    project: (v) => compactProjection(v, 'Model'),
    facetValue: (v) => `${v}.id`,
    facetLabel: (v) => `${v}.name`,
  },
  ORGANIZATION: {
    key: 'organization',
    values: linked('(m)-[:DEVELOPED_BY]->(n:Organization)'),
    sort: byName,
    project: (v) => compactProjection(v, 'Organization'),
    facetValue: (v) => `${v}.id`,
    facetLabel: (v) => `${v}.name`,
  },
  // The top of each developer's PART_OF chain (itself when it has no parent); two developers of one group count
  // the model once.
  ORGANIZATION_GROUP: {
    key: 'organizationGroup',
    values: linked('(m)-[:DEVELOPED_BY]->(:Organization)-[:PART_OF]->*(n:Organization) WHERE NOT EXISTS { (n)-[:PART_OF]->(:Organization) }'),
    sort: byName,
    project: (v) => compactProjection(v, 'Organization'),
    facetValue: (v) => `${v}.id`,
    facetLabel: (v) => `${v}.name`,
  },
};
