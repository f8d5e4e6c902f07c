/**
 * Root fields: arguments are checked here, then a loader or a query module does the work. The root fields of
 * counts, paths and the dataset list live in their own modules (model-counts.ts, paths.ts, dataset-list.ts).
 */
import { listDomains, listOrganizations, listTasks } from '../db/catalog.js';
import { ALL_MODELS_PARENT } from '../db/model-page.js';
import { relatedModels } from '../db/related-models.js';
import { readRelease } from '../db/release.js';
import type { GraphQLResolveInfo } from 'graphql';
import type { EntityLabel, EntityRow, ModelRow } from '../db/rows.js';
import { resolveNames, searchEntities } from '../db/search.js';
import { graphStats } from '../db/stats.js';
import { neighborhood } from '../db/traversal.js';
import { DatabaseUnavailableError } from '../db/database.js';
import { badUserInput, checkRange } from '../errors.js';
import type { QueryResolvers } from '../generated/graphql.js';
import type { RequestContext } from '../context.js';
import { MAX_RESOLVE_NAMES } from '../limits/argument-limits.js';
import { countryArgument } from './country-args.js';
import { kindLabels, toStored } from './enum-values.js';
import { selectedLineages } from './lineage.js';
import { filteredList, idArgument, modelPage, warnUnknownId } from './id-args.js';
import { entityCarried, type LookAheadInfo } from './look-ahead.js';
import { pageArgs } from './page-args.js';
import { selectedFields, selectedProperties } from './selection.js';

async function entityWithLabel<L extends EntityLabel>(
  context: RequestContext,
  id: string,
  label: L,
  info?: LookAheadInfo,
): Promise<Extract<EntityRow, { label: L }> | null> {
  const loader = info ? context.loaders.carryingEntity(entityCarried(info, label)) : context.loaders.entity;
  const row = await loader.load(idArgument(id));
  if (row?.label === label) return row as Extract<EntityRow, { label: L }>;
  await warnUnknownId(context, { argument: 'id', id: idArgument(id), label, found: row });
  return null;
}

/** What a lookup by an id of any kind answers, with an UNKNOWN_ID warning when it is null. */
async function warnedIfNull<T>(context: RequestContext, id: string, answer: Promise<T | null>): Promise<T | null> {
  const value = await answer;
  if (value === null) await warnUnknownId(context, { argument: 'id', id: idArgument(id), label: null, found: null });
  return value;
}

/** A model by id; the lineages its selection asks for are read first, and their query brings its row along. */
async function modelWithLineages(context: RequestContext, id: string, info: GraphQLResolveInfo): Promise<ModelRow | null> {
  await Promise.all(selectedLineages(info, idArgument(id)).map((key) => context.loaders.lineage.load(key)));
  return entityWithLabel(context, id, 'Model');
}

function checkNames(names: string[]): string[] {
  if (names.length > MAX_RESOLVE_NAMES) {
    throw badUserInput('names', `names must hold at most ${String(MAX_RESOLVE_NAMES)} names, got ${String(names.length)}`);
  }
  return names;
}

export const Query: QueryResolvers = {
  node: (_, { id }, context) => warnedIfNull(context, id, context.loaders.entity.load(idArgument(id))),
  domains: (_, __, context) => listDomains(context.reader),
  domain: (_, { id }, context, info) => entityWithLabel(context, id, 'Domain', info),
  tasks: (_, { domain }, context) => {
    const id = domain == null ? null : idArgument(domain);
    return filteredList(context, listTasks(context.reader, id), [{ argument: 'domain', id, label: 'Domain' }]);
  },
  task: (_, { id }, context, info) => entityWithLabel(context, id, 'Task', info),
  dataset: (_, { id }, context, info) => entityWithLabel(context, id, 'Dataset', info),
  models: (_, args, context, info) => modelPage(context, { scope: 'all', parentId: ALL_MODELS_PARENT, args: pageArgs(args, info) }),
  model: (_, { id }, context, info) => modelWithLineages(context, id, info),
  search: (_, { text, first, kinds }, context) =>
    searchEntities(context.reader, text, checkRange('first', first ?? 10, 0, 100), kindLabels(kinds)),
  resolve: (_, { names, kinds }, context) => resolveNames(context.reader, checkNames(names), kindLabels(kinds)),
  neighborhood: (_, { id, depth }, context, info) =>
    warnedIfNull(context, id, neighborhood(context.reader, idArgument(id), checkRange('depth', depth ?? 1, 1, 3), selectedProperties(info, ['nodes']))),
  relatedModels: (_, { id, first }, context, info) =>
    filteredList(
      context,
      relatedModels(context.reader, idArgument(id), checkRange('first', first ?? 10, 0, 100), {
        properties: selectedProperties(info, ['model']),
        shared: selectedFields(info, []).some((field) => field === 'sharedTasks' || field === 'sharedDatasets'),
      }),
      [{ argument: 'id', id: idArgument(id), label: 'Model' }],
    ),
  stats: (_, __, context) => graphStats(context.reader),
  release: async (_, __, context) => {
    const release = await readRelease(context.reader);
    // The server answers only once the release is verified; a marker missing now means a rebuild is under way.
    if (release === null) throw new DatabaseUnavailableError('the graph is being rebuilt');
    return release;
  },
  organizations: (_, { kind, country }, context) =>
    listOrganizations(context.reader, kind ? toStored(kind) : null, country == null ? null : countryArgument(context, country)),
  organization: (_, { id }, context) => entityWithLabel(context, id, 'Organization'),
};
