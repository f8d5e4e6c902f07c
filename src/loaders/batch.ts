/**
 * The batching contract, written once: results line up with the keys (same length, same order, a fixed value
 * for a miss) whatever order the database returned rows in.
 */
import DataLoader from 'dataloader';

export interface LoaderSettings {
  /** When false every load is its own query (the N+1 baseline of the benchmark). */
  batching: boolean;
}

/** Values for `keys` in key order, looked up among `entries`; a key with no entry gets `missing`. */
export function alignByKey<V>(keys: readonly string[], entries: Iterable<readonly [string, V]>, missing: V): V[] {
  const byKey = new Map<string, V>();
  for (const [key, value] of entries) byKey.set(key, value);
  return keys.map((key) => (byKey.has(key) ? (byKey.get(key) as V) : missing));
}

/**
 * Runs one batch per group of keys that share `groupOf(key)` (e.g. the same page arguments) and puts the results
 * back in key order.
 */
export async function batchByGroup<K, V>(
  keys: readonly K[],
  groupOf: (key: K) => string,
  runGroup: (keys: K[]) => Promise<V[]>,
): Promise<V[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, index) => {
    const group = groupOf(key);
    const members = groups.get(group);
    if (members) members.push(index);
    else groups.set(group, [index]);
  });
  const results = new Array<V>(keys.length);
  await Promise.all(
    [...groups.values()].map(async (indexes) => {
      const values = await runGroup(indexes.map((i) => keys[i] as K));
      if (values.length !== indexes.length) {
        throw new Error(`batch returned ${String(values.length)} values for ${String(indexes.length)} keys`);
      }
      indexes.forEach((keyIndex, i) => {
        results[keyIndex] = values[i] as V;
      });
    }),
  );
  return results;
}

/** A DataLoader that honours the batching setting; keys that are objects are cached by their JSON. */
export function createLoader<K, V>(
  settings: LoaderSettings,
  batch: (keys: readonly K[]) => Promise<V[]>,
  cacheKeyFn?: (key: K) => string,
): DataLoader<K, V, string | K> {
  return new DataLoader<K, V, string | K>(batch, {
    batch: settings.batching,
    ...(cacheKeyFn ? { cacheKeyFn } : {}),
  });
}

/** A loader by string key whose primed values are answered at once, not as promises. */
export interface PrimedLoader<V> {
  load(key: string): V | Promise<V>;
  prime(key: string, value: V): void;
}

/**
 * Wraps `loader` so that what was primed (lists a parent list's rows carried, loaders/look-ahead.ts) is returned
 * as a plain value: graphql-js completes a plain value at once, while a promise per parent costs thousands of
 * promises and microtasks on a list of thousands of rows. Other keys are loaded (and batched) by `loader`. As with
 * DataLoader's own prime, a key primed twice keeps its first value.
 */
export function primedLoader<V>(loader: DataLoader<string, V, string>): PrimedLoader<V> {
  const primed = new Map<string, V>();
  return {
    load: (key) => (primed.has(key) ? (primed.get(key) as V) : loader.load(key)),
    prime: (key, value) => {
      if (!primed.has(key)) primed.set(key, value);
    },
  };
}
