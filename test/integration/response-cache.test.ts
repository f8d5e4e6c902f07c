import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseCachePlugins } from '../../src/caching/response-cache.js';
import { createRequestContext, type RequestContext } from '../../src/context.js';
import { queryStatsPlugin } from '../../src/plugins.js';
import { resolvers } from '../../src/resolvers/index.js';
import { typeDefs } from '../../src/server.js';
import { testDatabase } from '../neo4j.js';

describe('the response cache, by release and by size', () => {
  const db = testDatabase();
  // The release the graph holds, as the server would read it; the tests move it on.
  let release: string | null = 'release-a';
  let apollo: ApolloServer<RequestContext>;
  const CACHE_BYTES = 4000;

  /** The Cypher round trips of one request, and its data. */
  async function ask(query: string): Promise<{ cypherQueries: unknown; data: unknown }> {
    const response = await apollo.executeOperation({ query }, { contextValue: createRequestContext(db, { batching: true }) });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, extensions } = response.body.singleResult;
    return { cypherQueries: extensions?.['cypherQueries'], data };
  }

  beforeAll(async () => {
    apollo = new ApolloServer<RequestContext>({
      typeDefs,
      resolvers,
      plugins: [...responseCachePlugins(() => Promise.resolve(release), CACHE_BYTES), queryStatsPlugin()],
    });
    await apollo.start();
  });
  afterAll(async () => {
    await apollo.stop();
    await db.close();
  });

  it('never serves an answer of an earlier release, and keeps nothing while there is no release', async () => {
    const query = '{ model(id: "esm-2") { name } }';
    expect((await ask(query)).cypherQueries).toBe(1);
    expect((await ask(query)).cypherQueries).toBe(0);
    release = 'release-b';
    expect((await ask(query)).cypherQueries).toBe(1);
    expect((await ask(query)).cypherQueries).toBe(0);
    release = null;
    expect((await ask(query)).cypherQueries).toBe(1);
    expect((await ask(query)).cypherQueries).toBe(1);
    release = 'release-b';
    expect((await ask(query)).cypherQueries).toBe(0);
  });

  it('keeps no answer larger than a quarter of the cache, and forgets the least recently used first', async () => {
    release = 'release-c';
    const large = '{ models(first: 50) { nodes { id name } } }';
    const { data } = await ask(large);
    expect(JSON.stringify(data).length).toBeGreaterThan(CACHE_BYTES / 4);
    expect((await ask(large)).cypherQueries).toBeGreaterThan(0);
    // Small answers of distinct models, together more than the cache holds: the first is forgotten.
    const ids = (await db.read('MATCH (m:Model) RETURN m.id AS id ORDER BY m.id LIMIT 60')).map((row) => String(row['id']));
    const small = (id: string): string => `{ model(id: "${id}") { id name year } }`;
    for (const id of ids) await ask(small(id));
    expect((await ask(small(ids.at(-1)!))).cypherQueries).toBe(0);
    expect((await ask(small(ids[0]!))).cypherQueries).toBe(1);
  });
});
