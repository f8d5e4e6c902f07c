/**
 * Whether the graph may be served yet: the server listens at once (so /health answers and /ready says why not),
 * but answers GraphQL only once the graph holds its release, verified.
 */
import type { RequestHandler } from 'express';
import { ErrorCode } from './errors.js';
import { sendError } from './http-errors.js';

export class GraphGate {
  #reason: string | null;

  /** `reason` says why the graph is not ready yet; null for a graph that is ready from the start. */
  constructor(reason: string | null = null) {
    this.#reason = reason;
  }

  get ready(): boolean {
    return this.#reason === null;
  }

  /** Why the graph is not served yet; null once it is. */
  get reason(): string | null {
    return this.#reason;
  }

  open(): void {
    this.#reason = null;
  }

  /** Refuses GraphQL requests (503, SERVICE_UNAVAILABLE, Retry-After) until the gate opens. */
  guard(): RequestHandler {
    return (_req, res, next) => {
      if (this.#reason === null) {
        next();
        return;
      }
      res.set('Retry-After', '5');
      sendError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, `The graph is not ready yet: ${this.#reason}.`);
    };
  }
}
