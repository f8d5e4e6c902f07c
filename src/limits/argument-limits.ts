/**
 * Limits on the size of arguments, read by the resolvers (which refuse more) and by the node estimate (which
 * charges per item, up to the limit), so neither depends on the other.
 */
import { badUserInput } from '../errors.js';

/** Most names one `resolve` takes. */
export const MAX_RESOLVE_NAMES = 100;

/** Most ids one list of a model filter (`where.trainedOnAny`, ...) holds. */
export const MAX_WHERE_ITEMS = 100;

/** Most characters of one string of a model filter: an id, a name part, an organisation. */
export const MAX_WHERE_TEXT = 200;

/**
 * Refuses a model filter whose lists or strings are longer than the limits. A filter is the key of every page it
 * asks for, under each parent of a list and in each alias: a filter of thousands of ids, or a string of 95 KB,
 * made a request the estimate put at a few hundred nodes hold the event loop for seconds.
 */
export function checkWhereSize(where: object): void {
  // `field` is a field of the filter's input type (GraphQL coerced `where`), and it goes into a message, not Cypher.
  for (const [field, value] of Object.entries(where)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.length > MAX_WHERE_ITEMS) {
      throw badUserInput(`where.${field}`, `where.${field} may hold at most ${String(MAX_WHERE_ITEMS)} values, got ${String(values.length)}`);
    }
    for (const item of values) {
      if (typeof item === 'string' && item.length > MAX_WHERE_TEXT) {
        throw badUserInput(`where.${field}`, `where.${field} may be at most ${String(MAX_WHERE_TEXT)} characters long, got ${String(item.length)}`);
      }
    }
  }
}
