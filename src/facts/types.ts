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

export interface Facts {
  domains: DomainFact[];
  organizations: OrganizationFact[];
  tasks: TaskFact[];
  datasets: DatasetFact[];
  models: ModelFact[];
}

/** The kinds in the order their files are listed (and their entities loaded). */
export const FACT_KINDS = ['domains', 'organizations', 'tasks', 'datasets', 'models'] as const;
export type FactKind = (typeof FACT_KINDS)[number];
