import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { READING_GRACE_MS, boundedWrites } from '../../src/limits/response-writes.js';
import { capturedLogger } from '../harness.js';
import { closedAfterEach } from '../listening.js';

// Far more than the kernel takes for a client that does not read (about 4 MB with Linux defaults).
const ANSWER_BYTES = 24_000_000;
const DEADLINE_MS = 500;
/** Generous: how long the server may take past the deadline to close a connection on a busy machine. */
const CLOSE_BOUND_MS = 10_000;

async function appWithLimits(budgetBytes: number, deadlineMs: number) {
  const { logger, lines } = capturedLogger();
  const body = Buffer.alloc(ANSWER_BYTES, 'x');
  const app = express();
  app.use(boundedWrites({ deadlineMs, budgetBytes, logger }), (_req, res) => {
    res.type('text/plain').send(body);
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, lines };
}

/** A client that asks for the answer, takes its first chunk (the answer is built and being written), then stops reading. */
function slowReader(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: test\r\n\r\n'));
    socket.once('data', () => {
      socket.pause();
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

const connections = (server: Server): Promise<number> =>
  new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));

async function until(condition: () => Promise<boolean>, boundMs: number): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > boundMs) throw new Error(`not within ${String(boundMs)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - started;
}

describe('boundedWrites', () => {
  const opened = closedAfterEach();

  it('closes a connection whose answer is not read within the deadline, and logs it', async () => {
    const app = await appWithLimits(10 * ANSWER_BYTES, DEADLINE_MS);
    opened.server = app.server;
    const started = performance.now();
    opened.sockets.push(await slowReader(app.port));
    expect(await connections(app.server)).toBe(1);
    await until(async () => (await connections(app.server)) === 0, DEADLINE_MS + CLOSE_BOUND_MS);
    expect(performance.now() - started).toBeGreaterThanOrEqual(DEADLINE_MS);
    expect(app.lines.filter((line) => line['msg'] === 'answer aborted: the client does not read it')).toHaveLength(1);
  });

  it('closes the oldest unread answer when unread answers exceed the budget', async () => {
    // Room for one unread answer and a half: the second one pushes the first out, long before any deadline.
    const app = await appWithLimits(1.5 * ANSWER_BYTES, 600_000);
    opened.server = app.server;
    const first = await slowReader(app.port);
    opened.sockets.push(first);
    expect(await connections(app.server)).toBe(1);
    // Past the grace a reading client gets, the first answer counts as unread.
    await new Promise((resolve) => setTimeout(resolve, READING_GRACE_MS + 100));
    opened.sockets.push(await slowReader(app.port));
    await until(async () => (await connections(app.server)) === 1, CLOSE_BOUND_MS);
    // The one closed is the first: resumed, it ends without its whole answer.
    let received = 0;
    first.on('data', (chunk: Buffer) => (received += chunk.length));
    first.resume();
    await new Promise((resolve) => first.once('close', resolve));
    expect(received).toBeLessThan(ANSWER_BYTES);
  });

  it('leaves answers that are read alone, even when together they exceed the budget for a moment', async () => {
    const app = await appWithLimits(ANSWER_BYTES, 600_000);
    opened.server = app.server;
    const texts = await Promise.all(
      [0, 1, 2].map(async () => (await fetch(`http://127.0.0.1:${String(app.port)}/`)).arrayBuffer()),
    );
    for (const text of texts) expect(text.byteLength).toBe(ANSWER_BYTES);
    expect(app.lines).toEqual([]);
  });
});
