/**
 * What an unknown id was probably meant to be: the entity the id names or most nearly names as a name (`esm2` is
 * ESM-2, `medqa` the dataset `medqa-usmle`), one round trip for the unknown ids of a request. At most
 * MAX_SUGGESTIONS ids a request get one: an id that names nothing costs a lookup by id, and a suggestion a search
 * the node estimate could not foresee, so a request of many unknown ids may not turn into many searches. Each
 * search is counted on the request's UnforeseenWork as what `resolve` is charged for the same name, which the rate
 * limit takes after the answer.
 */
import type { Reader } from '../db/database.js';
import type { EntityLabel, EntityRow } from '../db/rows.js';
import { nearestEntities } from '../db/search.js';
import { resolveNameNodes } from '../limits/field-costs.js';
import type { UnforeseenWork } from '../limits/unforeseen-work.js';
import { createLoader, type LoaderSettings } from './batch.js';

export const MAX_SUGGESTIONS = 5;

export interface SuggestionKey {
  /** The id as the request gave it. */
  id: string;
  /** The kind the id should have named; null for any. */
  label: EntityLabel | null;
}

export type SuggestionLoader = (key: SuggestionKey) => Promise<EntityRow | null>;

const keyOf = ({ id, label }: SuggestionKey): string => `${label ?? ''}\u0000${id}`;

export function createSuggestionLoader(reader: Reader, settings: LoaderSettings, unforeseen: UnforeseenWork): SuggestionLoader {
  const loader = createLoader<SuggestionKey, EntityRow | null>(
    settings,
    (keys) => nearestEntities(reader, keys.map(({ id, label }) => ({ text: id, labels: label === null ? null : [label] }))),
    keyOf,
  );
  const asked = new Set<string>();
  return (key) => {
    const cacheKey = keyOf(key);
    if (!asked.has(cacheKey)) {
      if (asked.size >= MAX_SUGGESTIONS) return Promise.resolve(null);
      asked.add(cacheKey);
      // The same search as resolving the id as a name, with the kind asked for as its kinds; charged even if it
      // fails, since a search that timed out took the database's time all the same.
      unforeseen.add(resolveNameNodes(key.id, key.label !== null));
    }
    // A suggestion only adds to an answer: if its search fails (a timeout, the database gone), the answer stands
    // without one rather than becoming that error.
    return loader.load(key).catch(() => null);
  };
}
