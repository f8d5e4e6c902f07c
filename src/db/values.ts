/**
 * The one boundary where Neo4j values become plain JavaScript and back: nothing above db/ sees an Integer.
 */
import neo4j from 'neo4j-driver';

export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

/**
 * Converts a value read from Neo4j (Integer, list, map, temporal) into plain JSON-like data. Lists and maps are
 * converted in place: the driver hands each record's values to us alone, and copying them doubled the garbage
 * of large results.
 */
export function toPlain(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = toPlain(value[i]);
    return value as PlainValue[];
  }
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object') {
    // Temporal and spatial values carry their own ISO rendering; maps are converted entry by entry.
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== Object.prototype && proto !== null && 'toString' in value) return String(value);
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map)) map[key] = toPlain(map[key]);
    return map as { [key: string]: PlainValue };
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
