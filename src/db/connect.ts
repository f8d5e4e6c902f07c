/**
 * Opens the graph the configuration names: the Neo4j at NEO4J_URI, or else the local Neo4j started for this
 * process (and stopped with it).
 */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { Database } from './database.js';
import { startLocalNeo4j, type LocalNeo4j } from './local-neo4j.js';

export interface OpenGraph {
  db: Database;
  /** The local Neo4j this process started, or null when it uses NEO4J_URI. */
  local: LocalNeo4j | null;
  /** False once the local Neo4j died and could not be restarted: the process should be restarted. */
  healthy(): boolean;
  /** Closes the driver, then stops the local Neo4j if there is one. */
  close(): Promise<void>;
}

type ConnectConfig = Pick<Config, 'neo4j' | 'localNeo4j' | 'cypherTimeoutMs' | 'dbAcquisitionTimeoutMs' | 'dbMaxPoolSize' | 'limits'>;

/** With a `logger`, the local Neo4j is supervised: restarted when it dies, and every event logged. */
export async function openGraph(config: ConnectConfig, logger?: Logger): Promise<OpenGraph> {
  const { restarts, restartBackoffMs, ...launch } = config.localNeo4j;
  const supervise = logger ? { restarts, backoffMs: restartBackoffMs, logger } : undefined;
  const local = config.neo4j ? null : await startLocalNeo4j({ ...launch, supervise });
  const connection = config.neo4j ?? { uri: local!.uri, user: 'neo4j', password: '', database: 'neo4j' };
  const db = new Database({
    ...connection,
    transactionTimeoutMs: config.cypherTimeoutMs,
    acquisitionTimeoutMs: config.dbAcquisitionTimeoutMs,
    maxPoolSize: config.dbMaxPoolSize,
    requestConcurrency: config.limits.dbRequestConcurrency,
  });
  const close = async (): Promise<void> => {
    await db.close();
    await local?.stop();
  };
  try {
    await db.waitUntilReachable(30_000);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, local, close, healthy: () => local?.status() !== 'failed' };
}
