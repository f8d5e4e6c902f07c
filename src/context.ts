/** Per-request context: a request id, a Cypher round-trip counter, and fresh loaders bound to both. */
import { randomUUID } from 'node:crypto';
import type { Database, QueryCounter, Reader } from './db/database.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import type { LoaderSettings } from './loaders/batch.js';

export interface RequestContext {
  requestId: string;
  counter: QueryCounter;
  reader: Reader;
  loaders: Loaders;
  /** Who the request counts against for the rate limit; absent when no limit applies. */
  client?: string | undefined;
}

export function createRequestContext(db: Database, settings: LoaderSettings, requestId = randomUUID()): RequestContext {
  const counter: QueryCounter = { cypherQueries: 0 };
  const reader = db.reader(counter);
  return { requestId, counter, reader, loaders: createLoaders(reader, settings) };
}
