/**
 * Loaders of model pages and their total counts. Keys carry the parent and the page arguments; keys with equal
 * arguments (e.g. `models(first: 5)` under every domain of a list) are answered by one query.
 */
import type DataLoader from 'dataloader';
import type { Reader } from '../db/database.js';
import {
  modelCountQuery,
  modelPageQuery,
  toModelPage,
  type ModelCountKey,
  type ModelPage,
  type ModelScope,
  type PageArgs,
  type SortValue,
} from '../db/model-page.js';
import type { ModelRow } from '../db/rows.js';
import { alignByKey, batchByGroup, createLoader, type LoaderSettings } from './batch.js';

export interface ModelPageKey {
  scope: ModelScope;
  /** The domain or task id; '' for the list of all models. */
  parentId: string;
  args: PageArgs;
}

export interface ModelLoaders {
  page: DataLoader<ModelPageKey, ModelPage, string>;
  count: DataLoader<ModelCountKey, number, string>;
}

type PageRow = ModelRow & { sortValues: SortValue[] };

export function createModelLoaders(reader: Reader, settings: LoaderSettings): ModelLoaders {
  const page = createLoader<ModelPageKey, ModelPage>(
    settings,
    (keys) =>
      batchByGroup(keys, ({ scope, args }) => JSON.stringify([scope, args]), async (group) => {
        const { scope, args } = group[0]!;
        const parentIds = group.map((key) => key.parentId);
        const rows = await reader.read(modelPageQuery(scope, args), {
          parentIds,
          filter: args.filter,
          after: args.after,
          limit: args.first + 1,
        });
        const pages = alignByKey(parentIds, rows.map((row) => [String(row['parentId']), row['page'] as unknown as PageRow[]] as const), []);
        return pages.map((pageRows, i) =>
          toModelPage(pageRows, args, { scope, parentId: parentIds[i]!, filter: args.filter }),
        );
      }),
    (key) => JSON.stringify(key),
  );
  const count = createLoader<ModelCountKey, number>(
    settings,
    (keys) =>
      batchByGroup(keys, ({ scope, filter }) => JSON.stringify([scope, filter]), async (group) => {
        const { scope, filter } = group[0]!;
        const parentIds = group.map((key) => key.parentId);
        const rows = await reader.read(modelCountQuery(scope, filter), { parentIds, filter });
        return alignByKey(parentIds, rows.map((row) => [String(row['parentId']), Number(row['total'])] as const), 0);
      }),
    (key) => JSON.stringify(key),
  );
  return { page, count };
}
