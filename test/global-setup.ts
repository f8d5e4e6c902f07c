/**
 * Provides one Neo4j for the whole run, holding the release of the facts, verified: NEO4J_URI when set; else a Neo4j container
 * when a container runtime answers; else the local launcher on a temp dir and a free port. Tears it down after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { Database } from '../src/db/database.js';
import { freePort, startLocalNeo4j } from '../src/db/local-neo4j.js';
import { ensureRelease } from '../src/db/seeding.js';
import type { TestNeo4j } from './neo4j.js';
import { BUDGET } from './time.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

async function containerNeo4j(): Promise<{ neo4j: TestNeo4j; stop: () => Promise<void> } | null> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return null;
  }
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const container = await new Neo4jContainer('neo4j:5.26-community').start();
  return {
    neo4j: { uri: container.getBoltUri(), user: container.getUsername(), password: container.getPassword(), database: 'neo4j' },
    stop: async () => {
      await container.stop();
    },
  };
}

async function launcherNeo4j(): Promise<{ neo4j: TestNeo4j; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'biofm-graph-test-'));
  const local = await startLocalNeo4j({ dataDir, boltPort: await freePort(), startTimeoutMs: BUDGET.neo4jStart, compiler: 'quick' });
  return {
    neo4j: { uri: local.uri, user: 'neo4j', password: '', database: 'neo4j' },
    stop: async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env['NEO4J_URI'];
  const provided = fromEnv
    ? {
        neo4j: {
          uri: fromEnv,
          user: process.env['NEO4J_USER'] ?? 'neo4j',
          password: process.env['NEO4J_PASSWORD'] ?? '',
          database: process.env['NEO4J_DATABASE'] ?? 'neo4j',
        },
        stop: () => Promise.resolve(),
      }
    : ((await containerNeo4j()) ?? (await launcherNeo4j()));
  const db = new Database({ ...provided.neo4j, transactionTimeoutMs: 120_000, acquisitionTimeoutMs: 5000, maxPoolSize: 4 });
  try {
    await db.waitUntilReachable(BUDGET.neo4jStart);
    // As `npm start` does: the release is built (or found current) and verified before any test runs.
    await ensureRelease(db, { timeoutMs: BUDGET.hook, staleClaimMs: 0 });
  } finally {
    await db.close();
  }
  project.provide('neo4j', provided.neo4j);
  return provided.stop;
}
