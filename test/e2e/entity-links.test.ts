import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

describe('stable entity links', () => {
  const server = useTestServer();
  const origin = (): string => new URL(server.url).origin;

  it('redirects a browser to the explorer centred on the entity', async () => {
    const response = await fetch(new URL('/entity/esm-2', server.url), { headers: { accept: 'text/html,application/xhtml+xml' }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${origin()}/explore?id=esm-2`);
    expect(response.headers.get('link')).toBe(`<${origin()}/entity/esm-2>; rel="canonical"`);
  });

  it('answers JSON with the entity and its links', async () => {
    const response = await fetch(new URL('/entity/chembl', server.url), { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('vary')?.toLowerCase()).toContain('accept');
    const body = (await response.json()) as { entity: Record<string, unknown>; links: Record<string, string> };
    const [chembl] = await server.db.read("MATCH (n:Dataset {id: 'chembl'}) RETURN n.name AS name, n.url AS url");
    expect(body.entity).toMatchObject({ __typename: 'Dataset', id: 'chembl', name: chembl!['name'], url: chembl!['url'] });
    expect(body.links).toEqual({
      self: `${origin()}/entity/chembl`,
      explorer: `${origin()}/explore?id=chembl`,
      graphml: `${origin()}/export/subgraph.graphml?around=chembl`,
      cytoscape: `${origin()}/export/subgraph.cyjs?around=chembl`,
      json: `${origin()}/export/subgraph.json?around=chembl`,
    });
    for (const link of Object.values(body.links).filter((url) => url.includes('/export/'))) {
      expect((await fetch(link)).status, link).toBe(200);
    }
  });

  it('takes an id in any case and links to its own (lowercase) form, whose exports answer', async () => {
    const response = await fetch(new URL('/entity/ESM-2', server.url), { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toBe(`<${origin()}/entity/esm-2>; rel="canonical"`);
    const body = (await response.json()) as { entity: { id: string; name: string }; links: Record<string, string> };
    expect(body.entity).toMatchObject({ id: 'esm-2', name: 'ESM-2' });
    expect(body.links['self']).toBe(`${origin()}/entity/esm-2`);
    expect(body.links['json']).toBe(`${origin()}/export/subgraph.json?around=esm-2`);
    const browser = await fetch(new URL('/entity/ESM-2', server.url), { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(browser.headers.get('location')).toBe(`${origin()}/explore?id=esm-2`);
  });

  it('shows a model\'s benchmark results and a benchmark\'s leaderboards', async () => {
    const [stored] = await server.db.read(
      'MATCH (m:Model)-[:ACHIEVED]->(r:Result)-[:ON]->(d:Dataset) WITH m, d, count(r) AS results ORDER BY results DESC, m.id LIMIT 1 RETURN m.id AS model, d.id AS dataset, COUNT { (m)-[:ACHIEVED]->() } AS modelResults, COUNT { (d)<-[:ON]-() } AS datasetResults',
    );
    const read = async (id: unknown): Promise<Record<string, unknown>> =>
      ((await (await fetch(new URL(`/entity/${String(id)}`, server.url), { headers: { accept: 'application/json' } })).json()) as { entity: Record<string, unknown> }).entity;
    const model = (await read(stored!['model'])) as { results: { rank: number; dataset: { id: string } }[] };
    expect(model.results).toHaveLength(Number(stored!['modelResults']));
    expect(model.results.map((result) => result.dataset.id)).toContain(stored!['dataset']);
    const dataset = (await read(stored!['dataset'])) as { leaderboards: { totalCount: number }[] };
    expect(dataset.leaderboards.reduce((sum, board) => sum + board.totalCount, 0)).toBe(Number(stored!['datasetResults']));
  });

  // Red-team, 2026-12-02: the Host header went into Link and Location as it came, so one could add link relations.
  it('makes no links of a Host header that is no host', async () => {
    const asked = (host: string, accept: string) =>
      new Promise<{ status: number; link: string; location: string }>((resolve, reject) => {
        const url = new URL('/entity/esm-2', server.url);
        request(url, { headers: { host, accept } }, (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0, link: String(response.headers.link ?? ''), location: String(response.headers.location ?? '') });
        })
          .on('error', reject)
          .end();
      });
    const injected = await asked('evil.example>; rel="next", <http://x', 'application/json');
    expect(injected.status).toBe(200);
    expect(injected.link).toBe('<http://localhost/entity/esm-2>; rel="canonical"');
    const redirected = await asked('evil.example>; rel="next", <http://x', 'text/html');
    expect(redirected.location).toBe('http://localhost/explore?id=esm-2');
    // A host with a port is the request's own origin.
    expect((await asked('graph.example:8080', 'application/json')).link).toBe('<http://graph.example:8080/entity/esm-2>; rel="canonical"');
  });

  // Red-team, 2026-12-03: an Accept that allows neither JSON nor HTML was answered JSON.
  it('answers an Accept that allows neither JSON nor HTML with a JSON 406 NOT_ACCEPTABLE that is not cached', async () => {
    const response = await fetch(new URL('/entity/esm-2', server.url), { headers: { accept: 'image/png' } });
    expect(response.status).toBe(406);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect(await response.json()).toEqual({
      errors: [{ message: 'This path is served as application/json or text/html; the Accept header allows none of them: "image/png".', extensions: { code: 'NOT_ACCEPTABLE' } }],
    });
  });

  it.each([['*/*', { accept: '*/*' }], ['no Accept header', {}]])('answers JSON to %s', async (_name, headers) => {
    const response = await server.raw({ method: 'GET', path: '/entity/esm-2', headers });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ entity: { id: 'esm-2' } });
  });

  it('names the entity probably meant by an unknown id, with its link, and only the id when none is near', async () => {
    const response = await fetch(new URL('/entity/ESM2', server.url), { headers: { accept: 'application/json' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: `No entity has the id "ESM2"; did you mean "esm-2" (${new URL('/entity/esm-2', server.url).href})?`,
          extensions: { code: 'NOT_FOUND', suggestion: 'esm-2' },
        },
      ],
    });
    const farFromAny = await fetch(new URL('/entity/no-such-entity', server.url), { headers: { accept: 'application/json' } });
    expect(await farFromAny.json()).toEqual({ errors: [{ message: 'No entity has the id "no-such-entity".', extensions: { code: 'NOT_FOUND' } }] });
  });

  it.each(['/entity/no-such-entity', '/entity/'])('answers %s with a JSON 404 NOT_FOUND that is not cached', async (path) => {
    const response = await fetch(new URL(path, server.url), { headers: { accept: 'application/json' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });
});

describe('stable entity links behind a public URL', () => {
  const server = useTestServer({ PUBLIC_URL: 'https://biofm.example.org/' });

  it('makes canonical links from PUBLIC_URL', async () => {
    const response = await fetch(new URL('/entity/esm-2', server.url), { headers: { accept: 'application/json' } });
    expect(response.headers.get('link')).toBe('<https://biofm.example.org/entity/esm-2>; rel="canonical"');
    expect(((await response.json()) as { links: { explorer: string } }).links.explorer).toBe('https://biofm.example.org/explore?id=esm-2');
  });
});
