/** Query.path and Query.paths: arguments checked here, an unknown end raised as NOT_FOUND naming the argument. */
import { findPaths, MAX_PATH_HOPS, MAX_PATHS_ORDERED, shortestPath, type EndsChecked } from '../db/paths.js';
import { checkRange, notFound } from '../errors.js';
import { idArgument } from './id-args.js';
import type { QueryResolvers } from '../generated/graphql.js';
import { kindLabels } from './enum-values.js';
import type { RequestContext } from '../context.js';

const MAX_PATHS = 20;

/** The value of a search between two ends, or NOT_FOUND for the end that names nothing, with what was probably meant. */
async function found<T>(context: RequestContext, result: EndsChecked<T>, ends: { from: string; to: string }): Promise<T> {
  if (result.missing === null) return result.value;
  const id = ends[result.missing];
  throw notFound(result.missing, id, await context.loaders.suggestion({ id: idArgument(id), label: null }));
}

export const PathQuery: Pick<QueryResolvers, 'path' | 'paths'> = {
  path: async (_, { from, to, maxHops }, context) =>
    found(
      context,
      await shortestPath(context.reader, (id) => context.loaders.entity.load(id), idArgument(from), idArgument(to), checkRange('maxHops', maxHops ?? 4, 1, MAX_PATH_HOPS)),
      { from, to },
    ),
  paths: async (_, { from, to, maxHops, first, via, avoidKinds }, context) => {
    const { paths, sampled } = await found(
      context,
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
