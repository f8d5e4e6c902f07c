/** Starts the app on an HTTP port and stops it: drain requests, stop Apollo, close the listener. */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from './db/database.js';
import type { GraphGate } from './graph-gate.js';
import type { Logger } from './logger.js';
import { createServer, type ServerConfig } from './server.js';

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startHttpServer(options: {
  db: Database;
  config: ServerConfig;
  logger: Logger;
  port: number;
  gate?: GraphGate;
}): Promise<RunningServer> {
  const httpServer = createHttpServer();
  const { app, apollo } = await createServer({ ...options, httpServer });
  httpServer.on('request', app);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${String(port)}/graphql`,
    port,
    // Apollo's drain plugin closes the listener and waits for in-flight requests.
    stop: () => apollo.stop(),
  };
}
