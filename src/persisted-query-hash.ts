/**
 * Refuses an automatic persisted query whose hash cannot be a query's SHA-256 with BAD_REQUEST, before Apollo
 * looks it up: Apollo answers PERSISTED_QUERY_NOT_FOUND to any hash it does not hold, which tells an APQ client to
 * send the query with that hash again, a request that can only fail.
 */
import type { Request, RequestHandler } from 'express';
import { ErrorCode } from './errors.js';
import { searchOf } from './graphql-http.js';
import { sendError } from './http-errors.js';

/** How Apollo writes the hash it compares a query's with: its SHA-256 in lowercase hex. */
const SHA256_HEX = /^[0-9a-f]{64}$/;

interface PersistedQueryExtension {
  persistedQuery?: { version?: unknown; sha256Hash?: unknown } | null;
}

/**
 * The request's `extensions` where Apollo reads them: a POST's body, a GET's one `extensions` parameter.
 * Undefined when there are none or Apollo refuses them itself (several parameters, JSON that does not parse).
 */
function extensionsOf(req: Request): unknown {
  if (req.method === 'POST') return (req.body as { extensions?: unknown } | null | undefined)?.extensions;
  if (req.method !== 'GET') return undefined;
  const values = new URLSearchParams(searchOf(req.url)).getAll('extensions');
  if (values.length !== 1) return undefined;
  try {
    return JSON.parse(values[0]!) as unknown;
  } catch {
    return undefined;
  }
}

export const requirePersistedQueryHash: RequestHandler = (req, res, next) => {
  const persistedQuery = (extensionsOf(req) as PersistedQueryExtension | null | undefined)?.persistedQuery;
  // Apollo refuses any other version itself.
  if (persistedQuery?.version !== 1) {
    next();
    return;
  }
  const hash = persistedQuery.sha256Hash;
  if (typeof hash === 'string' && SHA256_HEX.test(hash)) {
    next();
    return;
  }
  const got = JSON.stringify(hash ?? null).slice(0, 100);
  sendError(res, 400, ErrorCode.BAD_REQUEST, `extensions.persistedQuery.sha256Hash must be the query's SHA-256 as 64 lowercase hexadecimal digits, got ${got}.`);
};
