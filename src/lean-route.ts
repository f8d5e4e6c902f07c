/**
 * Runs a fixed list of Express middleware on a request straight from node:http, without Express's router: the
 * request and response have the same methods and `res.locals` Express's own `app.handle` gives them (so each
 * middleware behaves as it does under Express), then the handlers run in order; an error (passed to `next`,
 * thrown, or a rejected promise, as Express 5 catches them) goes to the error handler. What the router costs per
 * request (matching every layer, restoring `req.url` between them) is left out; what the middleware does is not.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express';

export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The request and response classes of a node:http server whose objects are born Express's: their prototypes lead
 * through an app's `app.request` and `app.response` once `bind` is called (before the server listens). Express's
 * `app.handle` gives each request these prototypes with Object.setPrototypeOf, which costs more than the rest of
 * Node's HTTP work on a small answer: V8 gives the objects new shapes, and Node's own code that reads them (http,
 * streams) then takes slower, generic paths. A plain node:http handler writing a first page's JSON under 8
 * connections spent 0.03 ms of CPU per answer; with the two setPrototypeOf calls, 0.10-0.14; with these classes
 * instead, 0.03-0.05.
 */
export class ExpressMessages {
  readonly IncomingMessage = class ExpressIncomingMessage extends IncomingMessage {};
  readonly ServerResponse = class ExpressServerResponse extends ServerResponse {};

  /** What node:http's createServer takes to make its requests and responses with these classes. */
  get serverOptions() {
    return { IncomingMessage: this.IncomingMessage, ServerResponse: this.ServerResponse };
  }

  bind(app: Express): void {
    Object.setPrototypeOf(this.IncomingMessage.prototype, app.request);
    Object.setPrototypeOf(this.ServerResponse.prototype, app.response);
  }
}

/**
 * The handlers run in order on every request; `onError` answers what fails. For one path, known beforehand. The
 * listener takes requests and responses made by `messages`, which it binds to `app`.
 */
export function leanRoute(app: Express, messages: ExpressMessages, handlers: RequestHandler[], onError: ErrorRequestHandler): Listener {
  messages.bind(app);
  return (incoming, outgoing) => {
    // The rest of what Express's app.handle does (x-powered-by is disabled, so it sets no header).
    const req = incoming as Request;
    const res = outgoing as Response;
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
