/**
 * Fields of list rows beyond id and name. List queries return compact rows (see db/projections.ts) that carry the
 * stored properties the request selects where the query knows them; a field whose properties a row does not carry
 * loads the full entities of that level through the entity loader: one query per level, and none when a request
 * asks only for ids, names and links. A field that finds its properties on the row answers at once, without a
 * promise for graphql-js to wait on.
 */
import type { RequestContext } from '../context.js';
import type { EntityRow } from '../db/rows.js';

export async function fullRow<R extends EntityRow>(row: R, context: RequestContext): Promise<R> {
  if (!row.compact) return row;
  return ((await context.loaders.entity.load(row.id)) as R | null) ?? row;
}

/** Whether `row` carries `keys`: a full row carries all (a missing one is a missing fact), a compact row those it was made with. */
export function carries<R extends EntityRow>(row: R, keys: readonly (keyof R & string)[]): boolean {
  if (!row.compact) return true;
  // A loop, not keys.every: a closure per call, for every field of every row, is garbage the server collects.
  for (const key of keys) if (!(key in row)) return false;
  return true;
}

/** `read(row)` from the row when it carries `keys`, else from the full row. */
export function fromRow<R extends EntityRow, T>(
  row: R,
  keys: readonly (keyof R & string)[],
  context: RequestContext,
  read: (row: R) => T,
): T | Promise<T> {
  return carries(row, keys) ? read(row) : fullRow(row, context).then(read);
}

/**
 * A resolver for a stored property of the full row, null where the fact is missing; `convert` turns a present
 * value into the API's form (e.g. an enum's spelling).
 */
export function property<R extends EntityRow, K extends keyof R & string, T = NonNullable<R[K]>>(
  key: K,
  convert: (value: NonNullable<R[K]>) => T = (value) => value as unknown as T,
) {
  // Made once per field, not per call: the resolver runs for every row of every list.
  const keys = [key] as const;
  const read = (full: R): T | null => {
    const value = full[key];
    return value === undefined || value === null ? null : convert(value as NonNullable<R[K]>);
  };
  return (row: R, _args: unknown, context: RequestContext): T | null | Promise<T | null> => fromRow(row, keys, context, read);
}

/** Every entity's aliases: from the facts, empty when they give none (search hits carry them, compact as they are). */
export function aliases(row: EntityRow, _args: unknown, context: RequestContext): string[] | Promise<string[]> {
  return fromRow(row, ['aliases'], context, (full) => full.aliases ?? []);
}

/**
 * A resolver for a count that cypher/derived/ stores on every node of the row's label. A missing one means the
 * graph was seeded without that step: an internal error, never a silent zero.
 */
export function storedCount<R extends EntityRow, K extends keyof R & string>(key: K) {
  return (row: R, _args: unknown, context: RequestContext): number | Promise<number> =>
    fromRow(row, [key], context, (full) => {
      const value = full[key];
      if (typeof value !== 'number') throw new Error(`${row.label} ${row.id} has no ${key}: cypher/derived/ was not applied`);
      return value;
    });
}
