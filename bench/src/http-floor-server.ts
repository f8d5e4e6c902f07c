/**
 * The benchmark's HTTP floor: each operation's hand-written Cypher (the floor's) behind the plainest Node HTTP
 * handler, answering with the same JSON, so the table shows what the GraphQL layer costs on top of HTTP, the
 * driver and JSON. POST /<operation> with the Cypher's parameters as the JSON body. Env: NEO4J_URI, PORT.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { Database } from '../../src/db/database.js';
import { OPERATIONS } from './operations.js';
import { onStopSignal } from './stop-signal.js';

// The same driver settings as the server under test gets from the runner.
const db = new Database({
  uri: process.env['NEO4J_URI'] ?? 'bolt://127.0.0.1:7687',
  user: 'neo4j',
  password: '',
  database: 'neo4j',
  transactionTimeoutMs: Number(process.env['CYPHER_TIMEOUT_MS'] ?? 5000),
  acquisitionTimeoutMs: Number(process.env['DB_ACQUISITION_TIMEOUT_MS'] ?? 2000),
  maxPoolSize: Number(process.env['DB_MAX_POOL_SIZE'] ?? 50),
});
const floors = new Map(OPERATIONS.map((op) => [`/${op.name}`, op.floor]));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer((req, res) => {
  const floor = floors.get(req.url ?? '');
  if (req.method !== 'POST' || !floor) {
    res.writeHead(404).end();
    return;
  }
  readBody(req)
    .then(async (body) => {
      const rows = await db.read(floor.cypher, JSON.parse(body) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(floor.payload(rows)));
    })
    .catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
});
server.listen(Number(process.env['PORT'] ?? 4101), () => {
  console.log(`http floor ready on port ${String(process.env['PORT'] ?? 4101)}`);
});
onStopSignal(async () => {
  server.close();
  await db.close();
});
