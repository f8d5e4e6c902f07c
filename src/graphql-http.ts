/**
 * Hands a /graphql request to Apollo and writes its answer, as Apollo's Express integration
 * (@as-integrations/express5) does: the request's headers (repeated ones joined by ", "), method and query string
 * go in; the status, headers and body come out, a complete body with its Content-Length, an incremental one chunk
 * by chunk. Runs last in the /graphql route (src/lean-route.ts), after the body is parsed (`req.body`). Express's
 * `res.send`, which the integration used, would also turn an answer whose ETag the client holds into a 304:
 * conditionalGet (src/caching/http-cache.ts) has answered those before Apollo ran, with the same tag.
 */
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import { holdSlotFor } from './limits/concurrency-limit.js';

/** Whether a request line's target is /graphql, as Express's `app.use('/graphql')` matches it (any case, any sub-path). */
export function isGraphqlPath(url: string | undefined): boolean {
  return url !== undefined && /^\/graphql(?:[/?]|$)/i.test(url);
}

/**
 * The query string of a request target, its "?" included ("" when it has none), as `url.parse(target).search`
 * gave it: up to a fragment, if a client sent one. url.parse is deprecated at run time from Node 24 (DEP0169,
 * a warning printed by the server), and a WHATWG URL would re-encode the string on every request.
 */
export function searchOf(target: string): string {
  const fragment = target.indexOf('#');
  const beforeFragment = fragment === -1 ? target : target.slice(0, fragment);
  const start = beforeFragment.indexOf('?');
  return start === -1 ? '' : beforeFragment.slice(start);
}

export function apolloHandler<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (req: Request, res: Response) => Promise<C>,
): RequestHandler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await holdSlotFor(
      res,
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: searchOf(req.url), body: req.body },
        context: () => context(req, res),
      }),
    );
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
