/** Starts the app on an HTTP port and stops it: drain requests, stop Apollo, close the listener. */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientErrors } from './client-errors.js';
import type { Database } from './db/database.js';
import type { GraphGate } from './graph-gate.js';
import { isGraphqlPath } from './graphql-http.js';
import { ExpressMessages } from './lean-route.js';
import { limitConnections } from './limits/connection-limit.js';
import type { Logger } from './logger.js';
import { createServer, type ServerConfig } from './server.js';

export interface RunningServer {
  url: string;
  port: number;
  /** Open HTTP connections right now. */
  connections(): Promise<number>;
  stop(): Promise<void>;
}

/** How often Node looks for connections past HEADERS_TIMEOUT_MS or REQUEST_TIMEOUT_MS (its default is 30 s). */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

export async function startHttpServer(options: {
  db: Database;
  config: ServerConfig;
  logger: Logger;
  port: number;
  gate?: GraphGate;
  /** False once the process should be restarted (the local Neo4j is gone for good); /health then fails. */
  healthy?: () => boolean;
}): Promise<RunningServer> {
  const { limits } = options.config;
  const messages = new ExpressMessages();
  const httpServer = createHttpServer({
    ...messages.serverOptions,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  });
  limitConnections(httpServer, limits, options.logger);
  answerClientErrors(httpServer);
  const { app, graphql, apollo } = await createServer({ ...options, httpServer, messages });
  // GraphQL, the one-query answers that most of the traffic is, skips Express's router; everything else takes it.
  httpServer.on('request', (req, res) => (isGraphqlPath(req.url) ? graphql(req, res) : app(req, res)));
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${String(port)}/graphql`,
    port,
    connections: () =>
      new Promise((resolve, reject) => httpServer.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
    // Apollo's drain plugin closes the listener and waits for in-flight requests.
    stop: () => apollo.stop(),
  };
}
