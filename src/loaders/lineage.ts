/**
 * Loader of lineages (ancestors or descendants of a model): one query for all models asking with equal arguments.
 * Each answer also primes the entity loader with its start model's row.
 */
import type DataLoader from 'dataloader';
import type { Reader } from '../db/database.js';
import { lineageQuery, type LineageDirection, type LineageStepRow } from '../db/lineage.js';
import type { ModelRow } from '../db/rows.js';
import { alignByKey, batchByGroup, createLoader, type LoaderSettings } from './batch.js';
import type { EntityLoader } from './entities.js';

export interface LineageKey {
  direction: LineageDirection;
  id: string;
  maxDepth: number;
}

export type LineageLoader = DataLoader<LineageKey, LineageStepRow[], string>;

export function createLineageLoader(reader: Reader, settings: LoaderSettings, entity: EntityLoader): LineageLoader {
  return createLoader<LineageKey, LineageStepRow[]>(
    settings,
    (keys) =>
      batchByGroup(keys, ({ direction, maxDepth }) => `${direction}:${String(maxDepth)}`, async (group) => {
        const { direction, maxDepth } = group[0]!;
        const ids = group.map((key) => key.id);
        const rows = await reader.read(lineageQuery(direction, maxDepth), { ids });
        for (const row of rows) entity.prime(String(row['id']), row['start'] as unknown as ModelRow);
        return alignByKey(ids, rows.map((row) => [String(row['id']), row['steps'] as unknown as LineageStepRow[]] as const), []);
      }),
    (key) => JSON.stringify(key),
  );
}
