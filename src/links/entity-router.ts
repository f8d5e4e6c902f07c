/**
 * GET /entity/:id, the canonical URL of an entity: a browser is redirected to the explorer centred on it; a
 * client asking for JSON gets the entity (read through the GraphQL schema) with its links. Both carry the
 * canonical URL in a `Link` header.
 */
import express, { type Request, type Router } from 'express';
import { ErrorCode } from '../errors.js';
import type { ExecuteOperation } from '../execute.js';
import { sendNotAcceptable, sendNotFound } from '../http-errors.js';
import { notCacheable } from '../caching/http-cache.js';
import { holdSlotFor } from '../limits/concurrency-limit.js';
import { CLIENT_LOCAL, copyRateLimitFields } from '../rate-limit/rate-limit-middleware.js';
import { idArgument } from '../resolvers/id-args.js';
import type { Warning } from '../warnings.js';
import { canonicalEntityUrl, ENTITY_QUERY, entityLinks, explorerUrl } from './entity-links.js';

/** What an entity link answers: the entity as JSON, or (for a browser) a redirect to the explorer's page. */
const ENTITY_MEDIA_TYPES = ['application/json', 'text/html'];

export function entityRouter(options: { execute: ExecuteOperation; origin: (req: Request) => string }): Router {
  const router = express.Router();
  router.get('/entity/:id', async (req, res) => {
    // Ids match in any case, as in GraphQL: the canonical URL and the links are the id's own (lowercase) form.
    const id = idArgument(req.params.id);
    const origin = options.origin(req);
    res.set('link', `<${canonicalEntityUrl(origin, id)}>; rel="canonical"`);
    // No Accept header, or */*, takes the first: JSON.
    const mediaType = req.accepts(ENTITY_MEDIA_TYPES);
    if (mediaType === false) {
      sendNotAcceptable(res, ENTITY_MEDIA_TYPES);
      return;
    }
    if (mediaType === 'text/html') {
      res.redirect(302, explorerUrl(origin, id));
      return;
    }
    // An unknown id's suggestion is charged after the answer: the RateLimit fields say what is left then.
    const client = res.locals[CLIENT_LOCAL] as string | undefined;
    let retryAfter: string | undefined;
    const result = await holdSlotFor(
      res,
      options.execute(ENTITY_QUERY, { id }, client, (headers) => {
        copyRateLimitFields(headers, res);
        retryAfter = headers.get('retry-after');
      }),
    );
    if (result.errors) {
      notCacheable(res);
      const limited = result.errors.some((error) => error.extensions?.['code'] === ErrorCode.RATE_LIMITED);
      // A refusal of the rate limit says when to come back: 429 when the bucket is short, 503 when its store is away.
      if (retryAfter !== undefined) res.setHeader('retry-after', retryAfter);
      res.status(limited ? 429 : 503).json({ errors: result.errors });
      return;
    }
    const entity = result.data?.['node'];
    if (!entity) {
      // The API's UNKNOWN_ID warning names the entity probably meant, when one is near.
      const meant = (result.extensions?.['warnings'] as Warning[] | undefined)?.find((warning) => warning.suggestion !== undefined)?.suggestion;
      const question = meant === undefined ? '.' : `; did you mean ${JSON.stringify(meant)} (${canonicalEntityUrl(origin, meant)})?`;
      sendNotFound(res, `No entity has the id ${JSON.stringify(req.params.id)}${question}`, meant === undefined ? {} : { suggestion: meant });
      return;
    }
    res.json({ entity, links: entityLinks(origin, id) });
  });
  return router;
}
