/**
 * What a test that listens on a port opened, closed after each test of the describe block that calls
 * `closedAfterEach`: the server (its connections first) and the client sockets it registered.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach } from 'vitest';

export interface Opened {
  /** The server of the running test. */
  server: Server | undefined;
  /** Client sockets of the running test. */
  sockets: Socket[];
}

export function closedAfterEach(): Opened {
  const opened: Opened = { server: undefined, sockets: [] };
  afterEach(() => {
    for (const socket of opened.sockets.splice(0)) socket.destroy();
    opened.server?.closeAllConnections();
    opened.server?.close();
    opened.server = undefined;
  });
  return opened;
}
