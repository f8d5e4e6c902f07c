/** Leaderboard fields and the root fields that find leaderboards; entries are checked here, then loaded in batches. */
import { listLeaderboards, type LeaderboardRow } from '../db/leaderboards.js';
import type { ModelFilter } from '../db/model-page.js';
import { checkRange } from '../errors.js';
import type { InputMaybe, LeaderboardResolvers, ModelWhere, QueryResolvers } from '../generated/graphql.js';
import type { EntriesKey } from '../loaders/results.js';
import { filteredList, idArgument, modelFilterIds, warnUnknownId } from './id-args.js';
import type { Warning } from '../warnings.js';
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
  leaderboard: async (_, { dataset, metric, setting }, context) => {
    const id = idArgument(dataset);
    const boards = await context.loaders.results.leaderboardsOfDataset.load(id);
    const board = boards.find((b) => b.metric === metric && b.setting === setting);
    if (board) return board;
    // Leaderboards carry their dataset: only a dataset with none may be no dataset at all.
    const found = boards[0]?.dataset ?? (await context.loaders.entity.load(id));
    if (found?.label !== 'Dataset') await warnUnknownId(context, { argument: 'dataset', id, label: 'Dataset', found });
    else context.warnings.add(unknownLeaderboard(id, metric, setting, boards));
    return null;
  },
};

/** How many of a dataset's leaderboards an UNKNOWN_LEADERBOARD warning lists. */
const LISTED_LEADERBOARDS = 10;

/** The warning for a metric and setting that no leaderboard of a known dataset has: what it has instead. */
function unknownLeaderboard(dataset: string, metric: string, setting: string, boards: LeaderboardRow[]): Warning {
  const listed = boards.slice(0, LISTED_LEADERBOARDS).map((b) => `${JSON.stringify(b.metric)} / ${JSON.stringify(b.setting)}`);
  const more = boards.length > LISTED_LEADERBOARDS ? `; ${String(boards.length - LISTED_LEADERBOARDS)} more in Dataset.leaderboards` : '';
  const has = boards.length === 0 ? 'it has none' : `its leaderboards (metric / setting): ${listed.join('; ')}${more}`;
  return {
    code: 'UNKNOWN_LEADERBOARD',
    // The setting when the metric is one of the dataset's: that is the part to change.
    argument: boards.some((b) => b.metric === metric) ? 'setting' : 'metric',
    message: `dataset ${JSON.stringify(dataset)} has no leaderboard of metric ${JSON.stringify(metric)} and setting ${JSON.stringify(setting)}; ${has}`,
  };
}
