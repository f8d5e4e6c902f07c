import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

interface ToolAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: { cost?: { estimated: number; limit: number } };
}

interface PathsAnswer {
  paths: { length: number; nodes: { id: string; name: string }[]; edges: { type: string; from: string; to: string }[] }[];
}

interface LeaderboardsAnswer {
  node: { leaderboards: { metric: string; setting: string; higherIsBetter: boolean; totalCount: number; entries: { rank: number; value: number; model: { id: string } }[] }[] };
}

describe('MCP endpoint', () => {
  const server = useTestServer();
  const client = new Client({ name: 'biofm-graph-test', version: '1.0.0' });

  async function call(name: string, args: Record<string, unknown>): Promise<{ isError: boolean; answer: ToolAnswer }> {
    const result = await client.callTool({ name, arguments: args });
    const [content] = result.content as { type: string; text: string }[];
    return { isError: result.isError === true, answer: JSON.parse(content!.text) as ToolAnswer };
  }

  beforeAll(async () => {
    await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', server.url)));
  });

  afterAll(async () => {
    await client.close();
  });

  it('lists its tools, each with a description and an input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'find_paths',
      'get_entity',
      'graphql',
      'leaderboard',
      'model_counts',
      'neighborhood',
      'related_models',
      'resolve',
      'search',
    ]);
    for (const tool of tools) {
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
  });

  it('answers "what lies between ESM-2 and ChEMBL": search finds both ids, find_paths the paths the API gives', async () => {
    const idOf = async (text: string): Promise<string> => {
      const { answer } = await call('search', { text, first: 5 });
      const hits = (answer.data!['search'] as { node: { id: string; name: string } }[]).map((hit) => hit.node);
      return hits.find((node) => node.name === text)!.id;
    };
    const from = await idOf('ESM-2');
    const to = await idOf('ChEMBL');
    expect([from, to]).toEqual(['esm-2', 'chembl']);
    const resolved = await call('resolve', { names: ['ESM-2', 'ChEMBL'] });
    const resolutions = resolved.answer.data!['resolve'] as { input: string; node: { id: string } | null }[];
    expect(resolutions.map((resolution) => [resolution.input, resolution.node?.id])).toEqual([
      ['ESM-2', from],
      ['ChEMBL', to],
    ]);
    const { isError, answer } = await call('find_paths', { from, to });
    expect(isError).toBe(false);
    const api = await server.gql<PathsAnswer>('{ paths(from: "esm-2", to: "chembl") { length nodes { id } edges { type from to } } }');
    const { paths } = answer.data as unknown as PathsAnswer;
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.map((path) => path.nodes.map((node) => node.id))).toEqual(api.data!.paths.map((path) => path.nodes.map((node) => node.id)));
    expect(paths.map((path) => path.edges)).toEqual(api.data!.paths.map((path) => path.edges));
    for (const path of paths) {
      expect(path.nodes[0]!.name).toBe('ESM-2');
      expect(path.nodes.at(-1)!.name).toBe('ChEMBL');
    }
    const viaTasks = await call('find_paths', { from, to, avoidKinds: ['ORGANIZATION', 'DOMAIN'] });
    for (const path of (viaTasks.answer.data as unknown as PathsAnswer).paths) {
      expect(path.nodes.slice(1, -1).map((node) => (node as unknown as { __typename: string }).__typename)).not.toContain('Organization');
    }
    expect(answer.extensions?.cost?.limit).toBe(500_000);
  });

  it('takes the arguments of the API fields it calls: search and resolve by kinds, leaderboard entries by model', async () => {
    const { tools } = await client.listTools();
    const properties = (name: string): Record<string, unknown> => tools.find((tool) => tool.name === name)!.inputSchema.properties!;
    expect(properties('search')['kinds']).toMatchObject({ type: 'array', items: { enum: ['DOMAIN', 'TASK', 'DATASET', 'MODEL', 'ORGANIZATION'] } });
    expect(Object.keys(properties('resolve'))).toEqual(['names', 'kinds']);
    expect(Object.keys(properties('leaderboard'))).toEqual(['dataset', 'first', 'where']);

    type Hits = { node: { __typename: string; id: string } }[];
    const api = await server.gql<{ all: Hits; tasks: Hits }>(
      '{ all: search(text: "protein", first: 20) { node { __typename id } } tasks: search(text: "protein", first: 20, kinds: [TASK]) { node { __typename id } } }',
    );
    const tasks = await call('search', { text: 'protein', first: 20, kinds: ['TASK'] });
    expect(tasks.isError).toBe(false);
    const hits = tasks.answer.data!['search'] as Hits;
    expect(hits.map((hit) => hit.node.id)).toEqual(api.data!.tasks.map((hit) => hit.node.id));
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((hit) => hit.node.__typename))).toEqual(new Set(['Task']));
    // The filter matters: unfiltered, the same words find more than tasks.
    expect(new Set(api.data!.all.map((hit) => hit.node.__typename)).size).toBeGreaterThan(1);
    const badKind = await client.callTool({ name: 'search', arguments: { text: 'protein', kinds: ['GENE'] } });
    expect(badKind.isError).toBe(true);

    const asModel = await call('resolve', { names: ['ChEMBL'], kinds: ['MODEL'] });
    const asDataset = await call('resolve', { names: ['ChEMBL'], kinds: ['DATASET'] });
    type Resolutions = { node: { id: string } | null }[];
    expect((asModel.answer.data!['resolve'] as Resolutions)[0]!.node).toBeNull();
    expect((asDataset.answer.data!['resolve'] as Resolutions)[0]!.node?.id).toBe('chembl');

    const [busiest] = await server.db.read('MATCH (d:Dataset)<-[:ON]-(r:Result) RETURN d.id AS id, count(r) AS results ORDER BY results DESC, id LIMIT 1');
    const dataset = String(busiest!['id']);
    const where = { yearFrom: 2023 };
    const board = await call('leaderboard', { dataset, first: 100, where });
    expect(board.isError).toBe(false);
    const expected = await server.gql<LeaderboardsAnswer>(
      'query($id: ID!, $where: ModelWhere) { node(id: $id) { ... on Dataset { leaderboards { metric setting entries(first: 100, where: $where) { rank model { id } } } } } }',
      { id: dataset, where },
    );
    const entries = (answer: LeaderboardsAnswer): { rank: number; model: string }[][] =>
      answer.node.leaderboards.map((leaderboard) => leaderboard.entries.map((entry) => ({ rank: entry.rank, model: entry.model.id })));
    expect(entries(board.answer.data as unknown as LeaderboardsAnswer)).toEqual(entries(expected.data!));
    // The condition matters: the dataset has results of older models, and none of them is shown.
    const older = async (ids?: string[]): Promise<number> => {
      const [row] = await server.db.read(
        'MATCH (:Dataset {id: $dataset})<-[:ON]-(:Result)<-[:ACHIEVED]-(m:Model) WHERE m.year < 2023 AND ($ids IS NULL OR m.id IN $ids) RETURN count(DISTINCT m) AS models',
        { dataset, ids: ids ?? null },
      );
      return Number(row!['models']);
    };
    expect(await older()).toBeGreaterThan(0);
    expect(await older(entries(board.answer.data as unknown as LeaderboardsAnswer).flat().map((entry) => entry.model))).toBe(0);
  });

  it('reads an entity, its neighbourhood and related models as the API does', async () => {
    const entity = await call('get_entity', { id: 'esm-2' });
    const api = await server.gql<{ model: { name: string; basedOn: { id: string }[] }; neighborhood: { nodes: { id: string }[] }; relatedModels: { model: { id: string } }[] }>(
      '{ model(id: "esm-2") { name basedOn { id } } neighborhood(id: "esm-2") { nodes { id } } relatedModels(id: "esm-2", first: 3) { model { id } } }',
    );
    expect(entity.answer.data!['node']).toMatchObject({ __typename: 'Model', id: 'esm-2', name: api.data!.model.name, basedOn: api.data!.model.basedOn });
    const around = await call('neighborhood', { id: 'esm-2' });
    expect((around.answer.data!['neighborhood'] as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toEqual(api.data!.neighborhood.nodes.map((n) => n.id));
    const related = await call('related_models', { id: 'esm-2', first: 3 });
    expect((related.answer.data!['relatedModels'] as { model: { id: string } }[]).map((r) => r.model.id)).toEqual(api.data!.relatedModels.map((r) => r.model.id));
  });

  it('counts models by the API\'s dimensions, with conditions', async () => {
    const query = '{ modelCounts(by: [YEAR, PARADIGM], where: { yearFrom: 2022 }) { count year paradigm } }';
    const api = await server.gql<{ modelCounts: { count: number; year: number; paradigm: string }[] }>(query);
    const { isError, answer } = await call('model_counts', { by: ['YEAR', 'PARADIGM'], where: { yearFrom: 2022 } });
    expect(isError).toBe(false);
    const counts = answer.data!['modelCounts'] as { count: number; year: number; paradigm: string }[];
    expect(counts.map(({ count, year, paradigm }) => ({ count, year, paradigm }))).toEqual(api.data!.modelCounts);
    expect(counts.every((group) => group.year >= 2022)).toBe(true);
    const [{ models }] = (await server.db.read('MATCH (m:Model) WHERE m.year >= 2022 AND m.paradigm IS NOT NULL RETURN count(m) AS models')) as [{ models: number }];
    expect(counts.reduce((sum, group) => sum + group.count, 0)).toBe(models);
  });

  it('gives the leaderboards of a benchmark, best first, one per metric and setting', async () => {
    const [busiest] = await server.db.read('MATCH (d:Dataset)<-[:ON]-(r:Result) RETURN d.id AS id, count(r) AS results ORDER BY results DESC, id LIMIT 1');
    const dataset = String(busiest!['id']);
    const { isError, answer } = await call('leaderboard', { dataset, first: 5 });
    expect(isError).toBe(false);
    const { leaderboards } = (answer.data as unknown as LeaderboardsAnswer).node;
    expect(leaderboards.reduce((sum, board) => sum + board.totalCount, 0)).toBe(Number(busiest!['results']));
    for (const board of leaderboards) {
      expect(board.entries.length).toBe(Math.min(5, board.totalCount));
      const values = board.entries.map((entry) => entry.value);
      const best = [...values].sort((a, b) => (board.higherIsBetter ? b - a : a - b));
      expect(values, `${board.metric} / ${board.setting}`).toEqual(best);
      expect(board.entries[0]!.rank).toBe(1);
    }
  });

  it('runs a read-only GraphQL query under the API limits', async () => {
    const ok = await call('graphql', { query: 'query($id: ID!) { model(id: $id) { name } }', variables: { id: 'chembl' } });
    expect(ok).toEqual({ isError: false, answer: expect.objectContaining({ data: { model: null } }) });
    const huge = await call('graphql', { query: '{ models(first: 100) { nodes { domains { tasks { models(first: 100) { nodes { name } } } } } } }' });
    expect(huge.isError).toBe(true);
    expect(huge.answer.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
    const mutation = await call('graphql', { query: 'mutation { deleteEverything }' });
    expect(mutation.isError).toBe(true);
    expect(mutation.answer.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const outOfRange = await call('neighborhood', { id: 'esm-2', depth: 5 });
    expect(outOfRange.isError).toBe(true);
    expect(outOfRange.answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'depth' });
  });

  it('refuses a JSON-RPC batch: 100 path searches in one request once took the pool from every other client', async () => {
    const message = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'get_entity', arguments: { id: 'esm-2' } } });
    const response = await server.raw({
      path: '/mcp',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify([message(1), message(2)]),
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } });
    // One message per request is answered as before.
    const single = await server.raw({
      path: '/mcp',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(message(3)),
    });
    expect(single.status).toBe(200);
    expect(single.text).toContain('ESM-2');
  });

  it('answers GET, and every other method but POST, on /mcp with 405: the endpoint is stateless', async () => {
    const response = await fetch(new URL('/mcp', server.url), { headers: { accept: 'text/event-stream' } });
    expect(response.status).toBe(405);
    for (const method of ['DELETE', 'PUT', 'PATCH']) {
      const other = await fetch(new URL('/mcp', server.url), { method });
      expect(other.status, method).toBe(405);
      expect(((await other.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_REQUEST');
    }
  });
});
