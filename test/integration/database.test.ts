import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseTimeoutError, DatabaseUnavailableError, Database } from '../../src/db/database.js';
import { testDatabase, testNeo4j } from '../neo4j.js';
import { BUDGET } from '../time.js';

describe('Database', () => {
  const slow = testDatabase({ transactionTimeoutMs: 200 });
  afterAll(() => slow.close());

  it('stops a transaction at its timeout and says so', async () => {
    const started = performance.now();
    await expect(slow.read('UNWIND range(1, 500000000) AS x RETURN sum(x) AS total')).rejects.toBeInstanceOf(DatabaseTimeoutError);
    // The sum would run for minutes; stopped at 200 ms, the error comes well within the fail-fast budget.
    expect(performance.now() - started).toBeLessThan(BUDGET.failFast);
  });

  it('counts every round trip on the request counter', async () => {
    const counter = { cypherQueries: 0 };
    const reader = slow.reader(counter);
    await reader.read('RETURN 1 AS one');
    await reader.read('RETURN $n AS n', { n: 2 });
    expect(counter.cypherQueries).toBe(2);
  });

  it("starts a read without formatting its call site's stack, and leaves the stack trace limit as it was", async () => {
    const limit = Error.stackTraceLimit;
    const failed: unknown = await slow.read('RETURN 1 +').catch((error: unknown) => error);
    // Neo4j's own error, its code and message intact; the driver put no frames of where the read began into it.
    expect(failed).toMatchObject({ code: 'Neo.ClientError.Statement.SyntaxError' });
    expect((failed as Error).stack).not.toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(limit);
    await slow.read('RETURN 1 AS one');
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it('reports an unreachable database as unavailable within the connect timeout', async () => {
    const nowhere = new Database({
      uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: '', database: 'neo4j',
      transactionTimeoutMs: 1000, acquisitionTimeoutMs: 1000, maxPoolSize: 1,
    });
    await expect(nowhere.read('RETURN 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await nowhere.close();
  });

  it('reads through the neo4j:// scheme: routed to the readers of the routing table, by a single instance too', async () => {
    const { uri, ...rest } = testNeo4j();
    const routed = new Database({
      ...rest,
      uri: uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:'),
      transactionTimeoutMs: BUDGET.transaction,
      acquisitionTimeoutMs: BUDGET.connection,
      maxPoolSize: 2,
    });
    try {
      expect(routed.uri).toMatch(/^neo4j(\+s|\+ssc)?:\/\//);
      // What a neo4j:// driver is told: the instance's own Bolt address serves reads (and writes and routing),
      // so READ sessions are sent there; a cluster lists its followers and secondaries as READ instead.
      const [table] = await routed.read("CALL dbms.routing.getRoutingTable({}, 'neo4j') YIELD servers RETURN servers");
      const servers = table?.['servers'] as { role: string; addresses: string[] }[];
      expect(servers.find((server) => server.role === 'READ')?.addresses).toEqual([new URL(uri).host]);
      const [direct] = await slow.read('MATCH (m:Model) RETURN count(m) AS models');
      const [viaRouting] = await routed.read('MATCH (m:Model) RETURN count(m) AS models');
      expect(viaRouting).toEqual(direct);
      expect(Number(viaRouting?.['models'])).toBeGreaterThan(0);
    } finally {
      await routed.close();
    }
  });
});
