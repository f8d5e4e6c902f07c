/** Query.modelCounts and ModelCount: the dimensions are checked here, db/model-counts.ts does the counting. */
import { modelCounts } from '../db/model-counts.js';
import { badUserInput } from '../errors.js';
import type { ModelCountResolvers, ModelDimension, QueryResolvers } from '../generated/graphql.js';
import { toModality, toParadigm } from './enum-values.js';
import { filteredList, modelFilterIds } from './id-args.js';
import { normaliseFilter } from './page-args.js';

/** `by` holds one or two dimensions, each once. */
function checkDimensions(by: ModelDimension[]): ModelDimension[] {
  if (by.length < 1 || by.length > 2) throw badUserInput('by', `by must list 1..2 dimensions, got ${String(by.length)}`);
  if (by[0] === by[1]) throw badUserInput('by', `by lists ${by[0]} more than once`);
  return by;
}

export const ModelCountsQuery: Pick<QueryResolvers, 'modelCounts'> = {
  modelCounts: (_, { by, where }, context) => {
    const filter = normaliseFilter(where);
    return filteredList(context, modelCounts(context.reader, checkDimensions(by), filter), modelFilterIds(filter));
  },
};

export const ModelCount: ModelCountResolvers = {
  modality: (group) => (group.modality === null ? null : toModality(group.modality)),
  paradigm: (group) => (group.paradigm === null ? null : toParadigm(group.paradigm)),
};
