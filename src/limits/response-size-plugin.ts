/**
 * Replaces an answer larger than the limit by a RESPONSE_TOO_LARGE error (HTTP 413) before it is serialised: the
 * result is measured by walking it, which stops as soon as the limit is passed, so no giant body is ever built.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../errors.js';

/**
 * The length in bytes of a string as JSON (quotes and escapes included, UTF-8). Most strings of an answer (keys,
 * ids, names) are plain printable ASCII: their size is counted without building anything.
 */
function jsonStringBytes(text: string): number {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // Control characters, the quote, the backslash and anything beyond ASCII take the exact, slower way.
    if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c) return Buffer.byteLength(JSON.stringify(text));
  }
  return text.length + 2;
}

/**
 * The length in bytes of `JSON.stringify(value)` (UTF-8), or Infinity as soon as it is known to exceed `limit`.
 * Exact for what GraphQL results hold: plain objects, arrays, strings, finite numbers, booleans and null. It walks
 * the answer without allocating (every answer is measured, so it runs on the hot path).
 */
export function jsonSizeWithin(value: unknown, limit: number): number {
  let size = 0;
  // False as soon as the running total passes the limit: the rest is never visited.
  const visit = (item: unknown): boolean => {
    if (item === null || item === undefined) size += 4;
    else if (typeof item === 'boolean') size += item ? 4 : 5;
    else if (typeof item === 'number') size += Number.isFinite(item) ? String(item).length : 4;
    else if (typeof item === 'string') size += jsonStringBytes(item);
    else if (Array.isArray(item)) {
      size += 1 + Math.max(1, item.length);
      for (const element of item) if (!visit(element)) return false;
    } else if (typeof item === 'object') {
      let members = 0;
      for (const key in item) {
        const element = (item as Record<string, unknown>)[key];
        // JSON.stringify leaves out properties whose value is undefined.
        if (element === undefined) continue;
        members += 1;
        size += jsonStringBytes(key) + 1;
        if (!visit(element)) return false;
      }
      size += 1 + Math.max(1, members);
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
