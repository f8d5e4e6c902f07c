/**
 * Runs a fixed list of Express middleware on a request straight from node:http, without Express's router: the
 * request and response get the same methods and `res.locals` Express's own `app.handle` gives them (so each
 * middleware behaves as it does under Express), then the handlers run in order; an error (passed to `next`,
 * thrown, or a rejected promise, as Express 5 catches them) goes to the error handler. What the router costs per
 * request (matching every layer, restoring `req.url` between them) is left out; what the middleware does is not.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express';

export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** The handlers run in order on every request; `onError` answers what fails. For one path, known beforehand. */
export function leanRoute(app: Express, handlers: RequestHandler[], onError: ErrorRequestHandler): Listener {
  return (incoming, outgoing) => {
    // As Express's app.handle does (x-powered-by is disabled, so it sets no header).
    const req = Object.setPrototypeOf(incoming, app.request) as Request;
    const res = Object.setPrototypeOf(outgoing, app.response) as Response;
    req.res = res;
    res.req = req;
    res.locals = Object.create(null) as Response['locals'];
    req.originalUrl = req.url;
    req.baseUrl = '';
    // Past the error handler, as Express's final handler does: an answer already begun cannot be replaced.
    const fail = (): void => {
      if (res.headersSent) req.socket.destroy();
      else res.status(500).end();
    };
    const failed = (error: unknown): void => {
      try {
        onError(error, req, res, fail);
      } catch {
        fail();
      }
    };
    const run = (index: number): void => {
      const handler = handlers[index];
      // The last handler answers.
      if (handler === undefined) return;
      const next = (error?: unknown): void => {
        if (error) failed(error);
        else run(index + 1);
      };
      try {
        const result: unknown = handler(req, res, next);
        if (result instanceof Promise) result.catch(failed);
      } catch (error) {
        failed(error);
      }
    };
    run(0);
  };
}
