/**
 * Converts between the API's enum values (PROTEIN_SEQUENCE) and the data's spelling (protein-sequence), and from
 * entity kinds to node labels.
 */
import type { EntityLabel } from '../db/rows.js';
import type { EntityKind, InputMaybe, Modality, OrganizationKind, Paradigm } from '../generated/graphql.js';

export function toStored(value: string): string {
  return value.toLowerCase().replace(/_/g, '-');
}

function toEnumValue(stored: string): string {
  return stored.toUpperCase().replace(/-/g, '_');
}

export function toModality(stored: string): Modality {
  return toEnumValue(stored) as Modality;
}

export function toParadigm(stored: string): Paradigm {
  return toEnumValue(stored) as Paradigm;
}

export function toOrganizationKind(stored: string): OrganizationKind {
  return toEnumValue(stored) as OrganizationKind;
}

// The label of each kind: the allow-list the search queries interpolate labels from.
const KIND_LABEL: Record<EntityKind, EntityLabel> = {
  DOMAIN: 'Domain',
  TASK: 'Task',
  DATASET: 'Dataset',
  MODEL: 'Model',
  ORGANIZATION: 'Organization',
};

/** The kind of entities of a label, as a `kinds` argument spells it. */
export function toKind(label: EntityLabel): EntityKind {
  return toEnumValue(label) as EntityKind;
}

/** The labels of a `kinds` argument; null (every kind) when it is null or empty. */
export function kindLabels(kinds: InputMaybe<readonly EntityKind[]> | undefined): EntityLabel[] | null {
  return kinds && kinds.length > 0 ? [...new Set(kinds)].map((kind) => KIND_LABEL[kind]) : null;
}
