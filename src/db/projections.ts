/**
 * What list queries return per entity: id, name and label only. A list can hold thousands of rows; any other
 * field is read from the full entity when a request asks for it (resolvers/full-row.ts), one query per level.
 * Rows made here say `compact`.
 */
import type { EntityLabel } from './rows.js';

/** A Cypher map projection of `variable` (a node of `label`): its id and name, and extra entries. */
export function compactProjection(variable: string, label: EntityLabel, extra: Record<string, string> = {}): string {
  const entries = Object.entries({ label: `'${label}'`, compact: 'true', ...extra }).map(([k, v]) => `${k}: ${v}`);
  return `${variable} {${['.id', '.name', ...entries].join(', ')}}`;
}
