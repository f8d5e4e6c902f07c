/** Leaderboard fields and the root fields that find leaderboards; entries are checked here, then loaded in batches. */
import { listLeaderboards, type LeaderboardRow } from '../db/leaderboards.js';
import type { ModelFilter } from '../db/model-page.js';
import { checkRange } from '../errors.js';
import type { InputMaybe, LeaderboardResolvers, ModelWhere, QueryResolvers } from '../generated/graphql.js';
import type { EntriesKey } from '../loaders/results.js';
import { filteredList, idArgument, modelFilterIds } from './id-args.js';
import { MAX_PAGE_SIZE, normaliseFilter } from './page-args.js';
import { PerField, type FieldInfo } from './per-field.js';

const DEFAULT_ENTRIES = 20;

/** One filter object for every leaderboard of the field: the loader keys it once (loaders/argument-key.ts). */
const filterPerField = new PerField<ModelFilter>();

function entriesKey(board: LeaderboardRow, args: { first?: InputMaybe<number>; where?: InputMaybe<ModelWhere> }, info: FieldInfo): EntriesKey {
  const { dataset, metric, setting } = board;
  const first = checkRange('first', args.first ?? DEFAULT_ENTRIES, 0, MAX_PAGE_SIZE);
  return { dataset: dataset.id, metric, setting, first, filter: filterPerField.get(info, () => normaliseFilter(args.where)) };
}

export const Leaderboard: LeaderboardResolvers = {
  entries: (board, args, context, info) => {
    const key = entriesKey(board, args, info);
    return filteredList(context, context.loaders.results.entries.load(key), modelFilterIds(key.filter));
  },
};

export const leaderboardQueries: Pick<QueryResolvers, 'leaderboards' | 'leaderboard'> = {
  leaderboards: (_, { task, domain }, context) => {
    const taskId = task == null ? null : idArgument(task);
    const domainId = domain == null ? null : idArgument(domain);
    return filteredList(context, listLeaderboards(context.reader, taskId, domainId), [
      { argument: 'task', id: taskId, label: 'Task' },
      { argument: 'domain', id: domainId, label: 'Domain' },
    ]);
  },
  // A dataset has a handful of leaderboards: its list, loaded like Dataset.leaderboards, holds the one asked for.
  leaderboard: async (_, { dataset, metric, setting }, context) =>
    (await context.loaders.results.leaderboardsOfDataset.load(idArgument(dataset))).find((b) => b.metric === metric && b.setting === setting) ?? null,
};
