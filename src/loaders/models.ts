/**
 * Loaders of model pages, their total counts and facets. Keys carry the parent and the page arguments; keys with equal
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
import { modelFacetsQuery, type FacetsKey, type FacetsRow } from '../db/model-facets.js';
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
  facets: DataLoader<FacetsKey, FacetsRow, string>;
}

const EMPTY_FACETS: FacetsRow = {
  domains: [],
  tasks: [],
  modalities: [],
  paradigms: [],
  years: [],
  openWeights: [],
  organizations: [],
};

interface PerListQuery<K extends ModelCountKey, V> {
  /** The Cypher for all parents of keys that differ only in parentId; it returns parentId and `column`. */
  query: (key: K) => string;
  params: (key: K) => Record<string, unknown>;
  column: string;
  /** The value of a parent the query returned no row for. */
  missing: V;
}

/** A loader of one value per model list (its size, its facets): keys that differ only in parent share one query. */
function perListLoader<K extends ModelCountKey, V>(
  reader: Reader,
  settings: LoaderSettings,
  { query, params, column, missing }: PerListQuery<K, V>,
): DataLoader<K, V, string> {
  return createLoader<K, V>(
    settings,
    (keys) =>
      batchByGroup(keys, (key) => JSON.stringify({ ...key, parentId: '' }), async (group) => {
        const parentIds = group.map((key) => key.parentId);
        const rows = await reader.read(query(group[0]!), { parentIds, ...params(group[0]!) });
        return alignByKey(parentIds, rows.map((row) => [String(row['parentId']), row[column] as V] as const), missing);
      }),
    (key) => JSON.stringify(key),
  );
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
  const count = perListLoader<ModelCountKey, number>(reader, settings, {
    query: ({ scope, filter }) => modelCountQuery(scope, filter),
    params: ({ filter }) => ({ filter }),
    column: 'total',
    missing: 0,
  });
  const facets = perListLoader<FacetsKey, FacetsRow>(reader, settings, {
    query: modelFacetsQuery,
    params: ({ filter, top }) => ({ filter, top }),
    column: 'facets',
    missing: EMPTY_FACETS,
  });
  return { page, count, facets };
}
