/**
 * Fields of list rows beyond id and name. List queries return compact rows (see db/projections.ts); the first
 * field that needs more loads the full entities of that level through the entity loader: one query per level,
 * and none when a request asks only for ids, names and links.
 */
import type { RequestContext } from '../context.js';
import type { EntityRow } from '../db/rows.js';

export async function fullRow<R extends EntityRow>(row: R, context: RequestContext): Promise<R> {
  if (!row.compact) return row;
  return ((await context.loaders.entity.load(row.id)) as R | null) ?? row;
}

/**
 * A resolver for a stored property of the full row, null where the fact is missing; `convert` turns a present
 * value into the API's form (e.g. an enum's spelling).
 */
export function property<R extends EntityRow, K extends keyof R & string, T = NonNullable<R[K]>>(
  key: K,
  convert: (value: NonNullable<R[K]>) => T = (value) => value as unknown as T,
) {
  return async (row: R, _args: unknown, context: RequestContext): Promise<T | null> => {
    const value = (await fullRow(row, context))[key];
    return value === undefined || value === null ? null : convert(value);
  };
}

/** Every entity's aliases: from the facts, empty when they give none (search hits carry them, compact as they are). */
export async function aliases(row: EntityRow, _args: unknown, context: RequestContext): Promise<string[]> {
  return row.aliases ?? (await fullRow(row, context)).aliases ?? [];
}

/**
 * A resolver for a count that cypher/derived/ stores on every node of the row's label. A missing one means the
 * graph was seeded without that step: an internal error, never a silent zero.
 */
export function storedCount<R extends EntityRow, K extends keyof R & string>(key: K) {
  return async (row: R, _args: unknown, context: RequestContext): Promise<number> => {
    const value = (await fullRow(row, context))[key];
    if (typeof value !== 'number') throw new Error(`${row.label} ${row.id} has no ${key}: cypher/derived/ was not applied`);
    return value;
  };
}
