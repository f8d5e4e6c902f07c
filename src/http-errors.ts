/**
 * Express middleware for requests that never reach GraphQL: bodies that are not JSON, too large, or of the wrong
 * type get a GraphQL-shaped JSON error with a code, never an HTML page or a stack trace.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { notCacheable } from './caching/http-cache.js';
import { ErrorCode } from './errors.js';
import { searchOf } from './graphql-http.js';

/** Answers with a GraphQL-shaped JSON error carrying `code`. */
export function sendError(res: Parameters<RequestHandler>[1], status: number, code: ErrorCode, message: string, details: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...details } }] });
}

/**
 * Answers 404 NOT_FOUND, never cached: a route may have set caching headers before it found nothing to answer
 * (`/entity/` with no id), and what is missing now may be there after the next release.
 */
export function sendNotFound(res: Parameters<RequestHandler>[1], message: string, details: Record<string, unknown> = {}): void {
  notCacheable(res);
  sendError(res, 404, ErrorCode.NOT_FOUND, message, details);
}

/**
 * Answers 406 NOT_ACCEPTABLE, never cached, to a request whose Accept header allows none of the media types
 * `offered` (a route that can answer in one of them would otherwise answer anyway, in a type the client refused).
 */
export function sendNotAcceptable(res: Parameters<RequestHandler>[1], offered: readonly string[]): void {
  notCacheable(res);
  const accept = JSON.stringify(res.req.get('accept') ?? '');
  sendError(res, 406, ErrorCode.NOT_ACCEPTABLE, `This path is served as ${offered.join(' or ')}; the Accept header allows none of them: ${accept}.`);
}

/**
 * POST /graphql must carry JSON; anything else is refused here, so a form or a `text/plain` body from another site
 * never reaches GraphQL.
 */
export const requireJsonPost: RequestHandler = (req, res, next) => {
  if (req.method === 'POST' && !req.is('application/json')) {
    sendError(res, 415, ErrorCode.BAD_REQUEST, 'POST requests must have Content-Type: application/json.');
    return;
  }
  // Apollo's Express integration expects `body` to exist even on GET.
  if (!('body' in req)) (req as { body?: unknown }).body = undefined;
  next();
};

/**
 * A /graphql query string whose percent-encoding does not decode to UTF-8 is refused, as such a path is: Apollo's
 * URLSearchParams would read it with U+FFFD in place of the broken bytes, and the client would be told its GraphQL
 * does not parse.
 */
export const requireDecodableQueryString: RequestHandler = (req, res, next) => {
  try {
    decodeURIComponent(searchOf(req.url));
  } catch {
    sendError(res, 400, ErrorCode.BAD_REQUEST, 'The query string is not valid percent-encoded UTF-8.');
    return;
  }
  next();
};

/** Last of all routes: a path the server has no answer for gets a JSON error, never Express's HTML page. */
export const notFound: RequestHandler = (_req, res) => {
  sendNotFound(res, 'Nothing is served at this path: see /graphql, /export, /entity/{id}, /mcp, /health and /ready.');
};

/** An error body-parser or Express's router gave a malformed request: it carries a 4xx status (its message is not sent). */
function isClientError(error: unknown): boolean {
  const { status } = error as { status?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** Turns body-parser and request-decoding failures into JSON errors; anything else is masked. */
export function bodyErrorHandler(maxBodyBytes: number): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      sendError(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `The request body is larger than the limit of ${String(maxBodyBytes)} bytes.`);
    } else if (type === 'entity.parse.failed') {
      sendError(res, 400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.');
    } else if (typeof type === 'string') {
      sendError(res, 400, ErrorCode.BAD_REQUEST, 'The request body could not be read.');
    } else if (isClientError(error)) {
      // A body that does not decompress, a path whose percent-encoding does not decode (Express's router).
      sendError(res, 400, ErrorCode.BAD_REQUEST, 'The request could not be read.');
    } else {
      sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    }
  };
}
