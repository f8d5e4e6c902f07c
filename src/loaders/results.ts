/**
 * Loaders of results and leaderboards: a dataset's leaderboards, a leaderboard's entries and a model's results,
 * each one query per level however many parents ask. Entries asked with equal `first` and filter share a query.
 */
import type DataLoader from 'dataloader';
import type { Reader } from '../db/database.js';
import {
  entriesQuery,
  leaderboardsOfDatasets,
  MODEL_RESULTS_QUERY,
  type LeaderboardKey,
  type LeaderboardRow,
  type ResultRow,
} from '../db/leaderboards.js';
import type { ModelFilter } from '../db/model-page.js';
import { argumentKey } from './argument-key.js';
import { alignByKey, batchByGroup, createLoader, type LoaderSettings } from './batch.js';

export interface EntriesKey extends LeaderboardKey {
  first: number;
  filter: ModelFilter;
}

export interface ModelResultsKey {
  model: string;
  /** Only the results on this dataset; null for all. */
  dataset: string | null;
}

export interface ResultLoaders {
  leaderboardsOfDataset: DataLoader<string, LeaderboardRow[], string>;
  entries: DataLoader<EntriesKey, ResultRow[], string>;
  ofModel: DataLoader<ModelResultsKey, ResultRow[], string>;
}

const boardId = ({ dataset, metric, setting }: LeaderboardKey): string => JSON.stringify([dataset, metric, setting]);

export function createResultLoaders(reader: Reader, settings: LoaderSettings): ResultLoaders {
  const leaderboardsOfDataset = createLoader<string, LeaderboardRow[]>(settings, async (datasetIds) => {
    const byDataset = new Map<string, LeaderboardRow[]>();
    for (const board of await leaderboardsOfDatasets(reader, datasetIds)) {
      const boards = byDataset.get(board.dataset.id);
      if (boards) boards.push(board);
      else byDataset.set(board.dataset.id, [board]);
    }
    return alignByKey(datasetIds, byDataset, []);
  });
  const entries = createLoader<EntriesKey, ResultRow[]>(
    settings,
    (keys) =>
      batchByGroup(keys, ({ first, filter }) => `${String(first)}\n${argumentKey(filter)}`, async (group) => {
        const { first, filter } = group[0]!;
        const boards = group.map(({ dataset, metric, setting }) => ({ dataset, metric, setting }));
        const rows = await reader.read(entriesQuery(filter), { boards, first, filter });
        const found = rows.map((row) => [boardId(row as unknown as LeaderboardKey), row['entries'] as unknown as ResultRow[]] as const);
        return alignByKey(boards.map(boardId), found, []);
      }),
    (key) => `${boardId(key)}\n${String(key.first)}\n${argumentKey(key.filter)}`,
  );
  const ofModel = createLoader<ModelResultsKey, ResultRow[]>(
    settings,
    (keys) =>
      batchByGroup(keys, ({ dataset }) => JSON.stringify(dataset), async (group) => {
        const modelIds = group.map((key) => key.model);
        const rows = await reader.read(MODEL_RESULTS_QUERY, { modelIds, dataset: group[0]!.dataset });
        return alignByKey(modelIds, rows.map((row) => [String(row['modelId']), row['results'] as unknown as ResultRow[]] as const), []);
      }),
    (key) => JSON.stringify(key),
  );
  return { leaderboardsOfDataset, entries, ofModel };
}
