/**
 * Hands what a list's rows carried (db/look-ahead.ts) to the loaders of the fields that asked for it, so that
 * their resolvers find their answers in the loaders' caches instead of querying again.
 */
import { carrying, type Carried, type CarriedPageParams } from '../db/look-ahead.js';
import { toModelPage } from '../db/model-page.js';
import { compactRow } from '../db/projections.js';
import { RELATIONS, type CarryingOf } from '../db/relation-query.js';
import type { EntityLabel, ModelRow } from '../db/rows.js';
import type { Loaders } from './index.js';

/**
 * One loader per look-ahead, made on first use within the request by `make`, which gets what the rows carry for
 * `carried` and the page parameters that fill as its query is built (the query's `$carried`). Loaders are found
 * again by the JSON of `key`, which names the look-ahead (and whatever else tells loaders apart).
 */
export function loaderPerLookAhead<L>(): (key: unknown, carried: readonly Carried[], make: (carriedBy: CarryingOf, pages: CarriedPageParams[]) => L) => L {
  const loaders = new Map<string, L>();
  return (key, carried, make) => {
    const id = JSON.stringify(key);
    let loader = loaders.get(id);
    if (loader === undefined) {
      const pages: CarriedPageParams[] = [];
      loader = make(carrying(carried, pages), pages);
      loaders.set(id, loader);
    }
    return loader;
  };
}

/**
 * Marks `rows` compact rows of `label`, and primes the child fields' loaders with the lists they carried
 * (carried0, carried1…).
 */
export type PrimeCarried = (rows: Record<string, unknown>[], label: EntityLabel, carried: readonly Carried[]) => void;

export function primeCarried(loaders: Loaders, rows: Record<string, unknown>[], label: EntityLabel, carried: readonly Carried[]): void {
  for (const row of rows) {
    compactRow(row, label);
    primeChildren(loaders, row, carried);
  }
}

/** Primes the child fields' loaders with the lists `row` (a compact row or a full entity) carried. */
export function primeChildren(loaders: Loaders, row: Record<string, unknown>, carried: readonly Carried[]): void {
  const parentId = String(row['id']);
  carried.forEach((child, i) => {
    // The list stays on the row too: deleting a property turns the object into a slow dictionary.
    const list = row[`carried${String(i)}`] as Record<string, unknown>[];
    if ('relation' in child) {
      primeCarried(loaders, list, RELATIONS[child.relation].label, []);
      loaders.related(child.relation).prime(parentId, list as never[]);
    } else {
      const { page: scope, args } = child;
      primeCarried(loaders, list, 'Model', args.carried);
      const page = toModelPage(list as unknown as ModelRow[], args, { scope, parentId, filter: args.filter });
      loaders.models.page.prime({ scope, parentId, args }, page);
    }
  });
}
