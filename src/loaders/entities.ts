/** Entities by id, of any label: the one loader behind every lookup by id, and its variants that carry lists. */
import type DataLoader from 'dataloader';
import type { Reader } from '../db/database.js';
import { entitiesByIdQuery, type Carried } from '../db/look-ahead.js';
import { cypherQuery } from '../db/queries.js';
import type { EntityRow } from '../db/rows.js';
import { alignByKey, createLoader, type LoaderSettings } from './batch.js';
import { loaderPerLookAhead } from './look-ahead.js';

export type EntityLoader = DataLoader<string, EntityRow | null, string>;

/** The loader of entities whose rows carry `carried` (the plain entity loader when they carry nothing). */
export type CarryingEntityLoaders = (carried: readonly Carried[]) => EntityLoader;

function entityLoader(settings: LoaderSettings, read: (ids: readonly string[]) => Promise<Record<string, unknown>[]>): EntityLoader {
  return createLoader<string, EntityRow | null>(settings, async (ids) => {
    const nodes = (await read(ids)).map((row) => row['node'] as unknown as EntityRow);
    return alignByKey(ids, nodes.map((node) => [node.id, node] as const), null);
  });
}

export function createEntityLoader(reader: Reader, settings: LoaderSettings): EntityLoader {
  return entityLoader(settings, (ids) => reader.read(cypherQuery('nodes-by-id'), { ids }));
}

/**
 * Loaders of entities by id whose rows also carry lists, one per look-ahead, made on first use within the
 * request; `prime` hands the lists to the child fields' loaders. The N+1 baseline (batching off) carries nothing.
 */
export function createCarryingEntityLoaders(
  reader: Reader,
  settings: LoaderSettings,
  plain: EntityLoader,
  prime: (row: Record<string, unknown>, carried: readonly Carried[]) => void,
): CarryingEntityLoaders {
  const loaderOf = loaderPerLookAhead<EntityLoader>();
  return (carried) => {
    if (carried.length === 0 || !settings.batching) return plain;
    return loaderOf(carried, carried, (carriedBy, pages) => {
      const query = entitiesByIdQuery(carriedBy);
      return entityLoader(settings, async (ids) => {
        const rows = await reader.read(query, { ids, carried: pages });
        for (const row of rows) prime(row['node'] as Record<string, unknown>, carried);
        return rows;
      });
    });
  };
}
