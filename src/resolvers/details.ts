/** Long-text fields of compact rows: read from the full entity, through the entity loader (one query per level). */
import type { RequestContext } from '../context.js';
import type { EntityRow } from '../db/rows.js';

type TextKey = 'description' | 'architecture' | 'pretraining';

export async function longText(row: EntityRow, key: TextKey, context: RequestContext): Promise<string | null> {
  const full = row.compact ? await context.loaders.entity.load(row.id) : row;
  const value = (full as Partial<Record<TextKey, string>> | null)?.[key];
  return value ?? null;
}
