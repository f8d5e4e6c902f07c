/**
 * Loaders of model pages, and of their lists' sizes and facets. Keys carry the parent and the page arguments; keys
 * with equal arguments (e.g. `models(first: 5)` under every domain of a list) are answered by one query.
 */
import type DataLoader from 'dataloader';
import type { Reader } from '../db/database.js';
import { carrying, type CarriedPageParams } from '../db/look-ahead.js';
import {
  modelCountQuery,
  modelPageParams,
  modelPageQuery,
  plainModelPageQuery,
  toModelPage,
  type ModelCountKey,
  type ModelPage,
  type ModelScope,
  type PageArgs,
} from '../db/model-page.js';
import { FACETS, modelFacetsQuery, type FacetName, type FacetsRow, type FacetsWanted } from '../db/model-facets.js';
import type { ModelRow } from '../db/rows.js';
import { argumentKey } from './argument-key.js';
import { alignByKey, batchByGroup, createLoader, type LoaderSettings } from './batch.js';
import type { PrimeCarried } from './look-ahead.js';

export interface ModelPageKey {
  scope: ModelScope;
  /** The domain or task id; '' for the list of all models. */
  parentId: string;
  args: PageArgs;
}

/**
 * What is asked of a whole list besides its pages: its size, and its facets when `facets` says which and how
 * many values of each (null for the size alone).
 */
export interface ListKey extends ModelCountKey {
  facets: FacetsWanted | null;
}

/** A list's size, and the facets its key asked for (every other facet empty). */
export interface ListSummary {
  total: number;
  facets: FacetsRow;
}

export interface ModelLoaders {
  page: DataLoader<ModelPageKey, ModelPage, string>;
  list: DataLoader<ListKey, ListSummary, string>;
}

const FACET_NAMES = Object.keys(FACETS) as FacetName[];

const EMPTY_FACETS: FacetsRow = {
  domains: [],
  tasks: [],
  modalities: [],
  paradigms: [],
  years: [],
  openWeights: [],
  organizations: [],
};

/**
 * Sizes and facets of model lists: keys that differ only in parent, or in which facets they ask for, share one
 * query. A list whose size and facets are both asked (totalCount beside facets) is counted once: the facets
 * query counts the list it spreads. Facets asked with different `top`s are counted to the largest and cut.
 */
function createListLoader(reader: Reader, settings: LoaderSettings): DataLoader<ListKey, ListSummary, string> {
  return createLoader<ListKey, ListSummary>(
    settings,
    (keys) =>
      batchByGroup(keys, ({ scope, filter }) => `${scope}\n${argumentKey(filter)}`, async (group) => {
        const { scope, filter } = group[0]!;
        const parentIds = [...new Set(group.map((key) => key.parentId))];
        const wanted = group.flatMap((key) => (key.facets ? [key.facets] : []));
        const names = [...new Set(wanted.flatMap((facets) => facets.names))].sort();
        const top = Math.max(0, ...wanted.map((facets) => facets.top));
        const rows =
          wanted.length === 0
            ? await reader.read(modelCountQuery(scope, filter), { parentIds, filter })
            : await reader.read(modelFacetsQuery({ scope, filter }, names), { parentIds, filter, top });
        const summaries = alignByKey(
          group.map((key) => key.parentId),
          rows.map((row) => [String(row['parentId']), { total: Number(row['total']), facets: { ...EMPTY_FACETS, ...(row['facets'] as Partial<FacetsRow>) } }] as const),
          { total: 0, facets: EMPTY_FACETS },
        );
        return group.map((key, i): ListSummary => {
          const { total, facets } = summaries[i]!;
          const top = key.facets?.top ?? 0;
          return { total, facets: Object.fromEntries(FACET_NAMES.map((name) => [name, facets[name].slice(0, top)])) as FacetsRow };
        });
      }),
    ({ scope, parentId, filter, facets }) => `${scope}\n${parentId}\n${argumentKey(filter)}\n${JSON.stringify(facets)}`,
  );
}

/** Pages, their rows carrying what the request selects on them (none for the N+1 baseline, batching off). */
export function createModelLoaders(reader: Reader, settings: LoaderSettings, prime: PrimeCarried): ModelLoaders {
  const page = createLoader<ModelPageKey, ModelPage>(
    settings,
    (keys) =>
      batchByGroup(keys, ({ scope, args }) => `${scope}\n${argumentKey(args)}`, async (group) => {
        const { scope, args } = group[0]!;
        const parentIds = group.map((key) => key.parentId);
        const carried = settings.batching ? args.carried : [];
        const carriedPages: CarriedPageParams[] = [];
        const statement = carried.length === 0 ? plainModelPageQuery(scope, args) : modelPageQuery(scope, args, carrying(carried, carriedPages));
        const rows = await reader.read(statement, modelPageParams(scope, args, parentIds, carriedPages));
        for (const row of rows) prime(row['page'] as Record<string, unknown>[], 'Model', carried);
        const pages = alignByKey(parentIds, rows.map((row) => [String(row['parentId']), row['page'] as unknown as ModelRow[]] as const), []);
        return pages.map((pageRows, i) =>
          toModelPage(pageRows, args, { scope, parentId: parentIds[i]!, filter: args.filter }),
        );
      }),
    ({ scope, parentId, args }) => `${scope}\n${parentId}\n${argumentKey(args)}`,
  );
  return { page, list: createListLoader(reader, settings) };
}
