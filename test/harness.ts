/** Starts the real server over real HTTP on the shared test Neo4j, and sends GraphQL requests to it. */
import { afterAll, beforeAll } from 'vitest';
import { startHttpServer, type RunningServer } from '../src/http-server.js';
import { logger } from '../src/logger.js';
import type { Database } from '../src/db/database.js';
import { testDatabase } from './neo4j.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; argument?: string } }[];
  extensions?: { cypherQueries?: number };
}

export interface TestServer {
  url: string;
  db: Database;
  /** POSTs a query (and variables) and returns the parsed response with its HTTP status. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/** Registers hooks that start a server before the file's tests and stop it after; use inside a describe. */
export function useTestServer(): TestServer {
  let running: RunningServer | undefined;
  const server: TestServer = {
    url: '',
    db: testDatabase(),
    async gql<T>(query: string, variables?: Record<string, unknown>) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
      return { status: response.status, ...body };
    },
  };
  beforeAll(async () => {
    running = await startHttpServer({
      db: server.db,
      config: { production: false, queryStats: true, loaderBatching: true },
      logger,
      port: 0,
    });
    server.url = running.url;
  });
  afterAll(async () => {
    await running?.stop();
    await server.db.close();
  });
  return server;
}
