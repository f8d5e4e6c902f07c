/** Starts the real server over real HTTP on the shared test Neo4j, and sends GraphQL requests to it. */
import { request as httpRequest } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startHttpServer, type RunningServer } from '../src/http-server.js';
import { logger as processLogger, type Logger } from '../src/logger.js';
import type { Database, DatabaseOptions } from '../src/db/database.js';
import type { Warning } from '../src/warnings.js';
import { testDatabase } from './neo4j.js';
import { BUDGET } from './time.js';

/** What every test server runs with unless a test says otherwise: database budgets for a busy machine. */
export const TEST_SERVER_ENV = {
  CYPHER_TIMEOUT_MS: String(BUDGET.transaction),
  DB_ACQUISITION_TIMEOUT_MS: String(BUDGET.connection),
  // fetch reuses an idle connection until 1 s before the server's keep-alive hint; on a busy machine a request can
  // take longer than that second to leave, meet a socket the server just closed, and fail with ECONNRESET.
  KEEP_ALIVE_TIMEOUT_MS: String(BUDGET.test),
  // Writing the archive costs half a minute of CPU after each start; test servers stop long before it pays off.
  NEO4J_LOCAL_CLASS_ARCHIVE: 'false',
  // C1 only: the tests' Neo4js start often and answer few queries each.
  NEO4J_LOCAL_JIT: 'quick',
  // A busy machine can hold a test server's event loop past the default 2 s, and a take Redis did answer would
  // count as timed out.
  RATE_LIMIT_REDIS_TIMEOUT_MS: String(BUDGET.failFast),
};

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; argument?: string } }[];
  extensions?: { cypherQueries?: number; warnings?: Warning[] };
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  /** The body parsed as JSON, or null when it is not JSON. */
  json: { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown } | null;
  text: string;
}

/** The accept header of current GraphQL clients: the GraphQL over HTTP media type first, plain JSON after. */
export const GRAPHQL_RESPONSE_ACCEPT = 'application/graphql-response+json, application/json;q=0.9';

export interface TestServer {
  url: string;
  /** Sends exactly the given bytes and headers (no defaults added), for malformed requests. */
  raw(request: RawRequest): Promise<RawResponse>;
  db: Database;
  /** POSTs a query (and variables) as a GraphQL client does and returns the parsed response with its HTTP status. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Open HTTP connections of the server right now. */
  connections(): Promise<number>;
}

export interface TestServerOptions {
  /** Driver settings other than the test defaults (pool size, timeouts, per-request concurrency). */
  database?: Partial<Omit<DatabaseOptions, 'uri' | 'user' | 'password' | 'database'>>;
  /** Where the server logs (default: the process logger, silent in tests). */
  logger?: Logger;
}

/** Asserts that a response warns exactly `warnings`, in any order, each once. */
export function expectWarnings(response: GraphQLResponse<unknown>, warnings: Warning[]): void {
  expect(response.extensions?.warnings ?? []).toEqual(expect.arrayContaining(warnings));
  expect(response.extensions?.warnings ?? []).toHaveLength(warnings.length);
}

/** A logger that keeps every line it writes, parsed, for tests that assert what was logged. */
export function capturedLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

/**
 * Registers hooks that start a server before the file's tests and stop it after; use inside a describe.
 * `env` holds configuration variables as a user would set them (defaults otherwise); as a function, it is read when
 * the server starts, for values known only then (the port of a server an earlier beforeAll started).
 */
export function useTestServer(env: Record<string, string> | (() => Record<string, string>) = {}, options: TestServerOptions = {}): TestServer {
  let running: RunningServer | undefined;
  const server: TestServer = {
    url: '',
    db: testDatabase(options.database),
    connections: () => running!.connections(),
    raw({ method = 'POST', path = '/graphql', headers = {}, body }) {
      return new Promise((resolve, reject) => {
        const url = new URL(path, server.url);
        const req = httpRequest(url, { method, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: RawResponse['json'] = null;
            try {
              json = JSON.parse(text) as RawResponse['json'];
            } catch {
              json = null;
            }
            resolve({ status: res.statusCode ?? 0, json, text });
          });
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    async gql<T>(query: string, variables?: Record<string, unknown>) {
      const response = await fetch(server.url, {
        method: 'POST',
        // As Apollo Client and urql send it: request errors come back as HTTP 400.
        headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE_ACCEPT },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
      return { status: response.status, ...body };
    },
  };
  beforeAll(async () => {
    running = await startHttpServer({
      db: server.db,
      // The Cypher round-trip counter is on, so tests can read it (extensions.cypherQueries). The response cache is
      // off: every request runs, so tests count its round trips and see the database fail under it; the cache has
      // tests of its own (test/e2e/response-cache.test.ts).
      config: loadConfig({ ...TEST_SERVER_ENV, QUERY_STATS: 'true', RESPONSE_CACHE_MB: '0', ...(typeof env === 'function' ? env() : env) }),
      logger: options.logger ?? processLogger,
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
