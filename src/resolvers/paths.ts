/** Query.path and Query.paths: arguments checked here, an unknown end raised as NOT_FOUND naming the argument. */
import { findPaths, shortestPath, type EndsChecked } from '../db/paths.js';
import { checkRange, notFound } from '../errors.js';
import type { EntityKind, QueryResolvers } from '../generated/graphql.js';

const MAX_HOPS = 6;
const MAX_PATHS = 20;

/** The graph's label of each kind (passed as a parameter, never interpolated). */
const LABEL_OF_KIND: Record<EntityKind, string> = {
  DOMAIN: 'Domain',
  TASK: 'Task',
  DATASET: 'Dataset',
  MODEL: 'Model',
  ORGANIZATION: 'Organization',
};

function found<T>(result: EndsChecked<T>, ends: { from: string; to: string }): T {
  if (result.missing !== null) throw notFound(result.missing, ends[result.missing]);
  return result.value;
}

export const PathQuery: Pick<QueryResolvers, 'path' | 'paths'> = {
  path: async (_, { from, to, maxHops }, context) =>
    found(
      await shortestPath(context.reader, (id) => context.loaders.entity.load(id), from, to, checkRange('maxHops', maxHops ?? 4, 1, MAX_HOPS)),
      { from, to },
    ),
  paths: async (_, { from, to, maxHops, first, via, avoidKinds }, context) =>
    found(
      await findPaths(context.reader, from, to, {
        maxHops: checkRange('maxHops', maxHops ?? 4, 1, MAX_HOPS),
        first: checkRange('first', first ?? 5, 1, MAX_PATHS),
        types: via ?? null,
        avoidLabels: (avoidKinds ?? []).map((kind) => LABEL_OF_KIND[kind]),
      }),
      { from, to },
    ),
};
