/**
 * What list queries return per entity: id, name and label only. A list can hold thousands of rows; any other
 * field is read from the full entity when a request asks for it (resolvers/full-row.ts), one query per level.
 * Rows made here say `compact`.
 */
import type { EntityLabel } from './rows.js';

function projection(variable: string, properties: string[], entries: Record<string, string>): string {
  return `${variable} {${[...properties, ...Object.entries(entries).map(([k, v]) => `${k}: ${v}`)].join(', ')}}`;
}

/** A Cypher map projection of `variable` (a node of `label`): its id and name, and extra entries. */
export function compactProjection(variable: string, label: EntityLabel, extra: Record<string, string> = {}): string {
  return projection(variable, ['.id', '.name'], { label: `'${label}'`, compact: 'true', ...extra });
}

/** Every property of `variable`, for lists short enough that carrying them costs less than a second query. */
export function fullProjection(variable: string, label: EntityLabel, extra: Record<string, string> = {}): string {
  return projection(variable, ['.*'], { label: `'${label}'`, ...extra });
}
