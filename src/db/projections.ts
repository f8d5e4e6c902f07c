/**
 * The properties list queries return per label: everything but the long texts (description, architecture,
 * pretraining). A list of models or datasets can hold thousands of rows; their long texts are fetched only when
 * a request asks for them, through the entity loader (see resolvers/details.ts). Rows made here say `compact`.
 */
import type { EntityLabel } from './rows.js';

const COMPACT_KEYS: Record<EntityLabel, string[]> = {
  Domain: ['id', 'name'],
  Task: ['id', 'name'],
  Dataset: ['id', 'name', 'modality', 'size', 'url'],
  Model: ['id', 'name', 'year', 'organization', 'paradigm', 'modalities', 'parameters', 'openWeights', 'paperTitle', 'paperVenue', 'paperYear', 'paperUrl'],
};

/** A Cypher map projection of `variable` (a node of `label`) with its compact keys and extra entries. */
export function compactProjection(variable: string, label: EntityLabel, extra: Record<string, string> = {}): string {
  const keys = COMPACT_KEYS[label].map((key) => `.${key}`);
  const entries = Object.entries({ label: `'${label}'`, compact: 'true', ...extra }).map(([k, v]) => `${k}: ${v}`);
  return `${variable} {${[...keys, ...entries].join(', ')}}`;
}
