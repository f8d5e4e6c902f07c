/** Loaders for the list fields that follow relationships, one per field, each keyed by parent id. */
import type DataLoader from 'dataloader';
import type { Reader } from '../db/database.js';
import { relationQuery, type RelationName, type RelationTargets } from '../db/relation-query.js';
import { alignByKey, createLoader, type LoaderSettings } from './batch.js';

export type RelationLoaders = <N extends RelationName>(name: N) => DataLoader<string, RelationTargets[N][], string>;

/** Returns the loader of a relation field, made on first use within the request. */
export function createRelationLoaders(reader: Reader, settings: LoaderSettings): RelationLoaders {
  const loaders = new Map<RelationName, DataLoader<string, unknown[], string>>();
  return <N extends RelationName>(name: N) => {
    let loader = loaders.get(name);
    if (!loader) {
      const query = relationQuery(name);
      loader = createLoader<string, unknown[]>(settings, async (parentIds) => {
        const rows = await reader.read(query, { parentIds });
        return alignByKey(parentIds, rows.map((row) => [String(row['parentId']), row['nodes'] as unknown[]] as const), []);
      });
      loaders.set(name, loader);
    }
    return loader as DataLoader<string, RelationTargets[N][], string>;
  };
}
