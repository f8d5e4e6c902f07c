import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/db/local-neo4j.js';
import { ensureRelease } from '../../src/db/seeding.js';
import { startHttpServer, type RunningServer } from '../../src/http-server.js';
import { logger } from '../../src/logger.js';

// This test owns its database (the shared one must stay up for the other files), so it runs the local launcher.
describe('a database outage', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'outage-'));
  let boltPort = 0;
  let neo4j: LocalNeo4j | undefined;
  let server: RunningServer | undefined;
  let db: Database | undefined;

  const query = async (text: string): Promise<{ status: number; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } }> => {
    const response = await fetch(server!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text }),
    });
    return { status: response.status, body: (await response.json()) as { data?: unknown } };
  };
  const ready = async (): Promise<number> => (await fetch(new URL('/ready', server!.url))).status;
  const health = async (): Promise<number> => (await fetch(new URL('/health', server!.url))).status;

  beforeAll(async () => {
    boltPort = await freePort();
    neo4j = await startLocalNeo4j({ dataDir, boltPort });
    db = new Database({
      uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j',
      transactionTimeoutMs: 5000, acquisitionTimeoutMs: 2000, maxPoolSize: 10,
    });
    await ensureRelease(db, { timeoutMs: 600_000, staleClaimMs: 0 });
    server = await startHttpServer({ db, config: loadConfig({}), logger, port: 0 });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('fails fast with SERVICE_UNAVAILABLE while Neo4j is down and recovers by itself when it returns', async () => {
    expect(await query('{ model(id: "esm-2") { name } }')).toMatchObject({ status: 200, body: { data: { model: { name: 'ESM-2' } } } });
    expect(await ready()).toBe(200);

    await neo4j!.stop();
    const started = performance.now();
    const down = await query('{ model(id: "esm-2") { name domains { name } } }');
    const elapsed = performance.now() - started;
    expect(down.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(down.body)).not.toMatch(/bolt:|ECONNREFUSED|neo4j-driver/);
    expect(elapsed).toBeLessThan(2500);
    expect(await ready()).toBe(503);
    expect(await health()).toBe(200);

    neo4j = await startLocalNeo4j({ dataDir, boltPort });
    const back = await query('{ model(id: "esm-2") { name domains { name } } }');
    expect(back).toMatchObject({
      status: 200,
      body: { data: { model: { name: 'ESM-2', domains: [{ name: 'Computational Biology' }] } } },
    });
    expect(await ready()).toBe(200);
  }, 120_000);
});
