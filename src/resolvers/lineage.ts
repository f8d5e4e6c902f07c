/** Model lineage fields: ancestors and descendants through the lineage loader, counts stored at seed time. */
import { MAX_LINEAGE_DEPTH } from '../db/lineage.js';
import type { ModelRow } from '../db/rows.js';
import { checkRange } from '../errors.js';
import type { ModelResolvers } from '../generated/graphql.js';
import { storedCount } from './full-row.js';

const maxDepth = (value: number | null | undefined): number => checkRange('maxDepth', value ?? 10, 1, MAX_LINEAGE_DEPTH);

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
