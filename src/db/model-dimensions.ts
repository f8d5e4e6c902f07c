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
  /**
   * Whether `values` is a MATCH of linked nodes (else stored values, unwound or projected): query builders put
   * the MATCHes beside the match of `m`, so that the planner may walk from the few linked nodes (whose
   * relationships are grouped by type) rather than through every relationship of every model.
   */
  linked: boolean;
  /**
   * The clause giving model `m` one row per value `v` it has in this dimension, none when it has none, keeping
   * the variables bound before it. A model linked to a node twice gives two rows: the builders count distinct
   * models.
   */
  values: (v: string) => string;
  /** Sort expressions of a value `v`, in its natural order (years ascending, entities by name, false first). */
  sort: (v: string) => string;
  /** What a count row carries for a value: entities as compact rows, others as stored. */
  project: (v: string) => string;
  /** A facet's value (an id, a stored enum value, a year, true/false, as a string) and label. */
  facetValue: (v: string) => string;
  facetLabel: (v: string) => string;
}

/**
 * A model's single property, its rows kept only where it has a value (a missing value puts the model in no
 * group). A projection and a filter, not an UNWIND of a one-element list: building and unwinding that list for
 * every model cost Neo4j about a tenth of a count query's CPU. `WITH *` keeps what the clauses before it bound.
 */
const optional =
  (property: string) =>
  (v: string): string =>
    `WITH *, m.${property} AS ${v} WHERE ${v} IS NOT NULL`;
const byName = (v: string): string => `toLower(${v}.name), ${v}.id`;
const asIs = (v: string): string => v;

export const DIMENSIONS: Record<ModelDimension, DimensionSpec> = {
  YEAR: {
    key: 'year',
    linked: false,
    values: optional('year'),
    sort: asIs,
    project: asIs,
    facetValue: (v) => `toString(${v})`,
    facetLabel: (v) => `toString(${v})`,
  },
  DOMAIN: {
    key: 'domain',
    linked: true,
    values: (v) => `MATCH (m)-[:IN_DOMAIN]->(${v}:Domain)`,
    sort: byName,
    project: (v) => compactProjection(v, 'Domain'),
    facetValue: (v) => `${v}.id`,
    facetLabel: (v) => `${v}.name`,
  },
  TASK: {
    key: 'task',
    linked: true,
    values: (v) => `MATCH (m)-[:PERFORMS]->(${v}:Task)`,
    sort: byName,
    project: (v) => compactProjection(v, 'Task'),
    facetValue: (v) => `${v}.id`,
    facetLabel: (v) => `${v}.name`,
  },
  MODALITY: {
    key: 'modality',
    linked: false,
    values: (v) => `UNWIND coalesce(m.modalities, []) AS ${v}`,
    sort: asIs,
    project: asIs,
    facetValue: asIs,
    facetLabel: (v) => `replace(${v}, '-', ' ')`,
  },
  PARADIGM: {
    key: 'paradigm',
    linked: false,
    values: optional('paradigm'),
    sort: asIs,
    project: asIs,
    facetValue: asIs,
    facetLabel: asIs,
  },
  OPEN_WEIGHTS: {
    key: 'openWeights',
    linked: false,
    values: optional('openWeights'),
    sort: asIs,
    project: asIs,
    facetValue: (v) => `toString(${v})`,
    facetLabel: (v) => `CASE ${v} WHEN true THEN 'open weights' ELSE 'weights not released' END`,
  },
  BASE_MODEL: {
    key: 'baseModel',
    linked: true,
    values: (v) => `MATCH (m)-[:BASED_ON]->(${v}:Model)`,
    sort: byName,
    project: (v) => compactProjection(v, 'Model'),
    facetValue: (v) => `${v}.id`,
    facetLabel: (v) => `${v}.name`,
  },
  ORGANIZATION: {
    key: 'organization',
    linked: true,
    values: (v) => `MATCH (m)-[:DEVELOPED_BY]->(${v}:Organization)`,
    sort: byName,
    project: (v) => compactProjection(v, 'Organization'),
    facetValue: (v) => `${v}.id`,
    facetLabel: (v) => `${v}.name`,
  },
  // The top of each developer's PART_OF chain (itself when it has no parent); two developers of one group count
  // the model once.
  ORGANIZATION_GROUP: {
    key: 'organizationGroup',
    linked: true,
    values: (v) =>
      `MATCH (m)-[:DEVELOPED_BY]->(:Organization)-[:PART_OF]->*(${v}:Organization) WHERE NOT EXISTS { (${v})-[:PART_OF]->(:Organization) }`,
    sort: byName,
    project: (v) => compactProjection(v, 'Organization'),
    facetValue: (v) => `${v}.id`,
    facetLabel: (v) => `${v}.name`,
  },
};
