/** Root fields: arguments are checked here, then a loader or a query module does the work. */
import { listDatasets, listDomains, listTasks } from '../db/catalog.js';
import { relatedModels } from '../db/related-models.js';
import type { EntityLabel, EntityRow } from '../db/rows.js';
import { searchEntities } from '../db/search.js';
import { graphStats } from '../db/stats.js';
import { neighborhood, shortestPath } from '../db/traversal.js';
import { checkRange } from '../errors.js';
import type { QueryResolvers } from '../generated/graphql.js';
import type { RequestContext } from '../context.js';
import { toStored } from './enum-values.js';
import { pageArgs } from './page-args.js';

async function entityWithLabel<L extends EntityLabel>(
  context: RequestContext,
  id: string,
  label: L,
): Promise<Extract<EntityRow, { label: L }> | null> {
  const row = await context.loaders.entity.load(id);
  return row?.label === label ? (row as Extract<EntityRow, { label: L }>) : null;
}

export const Query: QueryResolvers = {
  node: (_, { id }, context) => context.loaders.entity.load(id),
  domains: (_, __, context) => listDomains(context.reader),
  domain: (_, { id }, context) => entityWithLabel(context, id, 'Domain'),
  tasks: (_, { domain }, context) => listTasks(context.reader, domain ?? null),
  task: (_, { id }, context) => entityWithLabel(context, id, 'Task'),
  datasets: (_, { task, modality }, context) =>
    listDatasets(context.reader, task ?? null, modality ? toStored(modality) : null),
  dataset: (_, { id }, context) => entityWithLabel(context, id, 'Dataset'),
  models: (_, args, context) => context.loaders.models.page.load({ scope: 'all', parentId: '', args: pageArgs(args) }),
  model: (_, { id }, context) => entityWithLabel(context, id, 'Model'),
  search: (_, { text, first }, context) =>
    searchEntities(context.reader, text, checkRange('first', first ?? 10, 0, 100)),
  path: (_, { from, to, maxHops }, context) =>
    shortestPath(context.reader, (id) => context.loaders.entity.load(id), from, to, checkRange('maxHops', maxHops ?? 4, 1, 6)),
  neighborhood: (_, { id, depth }, context) =>
    neighborhood(context.reader, id, checkRange('depth', depth ?? 1, 1, 3)),
  relatedModels: (_, { id, first }, context) =>
    relatedModels(context.reader, id, checkRange('first', first ?? 10, 0, 100)),
  stats: (_, __, context) => graphStats(context.reader),
};
