/**
 * The key of a loader's arguments (a page's arguments, a filter), made once per arguments object: the resolvers
 * hand every parent of a field the same object (resolvers/per-field.ts), so a filter of 400 ids under a list of
 * 309 parents is serialised once, not for every parent's cache key and batch group. Equal arguments made apart
 * (a carried page's and its resolver's) have equal keys: the key is a hash of the JSON.
 */
import { createHash } from 'node:crypto';
import { RequestSlot } from '../request-slot.js';

const keys = new RequestSlot<object, string>('argument key');

export function argumentKey(args: object): string {
  let key = keys.get(args);
  if (key === undefined) {
    key = createHash('sha256').update(JSON.stringify(args)).digest('base64url');
    keys.set(args, key);
  }
  return key;
}
