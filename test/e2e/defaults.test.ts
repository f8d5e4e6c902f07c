import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';
import { EXPECTED_STATS } from '../expected.js';

describe('production defaults', () => {
  const server = useTestServer({ NODE_ENV: 'production', QUERY_STATS: 'false' });

  it('refuses introspection', async () => {
    const response = await server.gql('{ __schema { queryType { name } } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
  });

  it('allows no cross-origin browser request and serves no pages', async () => {
    const preflight = await fetch(server.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://explorer.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://explorer.example' },
      body: JSON.stringify({ query: '{ stats { models } }' }),
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(new URL('/', server.url))).status).toBe(404);
    expect((await fetch(new URL('/explore', server.url))).status).toBe(404);
    expect((await fetch(server.url, { headers: { accept: 'text/html' } })).headers.get('content-type')).not.toMatch(/html/);
  });

  it('sends the security headers with every answer', async () => {
    const answer = await fetch(new URL('/health', server.url));
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('strict-transport-security')).toBeNull();
  });

  it('gives no field suggestions and no query statistics', async () => {
    const response = await server.gql('{ modelz { id } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const ok = await server.gql('{ stats { models } }');
    expect(ok.data).toEqual({ stats: { models: EXPECTED_STATS.models } });
    expect(ok.extensions?.cypherQueries).toBeUndefined();
  });
});

describe('production with introspection enabled explicitly', () => {
  const server = useTestServer({ NODE_ENV: 'production', INTROSPECTION: 'true', FIELD_SUGGESTIONS: 'true' });

  it('answers introspection and suggests fields', async () => {
    const response = await server.gql<{ __schema: { queryType: { name: string } } }>('{ __schema { queryType { name } } }');
    expect(response.data?.__schema.queryType.name).toBe('Query');
    const typo = await server.gql('{ modelz { id } }');
    expect(typo.errors?.[0]?.message).toMatch(/Did you mean "model"/);
  });
});

describe('production with the playground turned on (PLAYGROUND=true)', () => {
  const server = useTestServer({ NODE_ENV: 'production', PLAYGROUND: 'true' });

  it('serves the playground and the explorer', async () => {
    expect((await fetch(new URL('/', server.url))).status).toBe(200);
    expect((await fetch(new URL('/explore', server.url))).status).toBe(200);
  });
});

describe('development with the playground turned off (PLAYGROUND=false)', () => {
  const server = useTestServer({ PLAYGROUND: 'false' });

  it('serves no pages but answers GraphQL and allows any origin', async () => {
    expect((await fetch(new URL('/', server.url))).status).toBe(404);
    expect((await fetch(new URL('/explore', server.url))).status).toBe(404);
    const preflight = await fetch(server.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://anywhere.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect((await server.gql<{ stats: { models: number } }>('{ stats { models } }')).data?.stats.models).toBe(EXPECTED_STATS.models);
  });
});

describe('development defaults and health', () => {
  const server = useTestServer({ CORS_ORIGINS: 'https://explorer.example' });

  it('reports health and readiness as JSON', async () => {
    const health = await fetch(new URL('/health', server.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(new URL('/ready', server.url));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('allows only the configured CORS origins', async () => {
    const preflight = await fetch(server.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://explorer.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://explorer.example');
    const other = await fetch(server.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
