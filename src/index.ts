/**
 * The server's entry point, the only module with side effects: config -> graph -> HTTP server (listening, not yet
 * serving GraphQL) -> the release of the facts built or verified -> ready -> (once, in the background) the local
 * Neo4j's class-data archive. SIGTERM or SIGINT -> drain requests, close the driver, stop the local Neo4j, exit 0.
 */
import { ConfigError, loadConfig } from './config.js';
import { openGraph } from './db/connect.js';
import { LocalNeo4jError } from './db/local-neo4j.js';
import { ScriptError } from './db/scripts.js';
import { ensureRelease, SeedVerificationError, STALE_CLAIM_MS } from './db/seeding.js';
import { GraphGate } from './graph-gate.js';
import { logger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // Apollo, Express and the rest of the HTTP stack take seconds to load on a busy machine: load them while the
  // local Neo4j starts, not after.
  const httpServerModule = import('./http-server.js');
  const graph = await openGraph(config, logger);
  const { startHttpServer } = await httpServerModule;
  logger.info({ neo4j: graph.db.uri, local: graph.local !== null }, 'connected to Neo4j');
  const gate = new GraphGate(config.seedOnStart ? 'the release of the facts is being built or verified' : null);
  const server = await startHttpServer({ db: graph.db, config, logger, port: config.port, gate, healthy: graph.healthy });

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

  if (config.seedOnStart) {
    try {
      const { rebuilt } = await ensureRelease(graph.db, {
        timeoutMs: config.seedTimeoutMs,
        // Nobody else uses the local Neo4j this process started: a claim found there was left by a killed start.
        staleClaimMs: graph.local ? 0 : STALE_CLAIM_MS,
        log: (message) => logger.info(message),
      });
      logger.info({ rebuilt }, rebuilt ? 'built and verified the release of the facts' : 'the graph holds the current release');
    } catch (error) {
      stopping = true;
      await server.stop();
      await graph.close();
      throw error;
    }
    gate.open();
  }
  console.log(`biofm-graph ready at ${server.url}`);
  const started = Date.now();
  graph.local?.buildClassArchive().then(
    (built) => {
      if (built) logger.info({ ms: Date.now() - started }, 'wrote the class-data archive: the next start of the local Neo4j is faster');
    },
    (error: unknown) => logger.warn({ err: error }, 'could not write the class-data archive; starts stay as fast as they were'),
  );
}

main().catch((error: unknown) => {
  const known = [ConfigError, LocalNeo4jError, ScriptError, SeedVerificationError].some((type) => error instanceof type);
  if (known) {
    console.error(`biofm-graph: ${(error as Error).message}`);
  } else {
    logger.fatal({ err: error }, 'start-up failed');
  }
  process.exit(1);
});
