/**
 * Owns the Neo4j driver: runs parameterised Cypher in read or write transactions, counts round trips per
 * request, bounds how many of a request's queries run at once, gives up on a database that stops answering, and
 * turns connection failures into DatabaseUnavailableError.
 */
import neo4j, { type Driver, type ProfiledPlan } from 'neo4j-driver';
import { toParameter, toPlain, type PlainValue } from './values.js';
import { slots } from './read-slots.js';

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** Server-side timeout of every transaction. */
  transactionTimeoutMs: number;
  /** How long to wait for a pooled connection before failing. */
  acquisitionTimeoutMs: number;
  maxPoolSize: number;
  /** Queries of one reader (one request) that run at once; the others wait their turn. Default 4. */
  requestConcurrency?: number;
}

/** Round trips made on behalf of one GraphQL request; the context owns one per request. */
export interface QueryCounter {
  cypherQueries: number;
}

export type Row = Record<string, PlainValue>;

/** Read access bound to one request's counter: what loaders and query modules are given. */
export interface Reader {
  read(query: string, params?: Record<string, unknown>): Promise<Row[]>;
}

/** Thrown when Neo4j cannot be reached or stops answering; the API reports it as SERVICE_UNAVAILABLE. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the graph database is unavailable', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * How long past the longest a working database can take (a pooled connection, then the transaction's timeout) a
 * query may go unanswered before the database counts as stalled: Neo4j ends a transaction past its timeout when
 * its transaction monitor next looks (every 2 s by default) and says so at once; silence beyond that means the
 * database (or the network) froze.
 */
export const STALL_GRACE_MS = 2000;

const DEFAULT_REQUEST_CONCURRENCY = 4;

/** Thrown when a transaction outlives its timeout; the API reports it as TIMEOUT. */
export class DatabaseTimeoutError extends Error {
  constructor(readonly timeoutMs: number, cause: unknown) {
    super(`the query took longer than ${String(timeoutMs)} ms`, { cause });
    this.name = 'DatabaseTimeoutError';
  }
}

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

// The driver raises a wait for a pooled connection that ran out with no code of its own, only this message.
const ACQUISITION_TIMEOUT = /^Connection acquisition timed out/;

function hasCode(error: unknown, codes: Set<string>): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && codes.has(code);
}

function toRows(records: { toObject(): Record<string, unknown> }[]): Row[] {
  return records.map((record) => toPlain(record.toObject()) as Row);
}

function totalDbHits(plan: ProfiledPlan): number {
  return plan.children.reduce((sum, child) => sum + totalDbHits(child), plan.dbHits);
}

/**
 * Starts a query without the call-site stack trace the driver captures for it: the driver formats one for every
 * query it starts (to put in that query's error, should one come), about 3% of the server's CPU per small answer.
 * A read's error is told by its code and Neo4j's message (#classify), never by where the read began.
 */
function withoutCallSiteStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Rejects with DatabaseUnavailableError once `ms` pass; `cancel` stops the clock. */
function deadline(ms: number): { expired: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(new Error(`no answer within ${String(ms)} ms`))), ms);
  });
  return { expired, cancel: () => clearTimeout(timer) };
}

export class Database {
  readonly #driver: Driver;
  readonly #options: DatabaseOptions;

  constructor(options: DatabaseOptions) {
    this.#options = options;
    this.#driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      maxConnectionPoolSize: options.maxPoolSize,
      connectionAcquisitionTimeout: options.acquisitionTimeoutMs,
      // Fail fast instead of retrying for 30 s when the database is gone: callers get SERVICE_UNAVAILABLE quickly
      // and the pool reconnects by itself on the next request once the database is back.
      connectionTimeout: options.acquisitionTimeoutMs,
      maxTransactionRetryTime: 0,
      // Integers arrive as JS numbers instead of Integer objects: toPlain made numbers of them anyway, and the
      // objects were much of the garbage of large results. Exact for every value in the graph (below 2^53).
      disableLosslessIntegers: true,
      userAgent: 'biofm-graph',
    });
  }

  get uri(): string {
    return this.#options.uri;
  }

  /** How long a read may go unanswered before the database counts as stalled (see read). */
  get stallDeadlineMs(): number {
    return this.#options.acquisitionTimeoutMs + this.#options.transactionTimeoutMs + STALL_GRACE_MS;
  }

  /**
   * Runs one read query as an auto-commit transaction, counted on `counter` when given. A managed transaction
   * would add BEGIN and COMMIT to every query, and buys nothing here: reads are never retried (see the
   * constructor) and never share a transaction.
   *
   * Neo4j ends the transaction at `transactionTimeoutMs`; a database that froze (or a network that dropped it)
   * would never say so, so the query is also given up here once the wait for a connection and the transaction
   * could both have run out, STALL_GRACE_MS later (the stall deadline), with DatabaseUnavailableError.
   * The driver cannot cancel a query in flight: its session is closed in the background and its connection
   * returns to the pool whenever the database answers again.
   */
  async read(query: string, params: Record<string, unknown> = {}, counter?: QueryCounter): Promise<Row[]> {
    if (counter) counter.cypherQueries += 1;
    const session = this.#driver.session({ database: this.#options.database, defaultAccessMode: neo4j.session.READ });
    const clock = deadline(this.stallDeadlineMs);
    const running = withoutCallSiteStack(() =>
      session.run(query, toParameter(params) as Record<string, unknown>, { timeout: this.#options.transactionTimeoutMs }),
    );
    let stalled = false;
    try {
      const result = await Promise.race([running, clock.expired.catch((error: unknown) => {
        stalled = true;
        throw error;
      })]);
      return toRows(result.records);
    } catch (error) {
      throw this.#classify(error);
    } finally {
      clock.cancel();
      if (stalled) {
        // Closing waits for the database; nobody waits for this one any more (the race above took its outcome).
        session.close().catch(() => undefined);
      } else {
        await session.close();
      }
    }
  }

  /**
   * A reader for one request: it counts the request's round trips on `counter`, runs at most
   * `requestConcurrency` of its queries at once (a request with many aliased traversals cannot take the whole
   * pool), and once one of its queries found the database unavailable, fails the rest at once with the same
   * error instead of waiting for a connection again for every field.
   */
  reader(counter: QueryCounter): Reader {
    const limit = slots(this.#options.requestConcurrency ?? DEFAULT_REQUEST_CONCURRENCY);
    let unavailable: DatabaseUnavailableError | undefined;
    return {
      read: (query, params = {}) =>
        limit(async () => {
          if (unavailable) throw unavailable;
          try {
            return await this.read(query, params, counter);
          } catch (error) {
            if (error instanceof DatabaseUnavailableError) unavailable = error;
            throw error;
          }
        }),
    };
  }

  /** Runs one read query with PROFILE and returns its rows and its database hits (the field-cost measurements). */
  async profile(query: string, params: Record<string, unknown> = {}): Promise<{ rows: Row[]; dbHits: number }> {
    const session = this.#driver.session({ database: this.#options.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(`PROFILE ${query}`, toParameter(params) as Record<string, unknown>);
      const plan = result.summary.profile;
      return { rows: toRows(result.records), dbHits: plan ? totalDbHits(plan) : 0 };
    } finally {
      await session.close();
    }
  }

  /**
   * Runs one statement as an auto-commit write transaction (so `CALL { ... } IN TRANSACTIONS` works), with
   * `timeoutMs` instead of the request timeout where given (schema and seed statements have their own).
   */
  async write(query: string, params: Record<string, unknown> = {}, timeoutMs?: number): Promise<Row[]> {
    const timeout = timeoutMs ?? this.#options.transactionTimeoutMs;
    const session = this.#driver.session({ database: this.#options.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      const result = await session.run(query, toParameter(params) as Record<string, unknown>, { timeout });
      return toRows(result.records);
    } catch (error) {
      throw this.#classify(error, timeout);
    } finally {
      await session.close();
    }
  }

  /**
   * Resolves when Neo4j answers within `timeoutMs`, else rejects with DatabaseUnavailableError; a frozen
   * database makes it wait no longer than that.
   */
  async ping(timeoutMs: number): Promise<void> {
    const clock = deadline(timeoutMs);
    const checked = this.#driver.verifyConnectivity({ database: this.#options.database });
    try {
      await Promise.race([checked, clock.expired]);
    } catch (error) {
      checked.catch(() => undefined);
      throw error instanceof DatabaseUnavailableError ? error : new DatabaseUnavailableError(error);
    } finally {
      clock.cancel();
    }
  }

  /** Resolves once Bolt answers, or rejects with DatabaseUnavailableError after `deadlineMs`. */
  async waitUntilReachable(deadlineMs: number): Promise<void> {
    const until = Date.now() + deadlineMs;
    for (;;) {
      try {
        await this.#driver.verifyConnectivity({ database: this.#options.database });
        return;
      } catch (error) {
        if (Date.now() >= until) throw new DatabaseUnavailableError(error);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  close(): Promise<void> {
    return this.#driver.close();
  }

  #classify(error: unknown, timeoutMs = this.#options.transactionTimeoutMs): unknown {
    if (error instanceof DatabaseUnavailableError) return error;
    if (hasCode(error, UNAVAILABLE_CODES)) return new DatabaseUnavailableError(error);
    if (error instanceof Error && ACQUISITION_TIMEOUT.test(error.message)) return new DatabaseUnavailableError(error);
    if (hasCode(error, TIMEOUT_CODES)) return new DatabaseTimeoutError(timeoutMs, error);
    return error;
  }
}
