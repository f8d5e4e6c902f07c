/**
 * Per-request context: a request id, a Cypher round-trip counter, fresh loaders bound to both, warnings, and the
 * work the node estimate could not foresee.
 */
import { randomUUID } from 'node:crypto';
import type { Database, QueryCounter, Reader } from './db/database.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import type { LoaderSettings } from './loaders/batch.js';
import { UnforeseenWork } from './limits/unforeseen-work.js';
import { Warnings } from './warnings.js';

export interface RequestContext {
  requestId: string;
  counter: QueryCounter;
  reader: Reader;
  loaders: Loaders;
  /** Who the request counts against for the rate limit; absent when no limit applies. */
  client?: string | undefined;
  /** What the answer should say besides its data (sent as `extensions.warnings`). */
  warnings: Warnings;
  /** What the rate limit takes after the answer (limits/unforeseen-work.ts). */
  unforeseen: UnforeseenWork;
}

export function createRequestContext(db: Database, settings: LoaderSettings, requestId = randomUUID()): RequestContext {
  const counter: QueryCounter = { cypherQueries: 0 };
  return requestContextOn(db.reader(counter), counter, settings, requestId);
}

/** The context of a request whose queries go through `reader`, which counts them on `counter`. */
export function requestContextOn(reader: Reader, counter: QueryCounter, settings: LoaderSettings, requestId: string): RequestContext {
  const unforeseen = new UnforeseenWork();
  return { requestId, counter, reader, loaders: createLoaders(reader, settings, unforeseen), warnings: new Warnings(), unforeseen };
}
