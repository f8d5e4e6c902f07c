import { createServer as createHttpServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { isGraphqlPath } from '../../src/graphql-http.js';
import { ExpressMessages } from '../../src/lean-route.js';
import { logger } from '../../src/logger.js';
import { createServer, type AppServer } from '../../src/server.js';
import { TEST_SERVER_ENV } from '../harness.js';
import { testDatabase } from '../neo4j.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Sent {
  /** The status Express answers with. */
  status: number;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Headers that differ between two answers to the same request by nature: the time, and the rate limit's count. */
const PER_ANSWER = /^(date|ratelimit|ratelimit-policy|keep-alive|connection)$/;

const QUERY = '{ stats { models } }';
const json = (body: unknown): Record<string, string> => ({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(JSON.stringify(body))) });

/** Requests on which the lean route could part from Express's: methods, paths, bodies, encodings, preflights. */
const REQUESTS: Record<string, Sent> = {
  'a POST query': { status: 200, method: 'POST', path: '/graphql', headers: json({ query: QUERY }), body: JSON.stringify({ query: QUERY }) },
  'a GET query': { status: 200, method: 'GET', path: `/graphql?query=${encodeURIComponent(QUERY)}`, headers: { 'apollo-require-preflight': 'true' } },
  'a GET of /graphql/ with a query': { status: 200, method: 'GET', path: `/graphql/?query=${encodeURIComponent(QUERY)}`, headers: { 'apollo-require-preflight': 'true' } },
  'a GET of /GraphQL/sub with a query': { status: 200, method: 'GET', path: `/GraphQL/sub?query=${encodeURIComponent(QUERY)}&x`, headers: { 'apollo-require-preflight': 'true' } },
  'a GET without a query': { status: 400, method: 'GET', path: '/graphql?x', headers: { accept: 'application/json' } },
  'a GET that accepts only image/png': { status: 406, method: 'GET', path: `/graphql?query=${encodeURIComponent(QUERY)}`, headers: { accept: 'image/png' } },
  'a POST that accepts only image/png': { status: 406, method: 'POST', path: '/graphql', headers: { ...json({ query: QUERY }), accept: 'image/png' }, body: JSON.stringify({ query: QUERY }) },
  'a HEAD': { status: 405, method: 'HEAD', path: '/graphql' },
  'a PUT': { status: 405, method: 'PUT', path: '/graphql', headers: json({ query: QUERY }), body: JSON.stringify({ query: QUERY }) },
  'a DELETE': { status: 405, method: 'DELETE', path: '/graphql' },
  'a preflight from another origin': {
    status: 204, method: 'OPTIONS',
    path: '/graphql',
    headers: { origin: 'https://explorer.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  },
  'an OPTIONS that is no preflight': { status: 204, method: 'OPTIONS', path: '/graphql/' },
  'a cross-origin POST': {
    status: 200, method: 'POST',
    path: '/graphql',
    headers: { ...json({ query: QUERY }), origin: 'https://explorer.example' },
    body: JSON.stringify({ query: QUERY }),
  },
  'a text/plain POST': { status: 415, method: 'POST', path: '/graphql', headers: { 'content-type': 'text/plain', 'content-length': '5' }, body: 'hello' },
  'a POST without a body': { status: 400, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' } },
  'a POST of broken JSON': { status: 400, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'content-length': '7' }, body: '{"query' },
  'a POST of a malformed content type': {
    status: 200, method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json; charset', 'content-length': String(JSON.stringify({ query: QUERY }).length) },
    body: JSON.stringify({ query: QUERY }),
  },
  'a POST in an unknown charset': {
    status: 400, method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json; charset=klingon', 'content-length': String(JSON.stringify({ query: QUERY }).length) },
    body: JSON.stringify({ query: QUERY }),
  },
  'a POST in an unknown encoding': {
    status: 400, method: 'POST',
    path: '/graphql',
    headers: { ...json({ query: QUERY }), 'content-encoding': 'compress' },
    body: JSON.stringify({ query: QUERY }),
  },
  'a gzip POST': (() => {
    const body = gzipSync(JSON.stringify({ query: QUERY }));
    return { status: 200, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(body.length) }, body };
  })(),
  'a gzip POST that unpacks past the limit': (() => {
    const body = gzipSync(JSON.stringify({ query: QUERY, padding: ' '.repeat(200_000) }));
    return { status: 413, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(body.length) }, body };
  })(),
  'a POST past the limit': (() => {
    const body = JSON.stringify({ query: QUERY, padding: ' '.repeat(200_000) });
    return { status: 413, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'content-length': String(body.length) }, body };
  })(),
  'a query that fails validation': {
    status: 400, method: 'POST',
    path: '/graphql',
    headers: { ...json({ query: '{ nothing }' }), accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: '{ nothing }' }),
  },
};

function send(port: number, route: 'express' | 'lean', { method, path, headers = {}, body }: Omit<Sent, 'status'>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: 'localhost', port, method, path, headers: { ...headers, 'x-route': route } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const comparable = (headers: IncomingHttpHeaders): Record<string, unknown> =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_ANSWER.test(name)));

describe('the /graphql route without Express', () => {
  const db = testDatabase();
  const messages = new ExpressMessages();
  const httpServer = createHttpServer(messages.serverOptions);
  let app: AppServer;
  let port = 0;

  beforeAll(async () => {
    const config = loadConfig({ ...TEST_SERVER_ENV, MAX_BODY_BYTES: '100000', CORS_ORIGINS: 'https://explorer.example', RATE_LIMIT: 'true' });
    app = await createServer({ db, config, logger, httpServer, messages });
    // The same server both ways: Express's whole app, or the lean route the HTTP server gives /graphql.
    httpServer.on('request', (req, res) => (req.headers['x-route'] === 'express' ? app.app(req, res) : app.graphql(req, res)));
    await new Promise<void>((resolve) => httpServer.listen(0, resolve));
    port = (httpServer.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.apollo.stop();
    await db.close();
  });

  it.each(Object.keys(REQUESTS))('answers %s as Express does', async (name) => {
    const request = REQUESTS[name]!;
    const [express, lean] = [await send(port, 'express', request), await send(port, 'lean', request)];
    expect(express.status).toBe(request.status);
    expect(lean.status).toBe(express.status);
    expect(comparable(lean.headers)).toEqual(comparable(express.headers));
    expect(lean.body).toBe(express.body);
  });

  it('answers 304 to a GET whose tag the client holds, as Express does', async () => {
    const request = REQUESTS['a GET query']!;
    const first = await send(port, 'lean', request);
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    const again = { ...request, headers: { ...request.headers, 'if-none-match': etag } };
    const [express, lean] = [await send(port, 'express', again), await send(port, 'lean', again)];
    expect(lean.status).toBe(304);
    expect(comparable(lean.headers)).toEqual(comparable(express.headers));
  });

  it('gives a browser opening /graphql the playground, and an API client GraphQL', async () => {
    const page = await send(port, 'lean', { method: 'GET', path: '/graphql', headers: { accept: 'text/html' } });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const api = await send(port, 'lean', { method: 'GET', path: '/graphql', headers: { accept: 'text/html;q=0.5, application/json' } });
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    expect(api.status).toBe(400);
  });

  it('refuses an Accept that allows no GraphQL answer with a 406 never cached, and takes every one Apollo answers', async () => {
    const get = (accept: string) => send(port, 'lean', { method: 'GET', path: `/graphql?query=${encodeURIComponent(QUERY)}`, headers: { accept } });
    const refused = await get('image/png');
    expect(refused.status).toBe(406);
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.headers.etag).toBeUndefined();
    expect(JSON.parse(refused.body)).toEqual({
      errors: [{ message: 'This path is served as application/graphql-response+json or application/json; the Accept header allows none of them: "image/png".', extensions: { code: 'NOT_ACCEPTABLE' } }],
    });
    for (const accept of ['', '*/*', 'application/json; charset=utf-8', 'application/json; callbackSpec=1.0', 'image/png, application/*;q=0.1']) {
      expect((await get(accept)).status, accept).toBe(200);
    }
  });

  it('takes /graphql, its sub-paths and query strings, in any case, and nothing else', () => {
    expect(['/graphql', '/graphql/', '/graphql?x', '/GRAPHQL/a/b', '/graphql/?query=1'].every(isGraphqlPath)).toBe(true);
    expect(['/graphqlx', '/', '/export/graph.json', '/graph', 'http://h/graphql', undefined].some(isGraphqlPath)).toBe(false);
  });
});
