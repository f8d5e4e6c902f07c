/**
 * The public API around GraphQL: exports, stable entity links and the MCP endpoint, and what every read shares
 * (cost in `extensions.cost`, HTTP caching by release, the response cache, the per-client rate limit). Built
 * before Apollo (its plugins) and mounted after it (its routes), so server.ts only wires it in.
 */
import type { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import type { Express, Request, RequestHandler, Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { httpCachePlugin } from './caching/cache-plugin.js';
import { conditionalGet, graphqlReadKey } from './caching/http-cache.js';
import { ReleaseCache } from './caching/release-cache.js';
import { responseCachePlugins } from './caching/response-cache.js';
import type { Config } from './config.js';
import type { RequestContext } from './context.js';
import type { Database } from './db/database.js';
import { operationExecutor } from './execute.js';
import { exportRouter } from './export/export-router.js';
import { subgraphEstimate } from './export/subgraph-request.js';
import type { GraphGate } from './graph-gate.js';
import { searchOf } from './graphql-http.js';
import { costRecorder } from './limits/cost-plugin.js';
import type { NodeEstimateOptions } from './limits/node-estimate.js';
import { requestOrigin } from './links/entity-links.js';
import { entityRouter } from './links/entity-router.js';
import type { Logger } from './logger.js';
import { mcpBody, mcpRouter } from './mcp/mcp-router.js';
import { CLIENT_LOCAL, rateLimitDoor } from './rate-limit/rate-limit-middleware.js';
import { rateLimitPlugin } from './rate-limit/rate-limit-plugin.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';

type ApiConfig = Pick<Config, 'limits' | 'loaderBatching' | 'publicUrl' | 'cacheMaxAgeSeconds' | 'responseCacheBytes' | 'rateLimit'>;

export interface PublicApi {
  /** For nodeLimitPlugin: hears each operation's node estimate. */
  onEstimate(contextValue: RequestContext, nodes: number): void;
  plugins: ApolloServerPlugin<RequestContext>[];
  /** Before Apollo on /graphql: the rate limit's door, then 304 for a GET the client holds already. */
  graphql: RequestHandler[];
  /** The client a /graphql request counts against, for its context. */
  clientOf(res: Response): string | undefined;
  /** Mounts /export, /entity and /mcp behind the gate and the execution slots /graphql uses. */
  mount(
    app: Express,
    shared: { apollo: ApolloServer<RequestContext>; gate: GraphGate; slots: RequestHandler; unreadAnswers: RequestHandler; schemaSdl: string },
  ): void;
}

const pass: RequestHandler = (_req, _res, next) => next();

/**
 * The tokens a request takes at the door: RATE_LIMIT_EXPORT_POINTS for a whole-graph export, a subgraph export
 * those of its GraphQL twin's node estimate, everything else one (GraphQL operations take the rest once estimated).
 */
function doorPoints(limiter: RateLimiter, subgraphNodes: (query: Request['query']) => number): (req: Request) => number {
  return (req) => {
    // In any case of the letters, as Express routes them: /EXPORT/GRAPH.JSONL is the same download.
    if (/^\/export\/graph\./i.test(req.originalUrl)) return limiter.policy.exportPoints;
    if (/^\/export\/subgraph\./i.test(req.originalUrl)) return limiter.pointsFor(subgraphNodes(req.query));
    return 1;
  };
}

export interface PublicApiOptions {
  db: Database;
  config: ApiConfig;
  logger: Logger;
  /** The schema and the node estimate's options, to charge a subgraph export what its GraphQL twin costs. */
  schema: GraphQLSchema;
  estimate: NodeEstimateOptions;
}

export async function publicApi({ db, config, logger, schema, estimate }: PublicApiOptions): Promise<PublicApi> {
  const releases = new ReleaseCache(db);
  const cost = costRecorder<RequestContext>(config.limits.maxNodes);
  const limiter = config.rateLimit.enabled ? await RateLimiter.create(config.rateLimit, { logger }) : null;
  const door = limiter ? rateLimitDoor(limiter, doorPoints(limiter, subgraphEstimate(schema, estimate))) : pass;
  const maxAgeSeconds = config.cacheMaxAgeSeconds;
  const origin = (req: Request): string => config.publicUrl ?? requestOrigin(req.protocol, req.get('host'));
  return {
    onEstimate: cost.record,
    plugins: [
      cost.plugin,
      ...(limiter ? [rateLimitPlugin<RequestContext>(limiter, { estimateOf: cost.estimateOf, unforeseenOf: (context) => context.unforeseen.nodes }, logger)] : []),
      httpCachePlugin(releases, maxAgeSeconds),
      // After the node limit and the rate limit (they act before an operation is answered, from the cache too).
      ...responseCachePlugins(async () => (await releases.current().catch(() => null))?.version ?? null, config.responseCacheBytes),
    ],
    // The tag is made of the query string as Apollo sees it and Accept (httpCachePlugin tags the answer with the same).
    graphql: [door, conditionalGet(releases, { key: (req) => graphqlReadKey(searchOf(req.url), req.get('accept')), variant: ['accept'] })],
    clientOf: (res) => res.locals[CLIENT_LOCAL] as string | undefined,
    mount(app, { apollo, gate, slots, unreadAnswers, schemaSdl }) {
      // Express would tag every answer with a hash of its body, errors included, and answer 304 to it: tags are
      // ours alone (made of the release, given only to answers that may be cached).
      app.set('etag', false);
      const execute = operationExecutor(apollo, db, config.loaderBatching);
      app.use('/export', gate.guard(), door, conditionalGet(releases, { maxAgeSeconds }), slots);
      app.use(exportRouter({ db, releases, logger, origin, stallMs: Math.max(config.limits.responseWriteTimeoutMs, db.stallDeadlineMs) }));
      app.use('/entity', gate.guard(), door, conditionalGet(releases, { maxAgeSeconds, variant: ['accept'] }), slots);
      app.use(entityRouter({ execute, origin }));
      // The body is read before a slot is taken: a slow upload must not hold one.
      app.use(
        '/mcp',
        gate.guard(),
        door,
        mcpBody(config.limits.maxBodyBytes),
        unreadAnswers,
        slots,
        mcpRouter({ execute, schemaSdl, logger, maxResponseBytes: config.limits.maxResponseBytes }),
      );
    },
  };
}
