import { readFileSync } from 'node:fs';
import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, gql as apolloGql } from '@apollo/client';
import { Client, cacheExchange, fetchExchange, gql as urqlGql } from '@urql/core';
import { serverAudits, type AuditResult } from 'graphql-http';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

interface SentRequest {
  method: string;
  contentType: string | null;
  url: string;
}

/** fetch that records what each request looked like before sending it on unchanged. */
function recordingFetch(sent: SentRequest[]): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    sent.push({ method: request.method, contentType: request.headers.get('content-type'), url: request.url });
    return fetch(request);
  };
}

const MODEL_QUERY = 'query Model($id: ID!) { model(id: $id) { id name year domains { id name } basedOn { id name } } }';

/** The type policies the README's "Clients" section gives for Apollo Client. */
const TYPE_POLICIES = {
  Paper: { keyFields: false as const, merge: true },
  GraphStats: { keyFields: false as const, merge: true },
  Release: { keyFields: ['version'] },
};
const POSSIBLE_TYPES = { Node: ['Domain', 'Task', 'Dataset', 'Model'] };

describe('standard GraphQL clients over real HTTP', () => {
  const server = useTestServer();
  let esm2: Record<string, unknown>;
  let stats: { models: number; tasks: number };
  let paper: { title: string; year: number };

  beforeAll(async () => {
    const model = await server.gql<{ model: Record<string, unknown> }>(MODEL_QUERY, { id: 'esm-2' });
    esm2 = model.data!.model;
    stats = (await server.gql<{ stats: { models: number; tasks: number } }>('{ stats { models tasks } }')).data!.stats;
    paper = (await server.gql<{ model: { paper: typeof paper } }>('{ model(id: "esm-2") { paper { title year } } }')).data!.model.paper;
  });

  describe("urql's default client", () => {
    const sent: SentRequest[] = [];
    let client: Client;
    beforeAll(() => {
      client = new Client({ url: server.url, exchanges: [cacheExchange, fetchExchange], fetch: recordingFetch(sent) });
    });

    it('sends a short query as a GET without a content type, and gets the answer a POST gets', async () => {
      const result = await client.query(urqlGql(MODEL_QUERY), { id: 'esm-2' }).toPromise();
      expect(result.error).toBeUndefined();
      expect(result.data).toMatchObject({ model: { ...esm2, name: 'ESM-2' } });
      expect(sent.at(-1)).toMatchObject({ method: 'GET', contentType: null });
    });

    it('sends a query too long for a URL as a POST', async () => {
      const text = 'protein language model '.repeat(120);
      const result = await client.query(urqlGql('query Long($text: NonEmptyString!) { search(text: $text, first: 3) { node { id } } }'), { text }).toPromise();
      expect(result.error).toBeUndefined();
      expect(sent.at(-1)).toMatchObject({ method: 'POST', contentType: 'application/json' });
      const post = await server.gql('query Long($text: NonEmptyString!) { search(text: $text, first: 3) { node { id } } }', { text });
      expect(result.data).toMatchObject(post.data!);
    });

    it('reports a validation error of a GET with its code', async () => {
      const result = await client.query(urqlGql('query Typo { modelz { id } }'), {}).toPromise();
      expect(sent.at(-1)?.method).toBe('GET');
      expect(result.error?.graphQLErrors[0]?.extensions['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.error?.networkError).toBeUndefined();
    });
  });

  describe('Apollo Client (core) with useGETForQueries and the README type policies', () => {
    const sent: SentRequest[] = [];
    let client: ApolloClient;
    beforeAll(() => {
      client = new ApolloClient({
        link: new HttpLink({ uri: server.url, useGETForQueries: true, fetch: recordingFetch(sent) }),
        cache: new InMemoryCache({ possibleTypes: POSSIBLE_TYPES, typePolicies: TYPE_POLICIES }),
      });
    });

    it('sends queries as GETs and gets the answer a POST gets', async () => {
      const { data } = await client.query({ query: apolloGql(MODEL_QUERY), variables: { id: 'esm-2' } });
      expect(data).toMatchObject({ model: esm2 });
      expect(sent.at(-1)).toMatchObject({ method: 'GET' });
      expect(new URL(sent.at(-1)!.url).searchParams.get('operationName')).toBe('Model');
    });

    it('merges value types without ids (GraphStats, Paper) asked for field by field', async () => {
      await client.query({ query: apolloGql('query StatsModels { stats { models } }') });
      await client.query({ query: apolloGql('query StatsTasks { stats { tasks } }') });
      expect(client.readQuery({ query: apolloGql('query Both { stats { models tasks } }') })).toEqual({
        stats: { __typename: 'GraphStats', models: stats.models, tasks: stats.tasks },
      });
      await client.query({ query: apolloGql('query Title { model(id: "esm-2") { id paper { title } } }') });
      await client.query({ query: apolloGql('query Year { model(id: "esm-2") { id paper { year } } }') });
      const cached = client.readQuery({ query: apolloGql('query TitleAndYear { model(id: "esm-2") { id paper { title year } } }') });
      expect(cached).toEqual({ model: { __typename: 'Model', id: 'esm-2', paper: { __typename: 'Paper', ...paper } } });
    });

    it('finds entities through fragments on the Node interface', async () => {
      const { data } = await client.query<{ node: { id: string; name: string } }>({
        query: apolloGql('query N { node(id: "esm-2") { ...Named } } fragment Named on Node { id ... on Model { name } }'),
      });
      expect(data?.node).toMatchObject({ __typename: 'Model', id: 'esm-2', name: 'ESM-2' });
    });

    it('rejects a request error as GraphQL errors with their code', async () => {
      const error: unknown = await client.query({ query: apolloGql('query Typo { modelz { id } }') }).catch((e: unknown) => e);
      expect(CombinedGraphQLErrors.is(error)).toBe(true);
      expect((error as CombinedGraphQLErrors).errors[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('plain HTTP', () => {
    it('answers a GET with nothing but the query in the URL', async () => {
      const response = await fetch(`${server.url}?query=${encodeURIComponent('{ model(id: "esm-2") { name } }')}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject({ data: { model: { name: 'ESM-2' } } });
    });

    it.each([
      ['application/json', 200, 'application/json'],
      [null, 200, 'application/json'],
      ['application/graphql-response+json', 400, 'application/graphql-response+json'],
      ['application/graphql-response+json, application/json;q=0.9', 400, 'application/graphql-response+json'],
    ])('answers a request error for accept: %s with HTTP %i and %s, without data', async (accept, status, mediaType) => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accept === null ? {} : { accept }) },
        body: JSON.stringify({ query: '{ models(first: "ten") { totalCount } }' }),
      });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe(`${mediaType}; charset=utf-8`);
      const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('keeps HTTP 400 for a request that is not well-formed, whatever the client accepts', async () => {
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: '{"query": ' });
      expect(response.status).toBe(400);
    });
  });

  describe('the graphql-http audit (GraphQL over HTTP)', () => {
    let results: AuditResult[];
    beforeAll(async () => {
      results = [];
      for (const audit of serverAudits({ url: server.url })) results.push(await audit.fn());
    });

    it('finds no error and no warning', () => {
      const failed = results.filter((r) => r.status === 'error' || r.status === 'warn').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
      expect(failed).toEqual([]);
      expect(results.filter((r) => r.status === 'ok').length).toBeGreaterThan(30);
    });

    it('leaves only notices the README explains', () => {
      const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
      for (const notice of results.filter((r) => r.status === 'notice')) expect(readme, notice.name).toContain(notice.id);
    });
  });
});
