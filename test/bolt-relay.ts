/**
 * A TCP relay between a server and the test Neo4j that can hold back Neo4j's answers: a real database whose
 * queries take as long as a test says, so a test can catch a request in the middle of its work whatever the speed
 * of the machine. It counts the bytes the server sent while answers were held (a query under way).
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface BoltRelay {
  uri: string;
  /** Bytes the server has sent since `hold` was called. */
  sentWhileHeld(): number;
  /** From now on, Neo4j's answers wait in the relay. */
  hold(): void;
  /** Hands over every answer held, and relays again. */
  release(): void;
  close(): Promise<void>;
}

export async function boltRelay(neo4jUri: string): Promise<BoltRelay> {
  const target = new URL(neo4jUri);
  let held: { to: Socket; data: Buffer }[] | null = null;
  let sent = 0;
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (data: Buffer) => {
      if (held) sent += data.length;
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => {
      if (held) held.push({ to: client, data });
      else client.write(data);
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    uri: `bolt://127.0.0.1:${String((relay.address() as AddressInfo).port)}`,
    sentWhileHeld: () => sent,
    hold() {
      held = [];
      sent = 0;
    },
    release() {
      const waiting = held ?? [];
      held = null;
      for (const { to, data } of waiting) to.write(data);
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}
