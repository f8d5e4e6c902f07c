/**
 * Bounds what answers waiting for slow readers may hold. Once an answer is built (`res.end()`), its execution
 * slot is given back (concurrency-limit.ts), and the bytes the client has not read yet stay queued in this
 * process. Each such answer must be written within `deadlineMs`, and together they may queue at most
 * `budgetBytes`: past it, answers waiting longer than READING_GRACE_MS are closed, the oldest first. A client that
 * never reads can therefore hold neither a slot nor memory for long, and clients that read are not held up by it.
 */
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

export interface ResponseWriteLimits {
  deadlineMs: number;
  budgetBytes: number;
  logger: Logger;
}

/**
 * A client reading at a fair pace has its answer within this; only answers waiting longer are closed to keep
 * within the budget (so several large answers read at once do not push each other out).
 */
export const READING_GRACE_MS = 1000;

interface Waiting {
  bytes: number;
  since: number;
  timer: NodeJS.Timeout;
}

export function boundedWrites({ deadlineMs, budgetBytes, logger }: ResponseWriteLimits): RequestHandler {
  // In insertion order: the first entry is the answer that has waited longest.
  const waiting = new Map<ServerResponse, Waiting>();
  let queuedBytes = 0;

  const forget = (res: ServerResponse): void => {
    const entry = waiting.get(res);
    if (!entry) return;
    clearTimeout(entry.timer);
    waiting.delete(res);
    queuedBytes -= entry.bytes;
  };
  const abort = (res: ServerResponse, reason: string): void => {
    logger.warn({ remoteAddress: res.socket?.remoteAddress, unreadBytes: res.socket?.writableLength, reason }, 'answer aborted: the client does not read it');
    forget(res);
    res.destroy();
  };

  return (_req, res, next) => {
    // "prefinish": end() was called, the whole answer is queued on the socket.
    res.once('prefinish', () => {
      const bytes = res.socket?.writableLength ?? 0;
      if (bytes === 0) return;
      const timer = setTimeout(() => abort(res, `not read within RESPONSE_WRITE_TIMEOUT_MS (${String(deadlineMs)} ms)`), deadlineMs);
      const now = performance.now();
      waiting.set(res, { bytes, since: now, timer });
      queuedBytes += bytes;
      res.once('finish', () => forget(res));
      res.once('close', () => forget(res));
      for (const [oldest, { since }] of waiting) {
        if (queuedBytes <= budgetBytes || now - since < READING_GRACE_MS) break;
        abort(oldest, `unread answers exceed ${String(budgetBytes)} bytes`);
      }
    });
    next();
  };
}
