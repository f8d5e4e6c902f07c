/**
 * At most `maxActive` GraphQL requests execute at once; up to `maxQueued` more wait their turn in arrival order,
 * and any beyond those are refused at once (HTTP 503, SERVER_BUSY). An executing request holds its partial
 * result in memory, and a nested one can run to megabytes: bounding how many execute bounds the memory, whatever
 * the number of clients. Waiting costs nothing on a server whose CPU is already busy with the active ones. The
 * slot is given back once the answer is built: what a slow reader leaves unread is bounded by response-writes.ts.
 *
 * A client that goes away does not stop the work it asked for (neither Apollo nor the driver can cancel a query
 * under way), so the slot stays taken until the work the handler declared with `holdSlotFor` has settled: were it
 * given back at the disconnect, a client hanging up on each request it sends would run any number of them at
 * once and take the whole connection pool from everyone else.
 */
import type { RequestHandler, Response } from 'express';
import pLimit from 'p-limit';
import { ErrorCode } from '../errors.js';
import { sendError } from '../http-errors.js';

/** Where a request's slot keeps the work done for it (res.locals). */
const SLOT_WORK_LOCAL = 'slotWork';

/**
 * Declares `work` as done for this request: its slot is not given back before it settles, even once the client
 * has gone. Outside a slot (a route without one) it only hands the work back.
 */
export function holdSlotFor<T>(res: Response, work: Promise<T>): Promise<T> {
  (res.locals[SLOT_WORK_LOCAL] as Promise<unknown>[] | undefined)?.push(work);
  return work;
}

/** Resolves once every promise in `work` has settled, those added while it waits included. */
async function allSettled(work: Promise<unknown>[]): Promise<void> {
  let seen;
  do {
    seen = work.length;
    await Promise.allSettled(work);
  } while (work.length !== seen);
}

export function concurrencyLimit(maxActive: number, maxQueued: number): RequestHandler {
  const limit = pLimit(maxActive);
  return (req, res, next) => {
    if (limit.activeCount >= maxActive && limit.pendingCount >= maxQueued) {
      res.set('Retry-After', '1');
      sendError(res, 503, ErrorCode.SERVER_BUSY, 'The server is at capacity; retry in a moment.');
      return;
    }
    void limit(
      () =>
        new Promise<void>((release) => {
          // A client that gave up while queued leaves nothing to answer; its turn passes to the next.
          if (res.destroyed || req.socket.destroyed) {
            release();
            return;
          }
          const work: Promise<unknown>[] = [];
          res.locals[SLOT_WORK_LOCAL] = work;
          // "prefinish" comes once the answer is built and queued, "close" when the connection is gone first.
          res.once('prefinish', release);
          res.once('close', () => void allSettled(work).then(release));
          next();
        }),
    );
  };
}
