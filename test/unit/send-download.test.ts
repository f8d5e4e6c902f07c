import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { sendDownload } from '../../src/export/send-download.js';
import { concurrencyLimit } from '../../src/limits/concurrency-limit.js';
import { capturedLogger } from '../harness.js';
import { closedAfterEach } from '../listening.js';

// Far more than the kernel takes for a client that does not read (about 4 MB with Linux defaults).
const CHUNK = 'x'.repeat(64 * 1024);
const CHUNKS = 400;
const STALL_MS = 500;
/** Generous: how long past the stall deadline the server may take to close a connection on a busy machine. */
const CLOSE_BOUND_MS = 10_000;

async function* download(): AsyncIterable<string> {
  for (let i = 0; i < CHUNKS; i += 1) yield CHUNK;
}

/** /download streams 26 MB, /small answers at once; both hold the only execution slot while they answer. */
async function appWithOneSlot() {
  const { logger, lines } = capturedLogger();
  const app = express();
  app.use(concurrencyLimit(1, 10));
  app.get('/download', (_req, res) => sendDownload(res, { logger, stallMs: STALL_MS, fileName: 'graph.txt', contentType: 'text/plain' }, download()));
  app.get('/small', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, lines };
}

function get(port: number, path: string): Socket {
  const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: test\r\n\r\n`));
  socket.on('error', () => undefined);
  return socket;
}

describe('sendDownload', () => {
  const opened = closedAfterEach();

  it('closes a download the client stops reading, which gives its execution slot back', async () => {
    const app = await appWithOneSlot();
    opened.server = app.server;
    const reader = get(app.port, '/download');
    opened.sockets.push(reader);
    let received = 0;
    await new Promise<void>((resolve) => {
      reader.once('data', (chunk: Buffer) => {
        received += chunk.length;
        reader.pause();
        resolve();
      });
    });
    // The download holds the only slot: this request waits until the stalled download is closed.
    const started = performance.now();
    const small = get(app.port, '/small');
    opened.sockets.push(small);
    const answer = await new Promise<string>((resolve) => small.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    const waited = performance.now() - started;
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer.endsWith('ok')).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(STALL_MS * 0.8);
    expect(waited).toBeLessThan(STALL_MS + CLOSE_BOUND_MS);
    const aborted = app.lines.filter((line) => line['msg'] === 'export aborted: the client does not read it');
    expect(aborted).toHaveLength(1);
    expect(aborted[0]).toMatchObject({ level: 40, file: 'graph.txt', stallMs: STALL_MS });
    // Cut short: most of the 26 MB was never sent, and nothing was logged as the server's failure.
    reader.on('data', (chunk: Buffer) => (received += chunk.length));
    reader.resume();
    await new Promise((resolve) => reader.once('close', resolve));
    expect(received).toBeLessThan(CHUNK.length * CHUNKS);
    expect(app.lines.filter((line) => line['level'] === 50)).toEqual([]);
  }, 30_000);

  it('sends the whole download to a client that reads it, however long it takes', async () => {
    const app = await appWithOneSlot();
    opened.server = app.server;
    const reader = get(app.port, '/download');
    opened.sockets.push(reader);
    let received = 0;
    let header = '';
    // The connection stays open (keep-alive): the download is whole at the chunked body's last chunk.
    await new Promise<void>((resolve) => {
      reader.on('data', (chunk: Buffer) => {
        if (header === '') header = chunk.toString('latin1');
        received += chunk.length;
        if (chunk.toString('latin1').endsWith('\r\n0\r\n\r\n')) resolve();
      });
    });
    expect(header).toMatch(/content-disposition: attachment; filename="graph.txt"/i);
    expect(received).toBeGreaterThan(CHUNK.length * CHUNKS);
    expect(app.lines.filter((line) => line['msg'] === 'export aborted: the client does not read it')).toEqual([]);
  }, 30_000);
});
