/**
 * Builds the HTTP application (Apollo Server on /graphql, health endpoints) without listening, so the entry
 * point, the tests and the benchmark all run the same server.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import cors from 'cors';
import express from 'express';
import type { Config } from './config.js';
import { createRequestContext, type RequestContext } from './context.js';
import type { Database } from './db/database.js';
import { formatError } from './errors.js';
import type { Logger } from './logger.js';
import { projectPath } from './paths.js';
import { queryStatsPlugin, requestLogPlugin } from './plugins.js';
import { resolvers } from './resolvers/index.js';

export type ServerConfig = Pick<Config, 'production' | 'queryStats' | 'loaderBatching'>;

export interface ServerOptions {
  db: Database;
  config: ServerConfig;
  logger: Logger;
  /** The server that will carry the app; Apollo drains its connections on stop. */
  httpServer: Server;
}

export interface AppServer {
  app: express.Express;
  apollo: ApolloServer<RequestContext>;
}

export const typeDefs = readFileSync(projectPath('schema.graphql'), 'utf8');

export async function createServer({ db, config, logger, httpServer }: ServerOptions): Promise<AppServer> {
  const apollo = new ApolloServer<RequestContext>({
    typeDefs,
    resolvers,
    formatError,
    includeStacktraceInErrorResponses: false,
    // The entry point owns the signals: it drains, then closes the driver and stops the local Neo4j, in order.
    stopOnTerminationSignals: false,
    introspection: !config.production,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      requestLogPlugin(logger),
      ...(config.queryStats ? [queryStatsPlugin()] : []),
      config.production ? ApolloServerPluginLandingPageProductionDefault() : ApolloServerPluginLandingPageLocalDefault(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await db.waitUntilReachable(0);
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'the graph database does not answer' });
    }
  });
  app.use(
    '/graphql',
    cors(),
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: () => Promise.resolve(createRequestContext(db, { batching: config.loaderBatching })),
    }),
  );
  return { app, apollo };
}
