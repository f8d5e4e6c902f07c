import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: Record<string, unknown> }[]; extensions?: { cost?: { estimated: number; limit: number } } } | null;
}

const RELEASE_QUERY = '{ release { version } }';

describe('cacheable reads and visible cost', () => {
  const server = useTestServer();
  let version = '';

  async function get(params: Record<string, unknown>, headers: Record<string, string> = {}, path = '/graphql'): Promise<Answer> {
    const url = new URL(path, server.url);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    // A GET needs a header that a cross-site form cannot send (Apollo's CSRF prevention).
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true', ...headers } });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Answer['body']) : null };
  }

  async function post(body: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
  }

  beforeAll(async () => {
    const [release] = await server.db.read("MATCH (r:Release {id: 'release'}) RETURN r.version AS version");
    version = String(release!['version']);
  });

  it('answers a GET with public caching and an ETag of the release, and 304 to a client holding it', async () => {
    const first = await get({ query: RELEASE_QUERY });
    expect(first.status).toBe(200);
    expect(first.body?.data).toEqual({ release: { version } });
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(new RegExp(`^"${version}-`));
    const again = await get({ query: RELEASE_QUERY }, { 'if-none-match': tag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(tag);
    expect(again.body).toBeNull();
    const other = await get({ query: '{ model(id: "esm-2") { name } }' }, { 'if-none-match': tag });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(tag);
  });

  // Red-team, 2026-12-02: both media types had one tag and no Vary, so a shared cache could give one client the other's.
  it('varies a GET answer by Accept: its media type, its tag and Vary say so', async () => {
    const json = await get({ query: RELEASE_QUERY }, { accept: 'application/json' });
    const graphql = await get({ query: RELEASE_QUERY }, { accept: 'application/graphql-response+json' });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(graphql.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    for (const answer of [json, graphql]) expect(answer.headers.get('vary')?.toLowerCase()).toContain('accept');
    expect(json.headers.get('etag')).not.toBe(graphql.headers.get('etag'));
    const held = await get({ query: RELEASE_QUERY }, { accept: 'application/graphql-response+json', 'if-none-match': json.headers.get('etag')! });
    expect(held.status).toBe(200);
    expect(held.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('never caches a POST or an answer with errors', async () => {
    const posted = await post({ query: RELEASE_QUERY });
    expect(posted.headers.get('etag')).toBeNull();
    expect(posted.headers.get('cache-control') ?? '').not.toContain('public');
    const failed = await get({ query: '{ neighborhood(id: "esm-2", depth: 9) { truncated } }' });
    expect(failed.body?.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(failed.headers.get('etag')).toBeNull();
    expect(failed.headers.get('cache-control') ?? '').not.toContain('public');
  });

  it('runs Automatic Persisted Queries: a hash alone over GET once the query is known, cacheable', async () => {
    const query = '{ model(id: "chembl") { id } dataset(id: "chembl") { name } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    const unknown = await get({ extensions });
    expect(unknown.body?.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.headers.get('etag')).toBeNull();
    const registered = await post({ query, extensions });
    const [chembl] = await server.db.read("MATCH (n:Dataset {id: 'chembl'}) RETURN n.name AS name");
    expect(registered.body?.data).toEqual({ model: null, dataset: { name: chembl!['name'] } });
    const byHash = await get({ extensions });
    expect(byHash.body?.data).toEqual(registered.body?.data);
    const tag = byHash.headers.get('etag')!;
    expect(tag).toMatch(new RegExp(`^"${version}-`));
    expect((await get({ extensions }, { 'if-none-match': tag })).status).toBe(304);
  });

  it('reports the node estimate and the limit as extensions.cost on every answer', async () => {
    const small = await post({ query: '{ models(first: 10) { nodes { name } } }' });
    expect(small.body?.extensions?.cost).toEqual({ estimated: expect.any(Number), limit: 500_000 });
    const nested = await post({ query: '{ models(first: 10) { nodes { domains { name } } } }' });
    expect(nested.body?.extensions?.cost?.limit).toBe(500_000);
    // Each model's domains multiply the estimate: it is made before execution, from the query alone.
    expect(nested.body?.extensions?.cost?.estimated).toBeGreaterThan(small.body!.extensions!.cost!.estimated);
    const tooMuch = await post({ query: '{ models(first: 100) { nodes { domains { tasks { models(first: 100) { nodes { name } } } } } } }' });
    expect(tooMuch.body?.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
    expect(tooMuch.body?.extensions?.cost?.estimated).toBe(tooMuch.body?.errors?.[0]?.extensions?.['nodes']);
    const unparsable = await post({ query: '{ model(' });
    expect(unparsable.body?.extensions?.cost).toEqual({ estimated: 0, limit: 500_000 });
  });

  it('estimates a document asked again with other variables by those variables', async () => {
    const query = 'query Page($first: Int) { models(first: $first) { nodes { name } } }';
    const estimate = async (first: number): Promise<number | undefined> =>
      (await post({ query, variables: { first } })).body?.extensions?.cost?.estimated;
    const [five, fifty, fiveAgain] = [await estimate(5), await estimate(50), await estimate(5)];
    expect(fifty).toBe(10 * five!);
    expect(fiveAgain).toBe(five);
  });

  it('tags exports and entity links with the release and answers 304 to a client holding them', async () => {
    for (const [path, accept] of [['/export/croissant.json', '*/*'], ['/entity/esm-2', 'application/json']] as const) {
      const first = await get({}, { accept }, path);
      expect(first.status, path).toBe(200);
      expect(first.headers.get('cache-control')).toBe('public, max-age=300');
      const tag = first.headers.get('etag')!;
      expect(tag).toMatch(new RegExp(`^"${version}-`));
      expect((await get({}, { accept, 'if-none-match': tag }, path)).status, path).toBe(304);
    }
    const missing = await get({}, { accept: 'application/json' }, '/entity/no-such-entity');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('etag')).toBeNull();
  });

  it('sends no rate-limit header fields when the limit is off (the default outside production)', async () => {
    const answer = await post({ query: RELEASE_QUERY });
    expect(answer.headers.get('ratelimit')).toBeNull();
    expect(answer.headers.get('ratelimit-policy')).toBeNull();
  });
});
