/**
 * Opaque cursors of model pages: the sort-key values and id of a model, tied to the order they were made for.
 */
import type { OrderKey, PagePosition, SortValue } from './db/model-page.js';
import { badUserInput } from './errors.js';

interface CursorPayload {
  o: string;
  v: SortValue[];
  id: string;
}

function orderSignature(order: OrderKey[]): string {
  return order.map(({ field, direction }) => `${field}:${direction}`).join(',');
}

export function encodeCursor(position: PagePosition, order: OrderKey[]): string {
  const payload: CursorPayload = { o: orderSignature(order), v: position.values, id: position.id };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function isSortValue(value: unknown): value is SortValue {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Names are always present and strings; years and parameter counts are whole numbers or missing. */
function fitsKey(value: SortValue, key: OrderKey): boolean {
  return key.field === 'NAME' ? typeof value === 'string' : value === null || Number.isSafeInteger(value);
}

/** Decodes `after` for a list sorted by `order`; a cursor that is malformed or was made for another order is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, order: OrderKey[]): PagePosition {
  const invalid = (why: string): never => {
    throw badUserInput('after', `after is not a valid cursor: ${why}`);
  };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return invalid('it does not decode');
  }
  if (typeof payload !== 'object' || payload === null) return invalid('it does not decode');
  const { o, v, id } = payload as Partial<CursorPayload>;
  if (typeof id !== 'string' || !Array.isArray(v) || !v.every(isSortValue)) return invalid('it does not decode');
  if (o !== orderSignature(order) || v.length !== order.length) {
    return invalid('it was made for another orderBy; start again without after');
  }
  if (!v.every((value, i) => fitsKey(value, order[i]!))) return invalid('it does not decode');
  return { values: v, id };
}
