import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startHttpServer } from '../../src/http-server.js';
import { capturedLogger, TEST_SERVER_ENV, useTestServer, type TestServer } from '../harness.js';
import { testDatabase } from '../neo4j.js';
import { TestRedis } from '../redis.js';
import { BUDGET } from '../time.js';

interface Limited {
  status: number;
  /** The RateLimit field's r (whole tokens left) and t (seconds), absent when the field does not say. */
  remaining: number | null;
  reset: number | null;
  headers: Headers;
  body: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[]; extensions?: { cost?: { estimated: number } } };
}

const CHEAP = '{ release { version } }';
// 20 models, 20 domains each assumed: a few hundred estimated nodes, a few tokens.
const MEDIUM = '{ models(first: 20) { nodes { domains { name } } } }';
// 100 models, 20 domains each assumed, 20 tasks each: tens of thousands of estimated nodes, a full bucket.
const EXPENSIVE = '{ models(first: 100) { nodes { domains { tasks { name } } } } }';

function parameter(field: string | null, name: string): number | null {
  const value = new RegExp(`;${name}=(\\d+)`).exec(field ?? '')?.[1];
  return value === undefined ? null : Number(value);
}

async function limited(response: Response): Promise<Limited> {
  const field = response.headers.get('ratelimit');
  return { status: response.status, remaining: parameter(field, 'r'), reset: parameter(field, 't'), headers: response.headers, body: (await response.json()) as Limited['body'] };
}

function asker(server: TestServer): (query: string, headers?: Record<string, string>) => Promise<Limited> {
  return async (query, headers = {}) =>
    limited(await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) }));
}

function expectRefused(refused: Limited): number {
  expect(refused.status).toBe(429);
  expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
  const retryAfter = Number(refused.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  // The draft: Retry-After never names a moment before the reset parameter.
  expect(refused.reset).toBe(retryAfter);
  return retryAfter;
}

describe('rate limits: a token bucket per client', () => {
  // 12 tokens refilled over an hour: one every 300 s, so no token comes back while these tests run.
  const server = useTestServer({
    RATE_LIMIT: 'true',
    RATE_LIMIT_POINTS: '12',
    RATE_LIMIT_WINDOW_S: '3600',
    RATE_LIMIT_EXPORT_POINTS: '6',
    API_KEYS: 'weighted,spent,exports,subgraph,twin,own,spelled,subgraph-spelled,mcp,suggested,weighed-suggested,linked,linked-known,link-refused,mcp-suggested',
  });
  const ask = asker(server);

  it('takes tokens by cost: one for a cheap query, one per 100 estimated nodes for a dearer one', async () => {
    const key = { 'x-api-key': 'weighted' };
    const cheap = await ask(CHEAP, key);
    expect(cheap.status).toBe(200);
    expect(cheap.headers.get('ratelimit-policy')).toBe('"default";q=12;w=3600');
    expect(cheap.remaining).toBe(11);
    expect(cheap.reset).toBeGreaterThan(0);
    const medium = await ask(MEDIUM, key);
    expect(medium.status).toBe(200);
    const tokens = Math.ceil(medium.body.extensions!.cost!.estimated / 100);
    expect(tokens).toBeGreaterThan(1);
    expect(medium.remaining).toBe(11 - tokens);
  });

  it('tells an MCP client what its tool call took, not only the token at the door', async () => {
    const call = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'graphql', arguments: { query: MEDIUM } } };
    const response = await fetch(new URL('/mcp', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-api-key': 'mcp' },
      body: JSON.stringify(call),
    });
    const { result } = (await response.json()) as { result: { structuredContent: { extensions: { cost: { estimated: number } } } } };
    const tokens = Math.ceil(result.structuredContent.extensions.cost.estimated / 100);
    expect(tokens).toBeGreaterThan(1);
    expect(response.headers.get('ratelimit-policy')).toBe('"default";q=12;w=3600');
    expect(parameter(response.headers.get('ratelimit'), 'r')).toBe(12 - tokens);
  });

  it("charges an unknown id's suggestion after the answer, draining what the bucket holds when it holds less", async () => {
    const key = { 'x-api-key': 'suggested' };
    // The estimate foresees one entity; the search for what "esm2" meant costs what resolving it would: 7 tokens.
    const suggested = await ask('{ node(id: "esm2") { id } }', key);
    expect(suggested.status).toBe(200);
    expect(suggested.body.extensions).toMatchObject({ warnings: [{ code: 'UNKNOWN_ID', suggestion: 'esm-2' }] });
    expect(suggested.remaining).toBe(12 - 1 - 7);
    // Another unknown id, near no name, is searched all the same: its 7 tokens take the 3 left after the door's.
    const unmatched = await ask('{ node(id: "zqx1") { id } }', key);
    expect(unmatched.status).toBe(200);
    expect(unmatched.remaining).toBe(0);
    expectRefused(await ask(CHEAP, key));
  });

  it('takes the suggestion after the tokens of the estimate', async () => {
    const both = await ask('{ node(id: "esm2") { id } models(first: 20) { nodes { domains { name } } } }', { 'x-api-key': 'weighed-suggested' });
    expect(both.status).toBe(200);
    const tokens = Math.ceil(both.body.extensions!.cost!.estimated / 100);
    expect(tokens).toBeGreaterThan(1);
    expect(both.remaining).toBe(12 - tokens - 7);
  });

  it("tells an MCP client what its tool call's suggestion took", async () => {
    const call = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'graphql', arguments: { query: '{ node(id: "esm2") { id } }' } } };
    const response = await fetch(new URL('/mcp', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-api-key': 'mcp-suggested' },
      body: JSON.stringify(call),
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('esm-2');
    expect(parameter(response.headers.get('ratelimit'), 'r')).toBe(12 - 1 - 7);
  });

  it("tells an entity link's client what its suggestion took", async () => {
    const link = (id: string, key: string) => fetch(new URL(`/entity/${id}`, server.url), { headers: { 'x-api-key': key, accept: 'application/json' } });
    const known = await link('esm-2', 'linked-known');
    expect(known.status).toBe(200);
    const left = parameter(known.headers.get('ratelimit'), 'r')!;
    const unknown = await link('esm2', 'linked');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ errors: [{ extensions: { suggestion: 'esm-2' } }] });
    expect(parameter(unknown.headers.get('ratelimit'), 'r')).toBe(left - 7);
  });

  it('refuses an entity link whose operation the bucket cannot cover with 429 and Retry-After', async () => {
    const key = { 'x-api-key': 'link-refused' };
    let last = await ask(CHEAP, key);
    while (last.remaining! > 1) last = await ask(CHEAP, key);
    // The door takes the last token; the operation of an entity link takes one more.
    const refused = await fetch(new URL('/entity/esm-2', server.url), { headers: { ...key, accept: 'application/json' } });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(parameter(refused.headers.get('ratelimit'), 't')).toBe(Number(refused.headers.get('retry-after')));
  });

  it('refuses an operation the bucket cannot cover with 429 and Retry-After, charging only its token at the door', async () => {
    const key = { 'x-api-key': 'spent' };
    expect((await ask(CHEAP, key)).remaining).toBe(11);
    const expensive = await ask(EXPENSIVE, key);
    const retryAfter = expectRefused(expensive);
    expect(expensive.body.data).toBeUndefined();
    // It takes a full bucket, 11 tokens beyond its door token, and 10 are left: one more token, 300 s at most.
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(expensive.remaining).toBe(10);
    expect((await ask(CHEAP, key)).remaining).toBe(9);
  });

  it('refuses every request once the bucket is empty, the exports included', async () => {
    let last = await ask(CHEAP);
    while (last.status === 200) last = await ask(CHEAP);
    expectRefused(last);
    expect(last.remaining).toBe(0);
    const exportRefused = await fetch(new URL('/export/graph.jsonl', server.url));
    expect(exportRefused.status).toBe(429);
    expect(Number(exportRefused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('charges a whole-graph export RATE_LIMIT_EXPORT_POINTS tokens', async () => {
    const key = { 'x-api-key': 'exports' };
    const descriptor = await fetch(new URL('/export/croissant.json', server.url), { headers: key });
    expect(parameter(descriptor.headers.get('ratelimit'), 'r')).toBe(11);
    const whole = await fetch(new URL('/export/graph.graphml', server.url), { headers: key });
    expect(whole.status).toBe(200);
    expect(parameter(whole.headers.get('ratelimit'), 'r')).toBe(5);
    await whole.arrayBuffer();
    const again = await fetch(new URL('/export/graph.graphml', server.url), { headers: key });
    expect(again.status).toBe(429);
  });

  it('charges an export the same whatever the case of its path, as Express routes it', async () => {
    const whole = await fetch(new URL('/Export/GRAPH.graphml', server.url), { headers: { 'x-api-key': 'spelled' } });
    expect(whole.status).toBe(200);
    expect(parameter(whole.headers.get('ratelimit'), 'r')).toBe(6);
    await whole.arrayBuffer();
    // Dearer than a whole bucket (see below), so it takes all of a full one.
    const subgraph = await fetch(new URL('/EXPORT/Subgraph.json?around=medical-imaging&depth=3', server.url), { headers: { 'x-api-key': 'subgraph-spelled' } });
    expect(subgraph.status).toBe(200);
    expect(parameter(subgraph.headers.get('ratelimit'), 'r')).toBe(0);
  });

  it('charges a subgraph export what the same subgraph costs over GraphQL, and a refused one a token', async () => {
    const key = { 'x-api-key': 'subgraph' };
    const twin = await ask('{ neighborhood(id: "medical-imaging", depth: 3) { nodes { id } edges { type } truncated } }', { 'x-api-key': 'twin' });
    // The twin's estimate (its traversal's database work) is beyond a whole bucket of 12 tokens of 100 nodes.
    expect(twin.body.extensions!.cost!.estimated).toBeGreaterThan(1200);
    expect(twin.remaining).toBe(0);
    const refused = await fetch(new URL('/export/subgraph.json?around=medical-imaging&depth=9', server.url), { headers: key });
    expect(refused.status).toBe(400);
    expect(parameter(refused.headers.get('ratelimit'), 'r')).toBe(11);
    const tooDear = await fetch(new URL('/export/subgraph.json?around=medical-imaging&depth=3', server.url), { headers: key });
    expectRefused(await limited(tooDear));
  });

  it('gives each known API key its own bucket and refuses an unknown key', async () => {
    const keyed = await ask(CHEAP, { 'x-api-key': 'own' });
    expect(keyed.status).toBe(200);
    expect(keyed.remaining).toBe(11);
    const unknown = await ask(CHEAP, { 'x-api-key': 'not-a-key' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('rate limits: tokens come back', () => {
  // One token, back 2 s after it is taken.
  const server = useTestServer({ RATE_LIMIT: 'true', RATE_LIMIT_POINTS: '1', RATE_LIMIT_WINDOW_S: '2' });
  const ask = asker(server);

  it('serves a refused client again once it has waited Retry-After seconds', async () => {
    let last = await ask(CHEAP);
    // Two requests within 2 s empty the bucket (each loop turn is one more try, however slow the machine).
    while (last.status === 200) last = await ask(CHEAP);
    const retryAfter = expectRefused(last);
    expect(retryAfter).toBeLessThanOrEqual(2);
    // The wait is the server's own Retry-After: any longer wait leaves the token there all the same.
    await sleep(retryAfter * 1000);
    const served = await ask(CHEAP);
    expect(served.status).toBe(200);
    expect(served.remaining).toBe(0);
  });
});

describe('rate limits shared through Redis: two replicas, one bucket per client', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await TestRedis.start();
  }, BUDGET.hook);
  // Registered before the servers' hooks, so it runs after theirs (after-hooks run in reverse): Redis stops last.
  afterAll(() => redis?.stop());
  const env = (): Record<string, string> => ({
    RATE_LIMIT: 'true',
    RATE_LIMIT_POINTS: '12',
    RATE_LIMIT_WINDOW_S: '3600',
    RATE_LIMIT_REDIS_URL: redis.url,
    API_KEYS: 'alternating,spent-on-one,suggested-on-one,outage,frozen',
  });
  const oneLog = capturedLogger();
  const one = asker(useTestServer(env, { logger: oneLog.logger }));
  const other = asker(useTestServer(env));
  const outageLines = (): unknown[] => oneLog.lines.filter((line) => String(line['msg']).startsWith('rate limit: Redis ')).map((line) => line['msg']);

  it("takes every replica's tokens from the one bucket of a client", async () => {
    const key = { 'x-api-key': 'alternating' };
    expect((await one(CHEAP, key)).remaining).toBe(11);
    expect((await other(CHEAP, key)).remaining).toBe(10);
    expect((await one(CHEAP, key)).remaining).toBe(9);
  });

  it('refuses on one replica a client that spent its bucket on the other', async () => {
    const key = { 'x-api-key': 'spent-on-one' };
    const expensive = await one(EXPENSIVE, key);
    expect(expensive.status).toBe(200);
    expect(expensive.remaining).toBe(0);
    expectRefused(await other(CHEAP, key));
  });

  it("drains the shared bucket for an unknown id's suggestion", async () => {
    const key = { 'x-api-key': 'suggested-on-one' };
    expect((await one('{ node(id: "esm2") { id } }', key)).remaining).toBe(12 - 1 - 7);
    expect((await other(CHEAP, key)).remaining).toBe(3);
  });

  it('closes its connection to Redis when the server stops', async () => {
    const db = testDatabase();
    try {
      await redis.withClient(async (client) => {
        const connections = async (): Promise<number> => String(await client.client('LIST')).trim().split('\n').length;
        const before = await connections();
        const third = await startHttpServer({ db, config: loadConfig({ ...TEST_SERVER_ENV, ...env() }), logger: capturedLogger().logger, port: 0 });
        try {
          expect(await connections()).toBe(before + 1);
        } finally {
          await third.stop();
        }
        await expect.poll(connections, { timeout: BUDGET.poll }).toBe(before);
      });
    } finally {
      await db.close();
    }
  });

  it('keeps hashes of the clients in Redis, never their API keys', async () => {
    const keys = await redis.withClient((client) => client.keys('*'));
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const key of keys) expect(key).toMatch(/^biofm-graph:rate-limit:[\w-]{43}$/);
  });

  it('refuses requests with 503 SERVICE_UNAVAILABLE while Redis is down, and serves them again once it is back', async () => {
    const key = { 'x-api-key': 'outage' };
    expect((await one(CHEAP, key)).status).toBe(200);
    await redis.stop();
    const refused = await one(CHEAP, key);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body.errors?.[0]).toMatchObject({ message: "The rate limit's store does not answer; try again shortly.", extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect((await other(CHEAP, key)).status).toBe(503);
    await redis.restart();
    // The replicas reconnect by themselves. The new Redis holds no buckets: the client's is full again.
    await expect.poll(async () => (await one(CHEAP, key)).status, { timeout: BUDGET.poll, interval: 200 }).toBe(200);
    await expect.poll(async () => (await other(CHEAP, key)).status, { timeout: BUDGET.poll, interval: 200 }).toBe(200);
    // The outage is logged where it begins and where it ends, not for every refused request (besides the
    // connection's own errors, "rate limit: Redis unreachable").
    expect(outageLines().filter((msg) => msg !== 'rate limit: Redis unreachable')).toEqual([
      'rate limit: Redis does not answer; requests are refused until it does',
      'rate limit: Redis answers again',
    ]);
  });

  it('refuses requests with 503 when Redis keeps its connections but stops answering, instead of holding them', async () => {
    const key = { 'x-api-key': 'frozen' };
    expect((await one(CHEAP, key)).status).toBe(200);
    redis.freeze();
    try {
      // A take waits for Redis's answer for RATE_LIMIT_REDIS_TIMEOUT_MS, then gives up.
      const refused = await one(CHEAP, key);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
      expect((await other(CHEAP, key)).status).toBe(503);
    } finally {
      redis.thaw();
    }
    await expect.poll(async () => (await one(CHEAP, key)).status, { timeout: BUDGET.poll, interval: 200 }).toBe(200);
    await expect.poll(async () => (await other(CHEAP, key)).status, { timeout: BUDGET.poll, interval: 200 }).toBe(200);
  });
});
