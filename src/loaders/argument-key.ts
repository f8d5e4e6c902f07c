/**
 * The key of a loader's arguments (a page's arguments, a filter), made once per arguments object: the resolvers
 * hand every parent of a field the same object (resolvers/per-field.ts), so a filter of 400 ids under a list of
 * 309 parents is serialised once, not for every parent's cache key and batch group. Equal arguments made apart
 * (a carried page's and its resolver's) have equal keys: the key is the JSON, or a hash of it when it is long.
 */
import { hash } from 'node:crypto';
import { RequestSlot } from '../request-slot.js';

/**
 * Up to this length the JSON is the key itself: a page's usual arguments are about 150 characters, and hashing them
 * cost a first page more CPU than the rest of its loader's work. A longer key (a filter of hundreds of ids) is its
 * SHA-256, which never starts with `{` as the JSON does: the two kinds cannot meet.
 */
const MAX_PLAIN_KEY = 256;

const keys = new RequestSlot<object, string>('argument key');

export function argumentKey(args: object): string {
  let key = keys.get(args);
  if (key === undefined) {
    const json = JSON.stringify(args);
    key = json.length <= MAX_PLAIN_KEY ? json : hash('sha256', json, 'base64url');
    keys.set(args, key);
  }
  return key;
}
