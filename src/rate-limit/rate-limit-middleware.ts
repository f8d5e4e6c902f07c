/**
 * The door of the rate limit: names the client (its API key when it sends a known one, else its IP address, an
 * IPv6 one's /64), takes the
 * request's tokens (one, or a whole-graph export's), sets the RateLimit header fields, and refuses a client whose
 * bucket lacks them with 429 and Retry-After; while the buckets' store cannot be reached, every request is refused
 * with 503 and Retry-After (nothing runs unlimited). GraphQL operations take the rest of their cost once estimated
 * (rate-limit-plugin.ts).
 */
import type { Request, RequestHandler, Response } from 'express';
import { clientNetwork } from '../client-network.js';
import { ErrorCode } from '../errors.js';
import { sendError } from '../http-errors.js';
import { RATE_LIMIT_FIELDS, type RateLimiter, STORE_UNAVAILABLE } from './rate-limiter.js';
import { BucketStoreUnavailableError } from './token-bucket.js';

/** The client a request counts against, kept in `res.locals` for the GraphQL context. */
export const CLIENT_LOCAL = 'rateLimitClient';

export function rateLimitDoor(limiter: RateLimiter, points: (req: Request) => number = () => 1): RequestHandler {
  const { apiKeys, apiKeyHeader } = limiter.policy;
  const known = new Set(apiKeys);
  return (req, res, next) => {
    const key = req.get(apiKeyHeader);
    if (key !== undefined && !known.has(key)) {
      sendError(res, 401, ErrorCode.UNAUTHENTICATED, `The API key in ${apiKeyHeader} is not known to this server.`);
      return;
    }
    const client = key === undefined ? `ip:${clientNetwork(req.ip ?? 'unknown')}` : `key:${key}`;
    res.locals[CLIENT_LOCAL] = client;
    limiter.take(client, points(req)).then(
      (taken) => {
        res.set(limiter.headers(taken.state));
        if (!taken.allowed) {
          res.set('retry-after', String(taken.state.resetSeconds));
          sendError(res, 429, ErrorCode.RATE_LIMITED, `Rate limit reached; the tokens this request takes are back in ${String(taken.state.resetSeconds)} s.`);
          return;
        }
        next();
      },
      (error: unknown) => {
        if (!(error instanceof BucketStoreUnavailableError)) {
          next(error);
          return;
        }
        res.set('retry-after', '1');
        sendError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, STORE_UNAVAILABLE);
      },
    );
  };
}

/**
 * Sets on an adapter's answer (MCP, entity links) the RateLimit fields its GraphQL operation's answer carries, once
 * the operation is charged: the door's fields only say what was left before the operation.
 */
export function copyRateLimitFields(headers: ReadonlyMap<string, string>, res: Response): void {
  if (res.headersSent) return;
  for (const name of RATE_LIMIT_FIELDS) {
    const value = headers.get(name);
    if (value !== undefined) res.setHeader(name, value);
  }
}
