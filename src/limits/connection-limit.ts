/**
 * Caps open HTTP connections, in all (server.maxConnections: Node closes the surplus at once) and per client
 * address (an IPv6 one's /64, see client-network.ts; the surplus is answered 503 TOO_MANY_CONNECTIONS and closed), so that idle or half-open sockets from
 * one host cannot use up the file descriptors and lock everyone else out. Refusals are logged: the first at once,
 * then a count at most every LOG_INTERVAL_MS.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { clientNetwork } from '../client-network.js';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { rawErrorAnswer } from '../raw-http-answer.js';

export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerIp: number;
}

const LOG_INTERVAL_MS = 10_000;


function refusal(maxPerIp: number): string {
  const message = `Too many connections from your address (at most ${String(maxPerIp)}); close some and retry.`;
  return rawErrorAnswer(503, ErrorCode.TOO_MANY_CONNECTIONS, message, { 'Retry-After': '1' });
}

export function limitConnections(server: Server, limits: ConnectionLimits, logger: Logger): void {
  const perAddress = new Map<string, number>();
  const response = refusal(limits.maxConnectionsPerIp);
  const refused = { perIp: 0, total: 0 };
  let lastLog = 0;
  const noteRefusal = (kind: keyof typeof refused, address: string): void => {
    refused[kind] += 1;
    const now = Date.now();
    if (now - lastLog < LOG_INTERVAL_MS) return;
    logger.warn({ ...refused, lastAddress: address, limits }, 'connections refused');
    lastLog = now;
    refused.perIp = 0;
    refused.total = 0;
  };

  server.maxConnections = limits.maxConnections;
  server.on('drop', (data?: { remoteAddress?: string }) => noteRefusal('total', data?.remoteAddress ?? 'unknown'));
  // Before the HTTP parser takes the socket: a refused one never reaches the application.
  server.prependListener('connection', (socket: Socket) => {
    const address = clientNetwork(socket.remoteAddress ?? 'unknown');
    const open = (perAddress.get(address) ?? 0) + 1;
    perAddress.set(address, open);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left === 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
    if (open > limits.maxConnectionsPerIp) {
      noteRefusal('perIp', address);
      socket.end(response, () => socket.destroy());
    }
  });
}
