/** Plain rows the db layer returns: node properties as stored, plus the node's label. */
import type { PlainValue } from './values.js';

export type EntityLabel = 'Domain' | 'Task' | 'Dataset' | 'Model' | 'Organization';

interface EntityRowBase {
  id: string;
  name: string;
  /** Other names from the facts; absent when they give none. */
  aliases?: string[];
  description?: string;
  /** Set on rows of list queries, which leave out the long texts (see db/projections.ts). */
  compact?: boolean;
}

export interface DomainRow extends EntityRowBase {
  label: 'Domain';
}

export interface TaskRow extends EntityRowBase {
  label: 'Task';
}

export interface DatasetRow extends EntityRowBase {
  label: 'Dataset';
  modality?: string;
  size?: string;
  url?: string;
  /** Stored by cypher/derived/ on every dataset. */
  trainedModelCount?: number;
  evaluatedModelCount?: number;
  taskCount?: number;
}

export interface OrganizationRow extends EntityRowBase {
  label: 'Organization';
  kind?: string;
  country?: string;
}

export interface ModelRow extends EntityRowBase {
  label: 'Model';
  year?: number;
  organization?: string;
  architecture?: string;
  paradigm?: string;
  pretraining?: string;
  modalities?: string[];
  parameters?: number;
  openWeights?: boolean;
  paperTitle?: string;
  paperVenue?: string;
  paperYear?: number;
  paperUrl?: string;
  sourceNote?: string;
  /** Stored by cypher/derived/ on every model. */
  derivativeCount?: number;
  descendantCount?: number;
  datasetCount?: number;
}

export type EntityRow = DomainRow | TaskRow | DatasetRow | ModelRow | OrganizationRow;

/**
 * A Result node's properties as stored (seed/30-results.cypher; a missing fact is an absent property), with its
 * label: no entity, but a node the whole-graph exports write.
 */
export interface ResultNodeRow {
  label: 'Result';
  id: string;
  metric: string;
  value: number;
  unit?: string;
  higherIsBetter: boolean;
  setting: string;
  split?: string;
  variant?: string;
  note?: string;
  sourceTitle: string;
  sourceUrl?: string;
  sourceKind?: string;
}

/** The labels of the nodes a whole-graph export writes: the entities' and the results'. */
export type ExportLabel = EntityLabel | 'Result';

export type ExportNodeRow = EntityRow | ResultNodeRow;

export interface PaperRow {
  title?: string;
  venue?: string;
  year?: number;
  url?: string;
}

export interface EdgeRow {
  type: string;
  from: string;
  to: string;
}

/** A relationship with its own properties (e.g. DEVELOPED_BY's `rank`), as the whole-graph export reads it. */
export interface RelationshipRow extends EdgeRow {
  properties: Record<string, PlainValue>;
}

export interface PathRow {
  length: number;
  nodes: EntityRow[];
  edges: EdgeRow[];
}

export interface SubgraphRow {
  nodes: EntityRow[];
  edges: EdgeRow[];
  truncated: boolean;
}

/** Where a search hit matched: its name, an alias or its id (by key), or the words of its description or topics. */
export type MatchedOn = 'name' | 'alias' | 'id' | 'description' | 'topic';

export interface SearchHitRow {
  node: EntityRow;
  score: number;
  matchedOn: MatchedOn;
}

export interface ResolutionRow {
  input: string;
  node: EntityRow | null;
  candidates: SearchHitRow[];
}

export interface RelatedModelRow {
  model: ModelRow;
  score: number;
  sharedTasks: TaskRow[];
  sharedDatasets: DatasetRow[];
}

export interface StatsRow {
  domains: number;
  tasks: number;
  datasets: number;
  models: number;
  organizations: number;
  relationships: number;
}

export interface ReleaseRow {
  version: string;
  /** ISO 8601. */
  seededAt: string;
  source: string;
}
