/**
 * Replaces an answer larger than the limit by a RESPONSE_TOO_LARGE error (HTTP 413) before it is serialised: the
 * result is measured by walking it, which stops as soon as the limit is passed, so no giant body is ever built.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../errors.js';

/**
 * The length in bytes of `JSON.stringify(value)` (UTF-8), or Infinity as soon as it is known to exceed `limit`.
 * Exact for what GraphQL results hold: plain objects, arrays, strings, finite numbers, booleans and null.
 */
export function jsonSizeWithin(value: unknown, limit: number): number {
  let size = 0;
  // False as soon as the running total passes the limit: the rest is never visited.
  const visit = (item: unknown): boolean => {
    if (item === null || item === undefined) size += 4;
    else if (typeof item === 'boolean') size += item ? 4 : 5;
    else if (typeof item === 'number') size += Number.isFinite(item) ? String(item).length : 4;
    else if (typeof item === 'string') size += Buffer.byteLength(JSON.stringify(item));
    else if (Array.isArray(item)) {
      size += 1 + Math.max(1, item.length);
      for (const element of item) if (!visit(element)) return false;
    } else if (typeof item === 'object') {
      // JSON.stringify leaves out properties whose value is undefined.
      const entries = Object.entries(item).filter(([, element]) => element !== undefined);
      size += 1 + Math.max(1, entries.length);
      for (const [key, element] of entries) {
        size += Buffer.byteLength(JSON.stringify(key)) + 1;
        if (!visit(element)) return false;
      }
    }
    return size <= limit;
  };
  return visit(value) ? size : Infinity;
}

export function responseSizePlugin<C extends object>(maxBytes: number): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          if (jsonSizeWithin(response.body.singleResult, maxBytes) === Infinity) {
            response.http.status = 413;
            response.body.singleResult = {
              errors: [
                {
                  message: `The answer is larger than the limit of ${String(maxBytes)} bytes; ask for smaller pages (first) or fewer fields.`,
                  extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, limit: maxBytes },
                },
              ],
            };
          }
          return Promise.resolve();
        },
      });
    },
  };
}
