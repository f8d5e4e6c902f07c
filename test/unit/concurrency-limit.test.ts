import { connect, type AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { concurrencyLimit, holdSlotFor } from '../../src/limits/concurrency-limit.js';

/**
 * An app behind the limit whose handler answers only when the test says so, in arrival order. It counts the
 * requests that reached the limit and the connections that closed, so a test waits for what the server has seen,
 * never for a time. With `declareWork`, the wait for the test is the request's declared work (holdSlotFor).
 */
async function gatedApp(maxActive: number, maxQueued: number, { declareWork = false } = {}) {
  const waiting: (() => void)[] = [];
  let started = 0;
  let arrived = 0;
  let closed = 0;
  const app = express();
  app.use((_req, res, next) => {
    arrived += 1;
    res.once('close', () => (closed += 1));
    next();
  });
  app.use(concurrencyLimit(maxActive, maxQueued), (_req, res) => {
    started += 1;
    const answered = new Promise<void>((resolve) => waiting.push(resolve)).then(() => void res.json({ ok: true }));
    if (declareWork) void holdSlotFor(res, answered);
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
  return {
    server,
    url,
    started: () => started,
    arrived: () => arrived,
    closed: () => closed,
    releaseNext: () => waiting.shift()?.(),
  };
}

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('concurrencyLimit', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('runs maxActive at once, queues maxQueued, refuses the rest with SERVER_BUSY', async () => {
    const app = await gatedApp(1, 1);
    server = app.server;
    const first = fetch(app.url);
    await until(() => app.started() === 1);
    const second = fetch(app.url);
    // The second has arrived and queued; it must not start while the first holds the slot.
    await until(() => app.arrived() === 2);
    expect(app.started()).toBe(1);
    const refused = await fetch(app.url);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({
      errors: [{ message: 'The server is at capacity; retry in a moment.', extensions: { code: 'SERVER_BUSY' } }],
    });
    app.releaseNext();
    expect((await first).status).toBe(200);
    await until(() => app.started() === 2);
    app.releaseNext();
    expect(await (await second).json()).toEqual({ ok: true });
  });

  it('gives the slot on once the answer is built, even to a client that never reads it', async () => {
    let served = 0;
    const app = express();
    // 24 MB: far more than the kernel takes for a client that does not read.
    const big = Buffer.alloc(24_000_000, 'x');
    app.use(concurrencyLimit(1, 0), (req, res) => {
      served += 1;
      if (req.path === '/big') res.type('text/plain').send(big);
      else res.json({ ok: true });
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const reader = connect(port, '127.0.0.1', () => reader.write('GET /big HTTP/1.1\r\nHost: test\r\n\r\n'));
    await new Promise((resolve) => reader.once('data', resolve));
    reader.pause();
    // The only slot is free again although most of the answer is still unread: the next request is answered.
    const next = await fetch(`http://127.0.0.1:${String(port)}/small`);
    expect(next.status).toBe(200);
    expect(served).toBe(2);
    reader.destroy();
  });

  it('gives the slot on when a client disconnects, whether running or queued', async () => {
    const app = await gatedApp(1, 2);
    server = app.server;
    const running = new AbortController();
    const queued = new AbortController();
    const first = fetch(app.url, { signal: running.signal }).catch(() => 'aborted');
    await until(() => app.started() === 1);
    const second = fetch(app.url, { signal: queued.signal }).catch(() => 'aborted');
    await until(() => app.arrived() === 2);
    queued.abort();
    // The server has seen the queued client go before the running one frees the slot.
    await until(() => app.closed() === 1);
    running.abort();
    expect(await first).toBe('aborted');
    expect(await second).toBe('aborted');
    // Neither aborted request keeps the only slot: a new one starts and is answered.
    const third = fetch(app.url);
    await until(() => app.started() === 2);
    app.releaseNext();
    app.releaseNext();
    expect((await third).status).toBe(200);
  });

  it('keeps the slot of a client that disconnects until the work declared for it has settled', async () => {
    const app = await gatedApp(1, 1, { declareWork: true });
    server = app.server;
    const hangingUp = new AbortController();
    const abandoned = fetch(app.url, { signal: hangingUp.signal }).catch(() => 'aborted');
    await until(() => app.started() === 1);
    hangingUp.abort();
    expect(await abandoned).toBe('aborted');
    await until(() => app.closed() === 1);
    // The next request waits in the queue while the abandoned one's work goes on, and starts once it has ended.
    const next = fetch(app.url);
    await until(() => app.arrived() === 2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(app.started()).toBe(1);
    app.releaseNext();
    await until(() => app.started() === 2);
    app.releaseNext();
    expect(await (await next).json()).toEqual({ ok: true });
  });
});
