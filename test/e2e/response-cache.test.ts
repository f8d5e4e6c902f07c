import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: Record<string, unknown> }[];
    extensions?: { cypherQueries?: number; cost?: unknown; warnings?: unknown[] };
  };
}

/** The tokens left in the client's budget, from the `ratelimit` header. */
const remaining = (answer: Answer): number => Number(/;r=(\d+);/.exec(answer.headers.get('ratelimit') ?? '')?.[1]);

describe('the response cache', () => {
  const server = useTestServer({ RESPONSE_CACHE_MB: '1', RATE_LIMIT: 'true', RATE_LIMIT_POINTS: '1000' });

  async function post(query: string, variables?: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
  }

  async function get(query: string): Promise<Answer> {
    const url = new URL(server.url);
    url.searchParams.set('query', query);
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
  }

  it('answers a read asked again from memory: the same data and cost, no Cypher, no Age, the rate limit charged', async () => {
    const query = '{ model(id: "esm-2") { name domains { name tasks { name } } } }';
    const before = remaining(await post('{ release { version } }'));
    const first = await post(query);
    const again = await post(query);
    expect(first.body.extensions?.cypherQueries).toBeGreaterThan(0);
    expect(again.body.extensions?.cypherQueries).toBe(0);
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual(first.body.data);
    expect(again.body.extensions?.cost).toEqual(first.body.extensions?.cost);
    // An entry is as fresh as its release: an Age would make a CDN throw a GET answer away early.
    expect(again.headers.get('age')).toBeNull();
    // A POST stays uncacheable over HTTP, remembered or not.
    expect(again.headers.get('cache-control') ?? '').not.toContain('public');
    // The rate limit charges the estimate, whether the answer is computed or remembered.
    expect(remaining(first) - remaining(again)).toBe(before - remaining(first));
    expect(before - remaining(first)).toBeGreaterThan(0);
  });

  it('never answers a number JSON cannot hold (1e400) with the entry of null', async () => {
    // Red-team pass, 2026-12-02: JSON.stringify writes Infinity as null, so the key of 1e400 was the key of null.
    const query = 'query Infinite($f: Int) { models(first: $f) { totalCount } }';
    await post(query, { f: null });
    const cached = await post(query, { f: null });
    expect(cached.body.extensions?.cypherQueries).toBe(0);
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"query":"${query}","variables":{"f":1e400}}` });
    const body = (await response.json()) as Answer['body'];
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('keys by the document as parsed, the operation and the variables', async () => {
    const query = 'query Named($id: ID!) { model(id: $id) { name year } }';
    const first = await post(query, { id: 'esm-2' });
    const respaced = await post(`# the same operation, written differently\nquery  Named( $id : ID! ) {\n  model(id: $id) { name, year }\n}`, { id: 'esm-2' });
    expect(respaced.body.extensions?.cypherQueries).toBe(0);
    expect(respaced.body.data).toEqual(first.body.data);
    const other = await post(query, { id: 'biogpt' });
    expect(other.body.extensions?.cypherQueries).toBeGreaterThan(0);
    const [row] = await server.db.read('MATCH (m:Model {id: $id}) RETURN m.name AS name', { id: 'biogpt' });
    expect(other.body.data).toEqual({ model: { name: row!['name'], year: expect.any(Number) as number } });
  });

  it('keeps no answer with errors or warnings', async () => {
    const failing = '{ model(id: "esm-2") { name } neighborhood(id: "esm-2", depth: 9) { truncated } }';
    const warned = '{ tasks(domain: "no-such-domain") { id } domains { id } }';
    for (const query of [failing, warned]) {
      const first = await post(query);
      const again = await post(query);
      expect(again.body.extensions?.cypherQueries).toBe(first.body.extensions?.cypherQueries);
      expect(again.body.extensions?.cypherQueries).toBeGreaterThan(0);
      expect(again.body).toEqual(first.body);
    }
    expect((await post(failing)).body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((await post(warned)).body.extensions?.warnings).toHaveLength(1);
  });

  it('tags a GET answered from memory as any other: public caching and the same ETag', async () => {
    const query = '{ domains { id name } }';
    const first = await get(query);
    const again = await get(query);
    expect(again.body.extensions?.cypherQueries).toBe(0);
    expect(again.body.data).toEqual(first.body.data);
    expect(again.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    expect(again.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('age')).toBeNull();
  });
});
