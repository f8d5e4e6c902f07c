/**
 * Owns the Neo4j driver: runs parameterised Cypher in read or write transactions, counts round trips per
 * request, and turns connection failures into DatabaseUnavailableError.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { toParameter, toPlain, type PlainValue } from './values.js';

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

/** Thrown when Neo4j cannot be reached; the API reports it as SERVICE_UNAVAILABLE. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the graph database is unavailable', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

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

function hasCode(error: unknown, codes: Set<string>): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && codes.has(code);
}

function toRows(records: { toObject(): Record<string, unknown> }[]): Row[] {
  return records.map((record) => toPlain(record.toObject()) as Row);
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

  /**
   * Runs one read query as an auto-commit transaction, counted on `counter` when given. A managed transaction
   * would add BEGIN and COMMIT to every query, and buys nothing here: reads are never retried (see the
   * constructor) and never share a transaction.
   */
  async read(query: string, params: Record<string, unknown> = {}, counter?: QueryCounter): Promise<Row[]> {
    if (counter) counter.cypherQueries += 1;
    const session = this.#driver.session({ database: this.#options.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(query, toParameter(params) as Record<string, unknown>, {
        timeout: this.#options.transactionTimeoutMs,
      });
      return toRows(result.records);
    } catch (error) {
      throw this.#classify(error);
    } finally {
      await session.close();
    }
  }

  /** A reader that counts its round trips on `counter`. */
  reader(counter: QueryCounter): Reader {
    return { read: (query, params = {}) => this.read(query, params, counter) };
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
    if (hasCode(error, UNAVAILABLE_CODES)) return new DatabaseUnavailableError(error);
    if (hasCode(error, TIMEOUT_CODES)) return new DatabaseTimeoutError(timeoutMs, error);
    return error;
  }
}
