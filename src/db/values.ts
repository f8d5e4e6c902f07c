/**
 * The one boundary where Neo4j values become plain JavaScript and back: nothing above db/ sees an Integer.
 */
import neo4j from 'neo4j-driver';

export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

/** Converts a value read from Neo4j (Integer, list, map, temporal) into plain JSON-like data. */
export function toPlain(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return value.toNumber();
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object') {
    // Temporal and spatial values carry their own ISO rendering; maps are copied key by key.
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== Object.prototype && proto !== null && 'toString' in value) return String(value);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toPlain(item)]));
  }
  return String(value);
}

/**
 * Converts query parameters: whole numbers go as Cypher INTEGER (a JS number would arrive as FLOAT, which LIMIT
 * and integer comparisons reject).
 */
export function toParameter(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toParameter);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toParameter(item)]));
  }
  return value;
}
