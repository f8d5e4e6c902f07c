/** Converts between the API's enum values (PROTEIN_SEQUENCE) and the data's spelling (protein-sequence). */
import type { Modality, OrganizationKind, Paradigm } from '../generated/graphql.js';

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
