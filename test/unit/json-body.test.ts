import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createConnection, type AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBody, parseJsonBody, plainBodyLength } from '../../src/json-body.js';

const LIMIT = 100;
const request = (method: string, headers: Record<string, string>): IncomingMessage => ({ method, headers }) as unknown as IncomingMessage;
const plain = { 'content-type': 'application/json', 'content-length': '40' };

describe('parseJsonBody', () => {
  it('reads an object and an array, with or without a byte order mark', () => {
    expect(parseJsonBody(Buffer.from('{"query":"{ stats { models } }"}'))).toEqual({ query: '{ stats { models } }' });
    expect(parseJsonBody(Buffer.from(' [1, 2] '))).toEqual([1, 2]);
    expect(parseJsonBody(Buffer.from('\uFEFF{"a":"é"}'))).toEqual({ a: 'é' });
  });

  it('reads an empty body as an empty object, as body-parser does', () => {
    expect(parseJsonBody(Buffer.alloc(0))).toEqual({});
  });

  it('refuses what body-parser refuses, with its error type and a 400', () => {
    for (const text of ['{"query', 'null', '"{ stats { models } }"', '42', 'true', '   ', '{} trailing']) {
      expect(() => parseJsonBody(Buffer.from(text)), text).toThrow(expect.objectContaining({ status: 400, type: 'entity.parse.failed' }));
    }
  });
});

describe('plainBodyLength', () => {
  it('takes a POST of JSON in UTF-8 with a length within the limit', () => {
    expect(plainBodyLength(request('POST', plain), LIMIT)).toBe(40);
    expect(plainBodyLength(request('POST', { ...plain, 'content-type': 'Application/JSON; charset=UTF-8' }), LIMIT)).toBe(40);
    expect(plainBodyLength(request('POST', { ...plain, 'content-length': '0' }), LIMIT)).toBe(0);
    expect(plainBodyLength(request('POST', { ...plain, 'content-length': String(LIMIT) }), LIMIT)).toBe(LIMIT);
  });

  it('leaves everything else to body-parser', () => {
    const { 'content-length': _, ...chunked } = plain;
    for (const [name, req] of Object.entries({
      'a GET': request('GET', plain),
      'a length past the limit': request('POST', { ...plain, 'content-length': String(LIMIT + 1) }),
      'no length': request('POST', chunked),
      'a chunked body': request('POST', { ...chunked, 'transfer-encoding': 'chunked' }),
      'a gzip body': request('POST', { ...plain, 'content-encoding': 'gzip' }),
      'another charset': request('POST', { ...plain, 'content-type': 'application/json; charset=utf-16' }),
      'another type': request('POST', { ...plain, 'content-type': 'application/graphql-response+json' }),
      'no type': request('POST', { 'content-length': '40' }),
    })) {
      expect(plainBodyLength(req, LIMIT), name).toBeUndefined();
    }
  });
});

describe('jsonBody', () => {
  // Each body goes to body-parser's route and to ours on one server; both must give the same body or error.
  const app = express();
  const seen: { route: string; error: { status?: unknown; type?: unknown } }[] = [];
  app.post('/body-parser', express.json({ limit: LIMIT }), (req, res) => res.json({ body: req.body as unknown }));
  app.post('/ours', jsonBody(LIMIT), (req, res) => res.json({ body: req.body as unknown }));
  app.use(((error: { status?: unknown; type?: unknown }, req, res, _next) => {
    seen.push({ route: req.path, error: { status: error.status, type: error.type } });
    res.status(Number(error.status)).json({ status: error.status, type: error.type });
  }) as ErrorRequestHandler);
  const server = createHttpServer(app);
  let port = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string, body: Buffer): Promise<{ status: number; body: string }> =>
    fetch(`http://127.0.0.1:${String(port)}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(body) }).then(async (res) => ({
      status: res.status,
      body: await res.text(),
    }));

  const BODIES: Record<string, Buffer> = {
    'an object': Buffer.from('{"query":"{ stats { models } }","variables":{"n":1}}'),
    'an array': Buffer.from('[{"query":"{ stats { models } }"}]'),
    'a byte order mark': Buffer.from('\uFEFF{"query":"{ __typename }"}'),
    'an empty body': Buffer.alloc(0),
    'null': Buffer.from('null'),
    'a string': Buffer.from('"{ __typename }"'),
    'whitespace': Buffer.from('  \n '),
    'broken JSON': Buffer.from('{"query'),
    'trailing garbage': Buffer.from('{"query":"x"} trailing'),
    'bytes that are not UTF-8': Buffer.concat([Buffer.from('{"query":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
    'a body at the limit': Buffer.from(`{"p":"${'x'.repeat(LIMIT - 8)}"}`),
    'a body past the limit': Buffer.from(`{"p":"${'x'.repeat(LIMIT)}"}`),
  };

  it.each(Object.keys(BODIES))('reads %s as body-parser does', async (name) => {
    const body = BODIES[name]!;
    const [theirs, ours] = [await post('/body-parser', body), await post('/ours', body)];
    expect(ours).toEqual(theirs);
    expect(ours.status).toBe(name.startsWith('a body past') ? 413 : /an object|an array|byte order|empty|not UTF-8|at the limit/.test(name) ? 200 : 400);
  });

  it('reads a body sent in many pieces', async () => {
    const socket = createConnection(port, '127.0.0.1');
    const body = '{"query":"{ stats { models } }"}';
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8'))).on('end', () => resolve(text));
    });
    socket.write(`POST /ours HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${String(body.length)}\r\n\r\n`);
    for (const piece of body.match(/.{1,5}/g) ?? []) {
      socket.write(piece);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await answer).toContain('{"body":{"query":"{ stats { models } }"}}');
  });

  it('passes on a body that ends before its length as body-parser does, and goes on serving', async () => {
    seen.length = 0;
    for (const path of ['/body-parser', '/ours']) {
      const socket = createConnection(port, '127.0.0.1');
      socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 80\r\n\r\n{"query":`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await expect.poll(() => seen.filter((entry) => entry.route === path).length, { timeout: 10_000 }).toBe(1);
    }
    expect(seen.map(({ error }) => error)).toEqual([
      { status: 400, type: 'request.aborted' },
      { status: 400, type: 'request.aborted' },
    ]);
    expect(await post('/ours', BODIES['an object']!)).toEqual({ status: 200, body: '{"body":{"query":"{ stats { models } }","variables":{"n":1}}}' });
  });
});
