/**
 * The server's entry point, the only module with side effects: config -> graph -> HTTP server; SIGTERM or
 * SIGINT -> drain requests, close the driver, stop the local Neo4j, exit 0.
 */
import { ConfigError, loadConfig } from './config.js';
import { openGraph, prepareGraph } from './db/connect.js';
import { LocalNeo4jError } from './db/local-neo4j.js';
import { startHttpServer } from './http-server.js';
import { logger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const graph = await openGraph(config, logger);
  logger.info({ neo4j: graph.db.uri, local: graph.local !== null }, 'connected to Neo4j');
  const seeded = await prepareGraph(graph.db);
  logger.info({ seeded }, seeded ? 'seeded the empty graph' : 'graph already seeded');
  const server = await startHttpServer({ db: graph.db, config, logger, port: config.port, healthy: graph.healthy });
  console.log(`biofm-graph ready at ${server.url}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server
      .stop()
      .then(() => graph.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof LocalNeo4jError) {
    console.error(`biofm-graph: ${error.message}`);
  } else {
    logger.fatal({ err: error }, 'start-up failed');
  }
  process.exit(1);
});
