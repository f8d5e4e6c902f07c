/**
 * Opens the graph the configuration names: the Neo4j at NEO4J_URI, or else the local Neo4j started for this
 * process (and stopped with it).
 */
import type { Config } from '../config.js';
import { Database } from './database.js';
import { startLocalNeo4j, type LocalNeo4j } from './local-neo4j.js';

export interface OpenGraph {
  db: Database;
  /** The local Neo4j this process started, or null when it uses NEO4J_URI. */
  local: LocalNeo4j | null;
  /** Closes the driver, then stops the local Neo4j if there is one. */
  close(): Promise<void>;
}

type ConnectConfig = Pick<Config, 'neo4j' | 'localNeo4j' | 'cypherTimeoutMs' | 'dbAcquisitionTimeoutMs' | 'dbMaxPoolSize'>;

export async function openGraph(config: ConnectConfig): Promise<OpenGraph> {
  const local = config.neo4j ? null : await startLocalNeo4j(config.localNeo4j);
  const connection = config.neo4j ?? { uri: local!.uri, user: 'neo4j', password: '', database: 'neo4j' };
  const db = new Database({
    ...connection,
    transactionTimeoutMs: config.cypherTimeoutMs,
    acquisitionTimeoutMs: config.dbAcquisitionTimeoutMs,
    maxPoolSize: config.dbMaxPoolSize,
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
  return { db, local, close };
}
