/**
 * HTTP caching of reads: a GET answered from the current release carries `Cache-Control: public, max-age=…` and
 * an ETag made of the release version and the request, so the tag changes with every release; a request whose
 * If-None-Match holds that tag gets 304 without any work. A CDN in front serves repeated reads alone.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { ReleaseCache } from './release-cache.js';

/** The ETag of a read: the release version and a hash of what was asked (path, query string, variant). */
export function readTag(version: string, request: string): string {
  const hash = createHash('sha256').update(request).digest('base64url').slice(0, 22);
  return `"${version}-${hash}"`;
}

/**
 * Whether an If-None-Match header holds `tag` (weak or strong). `*` matches nothing: it stands for "any current
 * representation", and the tag is given before the route knows whether there is one (an unknown entity, an
 * operation that fails), so the route answers in full instead of a 304 that would hide a 404 or an error.
 */
export function matchesTag(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === tag);
}

/**
 * What a GraphQL GET answer depends on, for its tag: the query string, and Accept, which chooses its media type
 * (application/graphql-response+json or application/json).
 */
export function graphqlReadKey(search: string, accept: string | undefined): string {
  return `${search}\n${accept ?? ''}`;
}

export function cacheHeaders(maxAgeSeconds: number, tag: string): Record<string, string> {
  return { 'cache-control': `public, max-age=${String(maxAgeSeconds)}`, etag: tag };
}

/** Takes back the caching headers of a response that turned out not to be cacheable (an error). */
export function notCacheable(res: Response): void {
  res.removeHeader('etag');
  res.set('cache-control', 'no-store');
}

/** The part of a request its answer depends on: the path and query string, and the named headers. */
function requestKey(req: Request, variant: string[]): string {
  return [req.originalUrl, ...variant.map((name) => req.get(name) ?? '')].join('\n');
}

/**
 * Answers 304 to a GET whose If-None-Match holds the tag the current release gives it, and otherwise passes it
 * on, with the caching headers set when `maxAgeSeconds` is given (take them back with `notCacheable` on an
 * error). `key` says what the answer depends on; `variant` names request headers it depends on too (`Vary`).
 */
export function conditionalGet(
  releases: ReleaseCache,
  options: { maxAgeSeconds?: number; key?: (req: Request) => string; variant?: string[] } = {},
): RequestHandler {
  const { maxAgeSeconds, variant = [], key = (req: Request) => requestKey(req, variant) } = options;
  return (req, res, next) => {
    if (req.method !== 'GET') {
      next();
      return;
    }
    releases.current().then(
      (release) => {
        if (release === null) {
          next();
          return;
        }
        const tag = readTag(release.version, key(req));
        if (variant.length > 0) res.vary(variant.join(', '));
        if (maxAgeSeconds !== undefined) res.set(cacheHeaders(maxAgeSeconds, tag));
        if (matchesTag(req.get('if-none-match'), tag)) {
          res.set(cacheHeaders(maxAgeSeconds ?? 0, tag));
          res.status(304).end();
          return;
        }
        next();
      },
      // No release to tag with (the database does not answer): the route answers, uncached.
      () => next(),
    );
  };
}
