/** Loader of lineages (ancestors or descendants of a model): one query for all models asking with equal arguments. */
import type DataLoader from 'dataloader';
import type { Reader } from '../db/database.js';
import { lineageQuery, type LineageDirection, type LineageStepRow } from '../db/lineage.js';
import { alignByKey, batchByGroup, createLoader, type LoaderSettings } from './batch.js';

export interface LineageKey {
  direction: LineageDirection;
  id: string;
  maxDepth: number;
}

export type LineageLoader = DataLoader<LineageKey, LineageStepRow[], string>;

export function createLineageLoader(reader: Reader, settings: LoaderSettings): LineageLoader {
  return createLoader<LineageKey, LineageStepRow[]>(
    settings,
    (keys) =>
      batchByGroup(keys, ({ direction, maxDepth }) => `${direction}:${String(maxDepth)}`, async (group) => {
        const { direction, maxDepth } = group[0]!;
        const ids = group.map((key) => key.id);
        const rows = await reader.read(lineageQuery(direction), { ids, maxDepth });
        return alignByKey(ids, rows.map((row) => [String(row['id']), row['steps'] as unknown as LineageStepRow[]] as const), []);
      }),
    (key) => JSON.stringify(key),
  );
}
