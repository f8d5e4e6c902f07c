/**
 * At most `maxActive` GraphQL requests execute at once; up to `maxQueued` more wait their turn in arrival order,
 * and any beyond those are refused at once (HTTP 503, SERVER_BUSY). An executing request holds its partial
 * result in memory, and a nested one can run to megabytes: bounding how many execute bounds the memory, whatever
 * the number of clients. Waiting costs nothing on a server whose CPU is already busy with the active ones. The
 * slot is given back once the answer is built: what a slow reader leaves unread is bounded by response-writes.ts.
 */
import type { RequestHandler } from 'express';
import pLimit from 'p-limit';
import { ErrorCode } from '../errors.js';
import { sendError } from '../http-errors.js';

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
          // "prefinish" comes once the answer is built and queued, "close" when the connection is gone first.
          res.once('prefinish', release);
          res.once('close', release);
          next();
        }),
    );
  };
}
