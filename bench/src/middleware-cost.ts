/**
 * CPU per request of the /graphql route's middleware, part by part, where cpu-per-request cannot tell parts of a
 * few µs apart (its runs differ by more). One process holds a node:http server, made as ours is (src/lean-route.ts,
 * Express's request and response classes), and the load client; each chain reads a first page's request body,
 * runs some of our middleware and answers a few bytes of JSON, and the process's CPU (client and server) per
 * request is measured in interleaved rounds. The client's share is the same for every chain, so differences
 * between chains are what the parts cost. No database: what the middleware does before Apollo is all it measures.
 *
 *   node bench/dist/bench/src/middleware-cost.js --seconds 2 --runs 6
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import cors from 'cors';
import express, { type RequestHandler } from 'express';
import { requireAcceptable } from '../../src/graphql-media-types.js';
import { requireJsonPost } from '../../src/http-errors.js';
import { ExpressMessages, leanRoute, type Listener } from '../../src/lean-route.js';
import { concurrencyLimit } from '../../src/limits/concurrency-limit.js';
import { boundedWrites } from '../../src/limits/response-writes.js';
import { logger } from '../../src/logger.js';
import { requirePersistedQueryHash } from '../../src/persisted-query-hash.js';
import { securityHeaders } from '../../src/security-headers.js';
import { median, measureHttp } from './measure.js';
import { OPERATIONS } from './operations.js';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    runs: { type: 'string', default: '6' },
    connections: { type: 'string', default: '8' },
  },
});

const MAX_BODY_BYTES = 100_000;

const answer: RequestHandler = (req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ keys: Object.keys((req.body ?? {}) as object).length }));
};

const body = express.json({ limit: MAX_BODY_BYTES });

/** Each chain adds one part to reading the body (body-parser, as the route does) and answering. */
const CHAINS: Record<string, RequestHandler[]> = {
  'body, answer': [body, answer],
  '+ security headers': [securityHeaders(), body, answer],
  '+ CORS': [cors({ origin: '*' }), body, answer],
  '+ request checks': [body, requireJsonPost, requireAcceptable, requirePersistedQueryHash, answer],
  '+ bounded writes, slots': [
    body,
    boundedWrites({ deadlineMs: 30_000, budgetBytes: 1e9, logger }),
    concurrencyLimit(16, 64),
    answer,
  ],
};

const failed = (_error: unknown, _req: unknown, res: ServerResponse): void => {
  res.statusCode = 500;
  res.end();
};

const app = express();
const messages = new ExpressMessages();
const routes = Object.fromEntries(Object.entries(CHAINS).map(([name, chain]) => [name, leanRoute(app, messages, chain, failed)]));
let route: Listener = () => undefined;
const server = createServer(messages.serverOptions, (req, res) => route(req, res));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/graphql`;
const request = JSON.stringify({ query: OPERATIONS.find((operation) => operation.name === 'first-page')!.query, variables: {} });
const [seconds, runs, connections] = [Number(options.seconds), Number(options.runs), Number(options.connections)];

const samples = new Map<string, number[]>(Object.keys(CHAINS).map((name) => [name, []]));
for (let round = 0; round < runs; round += 1) {
  // Every other round backwards, so no chain always follows the same one.
  const names = round % 2 === 0 ? Object.keys(CHAINS) : Object.keys(CHAINS).reverse();
  for (const name of names) {
    route = routes[name]!;
    await measureHttp(url, request, connections, 1);
    const before = process.cpuUsage();
    const run = await measureHttp(url, request, connections, seconds);
    const used = process.cpuUsage(before);
    if (run.errors > 0) throw new Error(`${name}: ${String(run.errors)} requests failed`);
    samples.get(name)!.push((used.user + used.system) / (run.rps * seconds));
  }
}
for (const [name, perRequest] of samples) {
  const sorted = [...perRequest].sort((a, b) => a - b);
  console.log(`${name.padEnd(26)} ${median(perRequest).toFixed(1)} µs of CPU per request (client and server; ${sorted.map((x) => x.toFixed(1)).join(', ')})`);
}
server.close();
