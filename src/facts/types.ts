/** The curated facts of the graph as they are kept in seed/facts/ (one JSON file per kind; see CONTRIBUTING.md). */

export interface DomainFact {
  id: string;
  name: string;
  aliases?: string[];
  description: string | null;
}

export interface OrganizationFact {
  id: string;
  name: string;
  aliases?: string[];
  kind: string | null;
  country: string | null;
  parent: string | null;
}

export interface TaskFact extends DomainFact {
  domains: string[];
}

export interface DatasetFact extends DomainFact {
  modality: string | null;
  size: string | null;
  url: string | null;
  tasks: string[];
}

export interface PaperFact {
  title: string | null;
  venue: string | null;
  year: number | null;
  url: string | null;
}

export interface ModelFact {
  id: string;
  name: string;
  aliases?: string[];
  year: number | null;
  organization: string | null;
  architecture: string | null;
  paradigm: string | null;
  pretraining: string | null;
  modalities: string[];
  parameters: number | null;
  openWeights: boolean | null;
  description: string | null;
  paper: PaperFact | null;
  /** Why the model has no paper, where it has none (a model card or repository is its source). */
  sourceNote?: string;
  domains: string[];
  tasks: string[];
  trainedOn: string[];
  evaluatedOn: string[];
  basedOn: string[];
  /** Organisation ids, lead organisation first. */
  organizations: string[];
}

/** Where a result was read: the model's own paper, a benchmark's leaderboard, or a later paper that ran it. */
export type ResultSourceKind = 'own paper' | 'leaderboard' | 'later paper';

/**
 * One benchmark number read in its source: `model` (or its `variant`, the checkpoint or size evaluated) scored
 * `value` on `dataset` by `metric` under `setting`. Results compare only within one (dataset, metric, setting).
 */
export interface ResultFact {
  model: string;
  dataset: string;
  metric: string;
  value: number;
  unit: string | null;
  higherIsBetter: boolean;
  setting: string;
  split: string | null;
  variant: string | null;
  note: string | null;
  source: { title: string; url: string | null };
  sourceKind: ResultSourceKind;
}

export interface Facts {
  domains: DomainFact[];
  organizations: OrganizationFact[];
  tasks: TaskFact[];
  datasets: DatasetFact[];
  models: ModelFact[];
  /** Benchmark results, kept in seed/facts/results.json; not entities (they have no id of their own). */
  results: ResultFact[];
}

/** The kinds of entity in the order their files are listed (and their entities loaded); results come after. */
export const FACT_KINDS = ['domains', 'organizations', 'tasks', 'datasets', 'models'] as const;
export type FactKind = (typeof FACT_KINDS)[number];
