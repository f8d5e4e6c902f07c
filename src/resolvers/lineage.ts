/** Model lineage fields: ancestors and descendants through the lineage loader, counts stored at seed time. */
import type { GraphQLResolveInfo } from 'graphql';
import { MAX_LINEAGE_DEPTH, type LineageDirection } from '../db/lineage.js';
import type { ModelRow } from '../db/rows.js';
import { checkRange } from '../errors.js';
import type { ModelResolvers } from '../generated/graphql.js';
import type { LineageKey } from '../loaders/lineage.js';
import { storedCount } from './full-row.js';
import { selectedArguments } from './selection.js';

/** schema.graphql's default, for a client that sends `maxDepth: null`. */
const DEFAULT_DEPTH = 10;

const maxDepth = (value: number | null | undefined): number => checkRange('maxDepth', value ?? DEFAULT_DEPTH, 1, MAX_LINEAGE_DEPTH);

/**
 * The lineages a model's selection asks for (`info` of a field returning a Model), with valid depths: loaded with
 * the model, their query also reads its row, and the model costs no query of its own. A depth out of range is
 * left to the lineage field to refuse.
 */
export function selectedLineages(info: GraphQLResolveInfo, id: string): LineageKey[] {
  return (['ancestors', 'descendants'] as const satisfies LineageDirection[]).flatMap((direction) =>
    selectedArguments(info, direction).flatMap((args) => {
      try {
        return [{ direction, id, maxDepth: maxDepth(args['maxDepth'] as number | null | undefined) }];
      } catch {
        return [];
      }
    }),
  );
}

export const ModelLineage: Pick<
  ModelResolvers,
  'ancestors' | 'descendants' | 'derivativeCount' | 'descendantCount' | 'datasetCount'
> = {
  ancestors: (model, args, context) =>
    context.loaders.lineage.load({ direction: 'ancestors', id: model.id, maxDepth: maxDepth(args.maxDepth) }),
  descendants: (model, args, context) =>
    context.loaders.lineage.load({ direction: 'descendants', id: model.id, maxDepth: maxDepth(args.maxDepth) }),
  derivativeCount: storedCount<ModelRow, 'derivativeCount'>('derivativeCount'),
  descendantCount: storedCount<ModelRow, 'descendantCount'>('descendantCount'),
  datasetCount: storedCount<ModelRow, 'datasetCount'>('datasetCount'),
};
