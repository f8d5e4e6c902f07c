/**
 * Limits on the size of arguments that both the resolvers (which refuse more) and the node estimate (which
 * charges per item, up to the limit) read, so neither depends on the other.
 */

/** Most names one `resolve` takes. */
export const MAX_RESOLVE_NAMES = 100;
