/** Query.path and Query.paths: arguments checked here, an unknown end raised as NOT_FOUND naming the argument. */
import { findPaths, MAX_PATH_HOPS, MAX_PATHS_ORDERED, shortestPath, type EndsChecked } from '../db/paths.js';
import { checkRange, notFound } from '../errors.js';
import { idArgument } from './id-args.js';
import type { QueryResolvers } from '../generated/graphql.js';
import { kindLabels } from './enum-values.js';

const MAX_PATHS = 20;

function found<T>(result: EndsChecked<T>, ends: { from: string; to: string }): T {
  if (result.missing !== null) throw notFound(result.missing, ends[result.missing]);
  return result.value;
}

export const PathQuery: Pick<QueryResolvers, 'path' | 'paths'> = {
  path: async (_, { from, to, maxHops }, context) =>
    found(
      await shortestPath(context.reader, (id) => context.loaders.entity.load(id), idArgument(from), idArgument(to), checkRange('maxHops', maxHops ?? 4, 1, MAX_PATH_HOPS)),
      { from, to },
    ),
  paths: async (_, { from, to, maxHops, first, via, avoidKinds }, context) => {
    const { paths, sampled } = found(
      await findPaths(context.reader, idArgument(from), idArgument(to), {
        maxHops: checkRange('maxHops', maxHops ?? 4, 1, MAX_PATH_HOPS),
        first: checkRange('first', first ?? 5, 1, MAX_PATHS),
        types: via ?? null,
        avoidLabels: kindLabels(avoidKinds) ?? [],
      }),
      { from, to },
    );
    if (sampled) {
      context.warnings.add({
        code: 'PATHS_SAMPLED',
        argument: 'via',
        message: `more than ${String(MAX_PATHS_ORDERED)} shortest paths join "${from}" and "${to}": these are the first by name of ${String(MAX_PATHS_ORDERED)} of them, not of all; narrow them with via or avoidKinds`,
      });
    }
    return paths;
  },
};
