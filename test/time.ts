/**
 * Every time budget of the tests, in one place and from one factor. The budgets are limits, never expectations:
 * a passing test waits only as long as the work takes, so they are generous enough for 2 cores kept busy by
 * other work (`burn-cpu.sh` with two loops per core, several Neo4j and test runs beside). On a slower machine set
 * TEST_TIME_FACTOR (e.g. 3) and every budget grows by that factor; nothing else in the tests waits for a time.
 */

function timeFactor(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1;
  const factor = Number(raw);
  if (!Number.isFinite(factor) || factor <= 0) throw new Error(`TEST_TIME_FACTOR must be a positive number, got "${raw}"`);
  return factor;
}

export const TIME_FACTOR = timeFactor(process.env['TEST_TIME_FACTOR']);

const scaled = (ms: number): number => Math.round(ms * TIME_FACTOR);

/** Time budgets in milliseconds, each already multiplied by TEST_TIME_FACTOR. */
export const BUDGET = {
  /** One test (vitest's testTimeout) that only sends requests to a running server. */
  test: scaled(120_000),
  /** One beforeAll or afterAll: starting or stopping a server, a browser, a test Neo4j. */
  hook: scaled(300_000),
  /** A condition polled until it holds: a page updating, a process ending (expect.poll, playwright waits). */
  poll: scaled(30_000),
  /** A local Neo4j from spawn to Bolt answering. */
  neo4jStart: scaled(180_000),
  /** The server process from spawn to its ready line, with its own Neo4j started and seeded. */
  serverStart: scaled(300_000),
  /** A child process that starts, reads its configuration or environment, and exits. */
  shortProcess: scaled(90_000),
  /** A failure that must come fast (a stopped transaction, a refused connection): well under the 30 s it takes without. */
  failFast: scaled(10_000),
  /** One Cypher transaction of a test or a test server (the default CYPHER_TIMEOUT_MS is 5 s: too short here). */
  transaction: scaled(60_000),
  /** Getting a database connection (the default DB_ACQUISITION_TIMEOUT_MS is 2 s). */
  connection: scaled(20_000),
} as const;
