import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/db/local-neo4j.js';
import { ensureRelease } from '../../src/db/seeding.js';
import { startHttpServer, type RunningServer } from '../../src/http-server.js';
import { logger } from '../../src/logger.js';
import { BUDGET } from '../time.js';

const CYPHER_TIMEOUT_MS = 5000;
/** Generous, for a busy machine: how long past the stall deadline an answer may take. */
const STALL_BOUND_MS = 4000;
/** Generous: /ready gives up on the database after 800 ms; the rest is HTTP on a busy machine. */
const READY_BOUND_MS = 2000;

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
    neo4j = await startLocalNeo4j({ dataDir, boltPort, startTimeoutMs: BUDGET.neo4jStart, compiler: 'quick' });
    db = new Database({
      uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j',
      transactionTimeoutMs: CYPHER_TIMEOUT_MS, acquisitionTimeoutMs: 2000, maxPoolSize: 10,
    });
    // The seeding has its own, generous timeout; the stall deadline under test follows the 5 s Cypher timeout.
    await ensureRelease(db, { timeoutMs: BUDGET.hook, staleClaimMs: 0 });
    // The answers must come from Neo4j: a whole answer cached before the outage would hide it.
    server = await startHttpServer({ db, config: loadConfig({ RESPONSE_CACHE_MB: '0' }), logger, port: 0 });
  }, BUDGET.neo4jStart + 2 * BUDGET.hook);

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives up on a frozen Neo4j at the stall deadline, answers /ready within a second, and recovers when it thaws', async () => {
    expect(await ready()).toBe(200);
    const pid = neo4j!.pid;
    process.kill(pid, 'SIGSTOP');
    onTestFinished(() => void process.kill(pid, 'SIGCONT'));

    // Ten paths are ten queries (and nullable: each fails on its own); once the first ones meet the deadline, the
    // rest of the request fails at once instead of waiting its turn to meet it too.
    const paths = `{ ${Array.from({ length: 10 }, (_, i) => `p${String(i)}: path(from: "esm-2", to: "chembl-${String(i)}") { length }`).join(' ')} }`;
    let started = performance.now();
    const frozen = await query(paths);
    const elapsed = performance.now() - started;
    const codes = (frozen.body.errors ?? []).map((error) => error.extensions?.code);
    expect(codes).toHaveLength(10);
    expect(new Set(codes)).toEqual(new Set(['SERVICE_UNAVAILABLE']));
    expect(elapsed).toBeLessThan(db!.stallDeadlineMs + STALL_BOUND_MS);

    started = performance.now();
    expect(await ready()).toBe(503);
    const readyElapsed = performance.now() - started;
    expect(readyElapsed).toBeLessThan(READY_BOUND_MS);
    expect(await health()).toBe(200);
    console.info(`frozen Neo4j: 10 paths answered SERVICE_UNAVAILABLE after ${String(Math.round(elapsed))} ms, /ready 503 after ${String(Math.round(readyElapsed))} ms`);

    process.kill(pid, 'SIGCONT');
    started = performance.now();
    for (;;) {
      const back = await query('{ model(id: "esm-2") { name } }');
      if ((back.body.data as { model?: { name: string } } | undefined)?.model?.name === 'ESM-2') break;
      expect(performance.now() - started).toBeLessThan(30_000);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    console.info(`thawed Neo4j: answering again after ${String(Math.round(performance.now() - started))} ms`);
    expect(await ready()).toBe(200);
  }, 120_000);

  it('fails fast with SERVICE_UNAVAILABLE while Neo4j is down and recovers by itself when it returns', async () => {
    expect(await query('{ model(id: "esm-2") { name } }')).toMatchObject({ status: 200, body: { data: { model: { name: 'ESM-2' } } } });
    expect(await ready()).toBe(200);

    await neo4j!.stop();
    const started = performance.now();
    const down = await query('{ model(id: "esm-2") { name domains { name } } }');
    const elapsed = performance.now() - started;
    expect(down.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(down.body)).not.toMatch(/bolt:|ECONNREFUSED|neo4j-driver/);
    expect(elapsed).toBeLessThan(BUDGET.failFast);
    expect(await ready()).toBe(503);
    expect(await health()).toBe(200);

    neo4j = await startLocalNeo4j({ dataDir, boltPort, startTimeoutMs: BUDGET.neo4jStart, compiler: 'quick' });
    // Nothing is restarted by hand: the server answers again by itself. The first queries of a Neo4j just started
    // may run past the 5 s Cypher timeout on a busy machine (a cold JVM plans slowly), so it is asked until it does.
    const back = () => query('{ model(id: "esm-2") { name domains { name } } }');
    await expect.poll(back, { timeout: BUDGET.poll, interval: 500 }).toMatchObject({
      status: 200,
      body: { data: { model: { name: 'ESM-2', domains: [{ name: 'Computational Biology' }] } } },
    });
    expect(await ready()).toBe(200);
  }, BUDGET.neo4jStart + BUDGET.poll + BUDGET.test);
});
