/**
 * Builds the HTTP application (Apollo Server on /graphql, health endpoints) without listening, so the entry
 * point, the tests and the benchmark all run the same server.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { makeExecutableSchema } from '@graphql-tools/schema';
import cors from 'cors';
import express from 'express';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Config } from './config.js';
import { compiledExecution } from './compiled-execution.js';
import { createRequestContext, type RequestContext } from './context.js';
import type { Database } from './db/database.js';
import { formatError } from './errors.js';
import { GraphGate } from './graph-gate.js';
import { apolloHandler } from './graphql-http.js';
import { requireAcceptable } from './graphql-media-types.js';
import { bodyErrorHandler, notFound, requireDecodableQueryString, requireJsonPost } from './http-errors.js';
import { concurrencyLimit } from './limits/concurrency-limit.js';
import { FIELD_COSTS } from './limits/field-costs.js';
import { listSizes } from './limits/list-sizes.js';
import { MAX_VALIDATION_ERRORS } from './limits/validation-aborted.js';
import { knownOperationTypeRule } from './limits/known-operation-type-rule.js';
import { type ExpressMessages, leanRoute, type Listener } from './lean-route.js';
import { nodeLimitPlugin } from './limits/node-limit-plugin.js';
import { responseSizeLimit } from './limits/response-size-plugin.js';
import { boundedWrites } from './limits/response-writes.js';
import { pagesRouter } from './pages.js';
import { requirePersistedQueryHash } from './persisted-query-hash.js';
import { publicApi } from './public-api.js';
import type { Logger } from './logger.js';
import { projectPath } from './paths.js';
import { queryStatsPlugin, requestLogPlugin, warningsPlugin } from './plugins.js';
import { resolvers } from './resolvers/index.js';
import { responseStatusPlugin } from './response-status-plugin.js';
import { securityHeaders } from './security-headers.js';

export type ServerConfig = Pick<
  Config,
  'production' | 'queryStats' | 'loaderBatching' | 'limits' | 'corsOrigins' | 'introspection' | 'fieldSuggestions' | 'playground'
  | 'publicUrl' | 'trustProxy' | 'cacheMaxAgeSeconds' | 'responseCacheBytes' | 'rateLimit'
>;

export interface ServerOptions {
  db: Database;
  config: ServerConfig;
  logger: Logger;
  /** The server that will carry the app; Apollo drains its connections on stop. */
  httpServer: Server;
  /** The classes httpServer makes its requests and responses with: /graphql needs them (see lean-route.ts). */
  messages: ExpressMessages;
  /** Closed while the graph is being built: /ready answers 503 and GraphQL is refused. Open when omitted. */
  gate?: GraphGate;
  /** False once the process should be restarted (the local Neo4j is gone for good); /health then fails. */
  healthy?: () => boolean;
}

export interface AppServer {
  /** Everything but GraphQL; /graphql too (the same middleware), though `graphql` serves it without the router. */
  app: express.Express;
  /** /graphql (any method, any sub-path) straight from node:http; a browser's page request goes on to `app`. */
  graphql: Listener;
  apollo: ApolloServer<RequestContext>;
}

/**
 * graphql-armor's rules throw on rejection by default (envelop catches that); under Apollo they must report the
 * error to the validation context instead, so it becomes a GRAPHQL_VALIDATION_FAILED response. Armor opens every
 * message with "Syntax Error: ", but the document parsed: the report keeps only the message about the limit.
 */
const ARMOR_REPORTING = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { nodes: error.nodes })),
  ],
};

export const typeDefs = readFileSync(projectPath('schema.graphql'), 'utf8');

/** /ready answers within a second: a database that does not answer by then counts as unavailable. */
const READY_TIMEOUT_MS = 800;

export async function createServer({
  db,
  config,
  logger,
  httpServer,
  messages,
  gate = new GraphGate(),
  healthy = () => true,
}: ServerOptions): Promise<AppServer> {
  const { limits } = config;
  const schema = makeExecutableSchema({ typeDefs, resolvers });
  const estimate = { listSize: limits.listSize, fieldSizes: listSizes(), fieldCosts: FIELD_COSTS };
  const api = await publicApi({ db, config, logger, schema, estimate });
  const responseSize = responseSizeLimit<RequestContext>(limits.maxResponseBytes);
  const apollo = new ApolloServer<RequestContext>({
    gateway: compiledExecution(schema),
    formatError,
    stringifyResult: responseSize.stringifyResult,
    includeStacktraceInErrorResponses: false,
    // The entry point owns the signals: it drains, then closes the driver and stops the local Neo4j, in order.
    stopOnTerminationSignals: false,
    introspection: config.introspection,
    // CSRF prevention makes a GET or a "simple" POST carry a header a browser form cannot set, so that a page on
    // another site cannot make a visitor's browser change something with the visitor's credentials. Nothing here
    // can be changed (mutations and subscriptions fail validation, before execution), no request carries
    // credentials (no cookies, no auth) and every fact is public; the check would protect nothing and turns away
    // standard clients' GET queries (urql's default, Apollo Client's useGETForQueries). POST still has to be JSON
    // (requireJsonPost).
    csrfPrevention: false,
    hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
    // graphql-js stops parsing past this many tokens, before the document is even built.
    parseOptions: { maxTokens: limits.maxTokens },
    // graphql-js's default, named here: the message of the error that ends a longer list says it.
    validationOptions: { maxErrors: MAX_VALIDATION_ERRORS },
    validationRules: [
      knownOperationTypeRule,
      // Depth counts fields only: a fragment spread or an inline fragment adds no level, so a Relay fragment tree
      // and the same selection written inline have the same depth.
      maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...ARMOR_REPORTING }),
      // Aliased __typename counts too: 500 of them still cost a response (armor allows it by default).
      maxAliasesRule({ n: limits.maxAliases, allowList: [], ...ARMOR_REPORTING }),
      maxDirectivesRule({ n: limits.maxDirectives, ...ARMOR_REPORTING }),
    ],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      nodeLimitPlugin<RequestContext>(limits.maxNodes, estimate, api.onEstimate),
      ...api.plugins,
      requestLogPlugin(logger),
      warningsPlugin(),
      responseStatusPlugin(),
      ...(config.queryStats ? [queryStatsPlugin()] : []),
      // Last: it measures the answer as it will be sent.
      responseSize.plugin,
      // Apollo's landing page loads from a CDN; ours (src/pages.ts) is served from this server.
      ApolloServerPluginLandingPageDisabled(),
      // We set no cache hints; the default cache-control plugin would still visit every resolved field.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  const security = securityHeaders();
  app.use(security);
  app.set('trust proxy', config.trustProxy);
  // One set of execution slots for GraphQL, exports and MCP.
  const slots = concurrencyLimit(limits.maxActiveRequests, limits.maxQueuedRequests);
  // Answers left unread by slow clients, GraphQL's and MCP's together, may hold as much memory as the execution
  // slots allow, no more.
  const unreadAnswers = boundedWrites({
    deadlineMs: limits.responseWriteTimeoutMs,
    budgetBytes: limits.maxActiveRequests * limits.maxResponseBytes,
    logger,
  });
  app.get('/health', (_req, res) => {
    if (healthy()) res.json({ status: 'ok' });
    else res.status(503).json({ status: 'failed', reason: 'the local graph database could not be restarted' });
  });
  app.get('/ready', async (_req, res) => {
    if (!gate.ready) {
      res.status(503).json({ status: 'unavailable', reason: `the graph is not ready yet: ${String(gate.reason)}` });
      return;
    }
    try {
      await db.ping(READY_TIMEOUT_MS);
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'the graph database does not answer' });
    }
  });
  // CORS first: it answers preflights before the pages router would answer OPTIONS /graphql itself.
  const corsHeaders = cors({ origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins });
  app.use('/graphql', corsHeaders);
  if (config.playground) app.use(pagesRouter());
  const graphql = [
    express.json({ limit: limits.maxBodyBytes }),
    requireJsonPost,
    requireDecodableQueryString,
    // Before the gate, the rate limit and Apollo: an answer the client would not take is worth no work.
    requireAcceptable,
    requirePersistedQueryHash,
    gate.guard(),
    unreadAnswers,
    ...api.graphql,
    // After the body is read: a slow upload must not hold an execution slot.
    slots,
    apolloHandler(apollo, (_req, res) =>
      Promise.resolve({ ...createRequestContext(db, { batching: config.loaderBatching }), client: api.clientOf(res) }),
    ),
  ];
  app.use('/graphql', ...graphql);
  api.mount(app, { apollo, gate, slots, unreadAnswers, schemaSdl: typeDefs });
  app.use(notFound);
  const bodyErrors = bodyErrorHandler(limits.maxBodyBytes);
  app.use(bodyErrors);
  const lean = leanRoute(app, messages, [security, corsHeaders, ...graphql], bodyErrors);
  // A browser asking for /graphql may be given the playground (pages.ts decides): it goes the whole way.
  const maybePage = (req: IncomingMessage): boolean =>
    config.playground && (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
  return { app, apollo, graphql: (req, res) => (maybePage(req) ? app(req, res) : lean(req, res)) };
}
