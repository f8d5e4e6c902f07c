/**
 * Loaders for the list fields that follow relationships, one per field and per look-ahead (what the rows carry
 * for their own fields, db/look-ahead.ts), each keyed by parent id.
 */
import type { Reader } from '../db/database.js';
import type { Carried } from '../db/look-ahead.js';
import { RELATIONS, relationQuery, type RelationName, type RelationTargets } from '../db/relation-query.js';
import { alignByKey, createLoader, primedLoader, type LoaderSettings, type PrimedLoader } from './batch.js';
import { loaderPerLookAhead, type PrimeCarried } from './look-ahead.js';

const NO_CARRIED: readonly Carried[] = [];

export type RelationLoaders = <N extends RelationName>(name: N, carried?: readonly Carried[]) => PrimedLoader<RelationTargets[N][]>;

/**
 * Returns the loader of a relation field whose rows carry `carried`, made on first use within the request. The
 * N+1 baseline (batching off) carries nothing: one query per parent and field.
 */
export function createRelationLoaders(reader: Reader, settings: LoaderSettings, prime: PrimeCarried): RelationLoaders {
  const loaderOf = loaderPerLookAhead<PrimedLoader<unknown[]>>();
  // The loader of each field and look-ahead array as asked (resolvers hand the same array for every parent of a
  // list): thousands of parents then find it without serialising what they carry.
  const byArray = new WeakMap<readonly Carried[], Map<RelationName, PrimedLoader<unknown[]>>>();
  return <N extends RelationName>(name: N, asked: readonly Carried[] = NO_CARRIED) => {
    let ofArray = byArray.get(asked);
    if (!ofArray) byArray.set(asked, (ofArray = new Map()));
    const known = ofArray.get(name);
    if (known) return known as PrimedLoader<RelationTargets[N][]>;
    const carried = settings.batching ? asked : [];
    const loader = loaderOf([name, carried], carried, (carriedBy, pages) => {
      const query = relationQuery(name, carriedBy);
      return primedLoader(
        createLoader<string, unknown[]>(settings, async (parentIds) => {
          const rows = await reader.read(query, { parentIds, carried: pages });
          const lists = rows.map((row) => [String(row['parentId']), row['nodes'] as Record<string, unknown>[]] as const);
          for (const [, nodes] of lists) prime(nodes, RELATIONS[name].label, carried);
          return alignByKey(parentIds, lists, []);
        }),
      );
    });
    ofArray.set(name, loader);
    return loader as PrimedLoader<RelationTargets[N][]>;
  };
}
