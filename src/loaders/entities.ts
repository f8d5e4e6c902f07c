/** Entities by id, of any label: the one loader behind every lookup by id. */
import type DataLoader from 'dataloader';
import type { Reader } from '../db/database.js';
import { cypherQuery } from '../db/queries.js';
import type { EntityRow } from '../db/rows.js';
import { alignByKey, createLoader, type LoaderSettings } from './batch.js';

export type EntityLoader = DataLoader<string, EntityRow | null, string>;

export function createEntityLoader(reader: Reader, settings: LoaderSettings): EntityLoader {
  return createLoader<string, EntityRow | null>(settings, async (ids) => {
    const rows = await reader.read(cypherQuery('nodes-by-id'), { ids });
    const nodes = rows.map((row) => row['node'] as unknown as EntityRow);
    return alignByKey(ids, nodes.map((node) => [node.id, node] as const), null);
  });
}
