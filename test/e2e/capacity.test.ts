import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { startHttpServer, type RunningServer } from '../../src/http-server.js';
import { logger } from '../../src/logger.js';
import { boltRelay, type BoltRelay } from '../bolt-relay.js';
import { TEST_SERVER_ENV, useTestServer } from '../harness.js';
import { testNeo4j } from '../neo4j.js';
import { BUDGET } from '../time.js';

const HEAVY = '{ domains { tasks { models(first: 20) { nodes { name trainedOn { name } evaluatedOn { name } } } } } }';

const SLOTS = { MAX_ACTIVE_REQUESTS: '1', MAX_QUEUED_REQUESTS: '0' };

describe('execution slots (MAX_ACTIVE_REQUESTS=1, MAX_QUEUED_REQUESTS=0)', () => {
  const server = useTestServer(SLOTS);

  it('refuses what arrives while the only slot is busy with SERVER_BUSY, answers the rest in full', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => server.gql<{ domains: unknown[] }>(HEAVY)));
    const refused = responses.filter((r) => r.status === 503);
    const answered = responses.filter((r) => r.status === 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(answered.length).toBeGreaterThan(0);
    expect(refused.length + answered.length).toBe(8);
    for (const r of refused) expect(r.errors?.[0]?.extensions?.code).toBe('SERVER_BUSY');
    for (const r of answered) expect(r.data?.domains).toHaveLength(5);
    // Nothing stays held: the next request is answered.
    const after = await server.gql<{ domains: unknown[] }>('{ domains { id } }');
    expect(after.data?.domains).toHaveLength(5);
  });
});

// The server's Neo4j answers through a relay that holds them back while the test looks: the abandoned request's
// work cannot end before the test lets it, however slow the machine.
describe('a client that hangs up on its request (MAX_ACTIVE_REQUESTS=1, MAX_QUEUED_REQUESTS=0)', () => {
  let relay: BoltRelay | undefined;
  let db: Database | undefined;
  let server: RunningServer | undefined;
  const query = JSON.stringify({ query: '{ models(first: 3, orderBy: [{ field: NAME }]) { nodes { id } } }' });
  const post = () => fetch(server!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
  const until = async (condition: () => boolean | Promise<boolean>): Promise<void> => {
    while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  beforeAll(async () => {
    relay = await boltRelay(testNeo4j().uri);
    db = new Database({
      ...testNeo4j(), uri: relay.uri,
      transactionTimeoutMs: BUDGET.transaction, acquisitionTimeoutMs: BUDGET.connection, maxPoolSize: 10,
    });
    server = await startHttpServer({ db, config: loadConfig({ ...TEST_SERVER_ENV, RESPONSE_CACHE_MB: '0', ...SLOTS }), logger, port: 0 });
  }, BUDGET.hook);

  afterAll(async () => {
    relay?.release();
    await server?.stop();
    await db?.close();
    await relay?.close();
  });

  it('keeps its slot until the work it asked for has ended: hanging up frees none for another request', async () => {
    // Once answered, the release the server reads beside a request is known: what follows reads only the page.
    expect((await post()).status).toBe(200);
    const before = await server!.connections();
    relay!.hold();
    const { port } = new URL(server!.url);
    const client = connect(Number(port), '127.0.0.1', () => {
      client.write(`POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: ${String(Buffer.byteLength(query))}\r\n\r\n${query}`);
    });
    // Its page query is on its way to Neo4j: the request holds the only slot.
    await until(() => relay!.sentWhileHeld() > 0);
    client.destroy();
    await until(async () => (await server!.connections()) === before);

    const meanwhile = await post();
    expect(meanwhile.status).toBe(503);
    expect(((await meanwhile.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('SERVER_BUSY');

    // Its work ends once Neo4j answers; then the slot is free again.
    relay!.release();
    await expect.poll(async () => (await post()).status, { timeout: BUDGET.poll }).toBe(200);
  });
});
