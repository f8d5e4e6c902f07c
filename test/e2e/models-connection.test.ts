import { describe, expect, it } from 'vitest';
import { useTestServer, type TestServer } from '../harness.js';
import { EXPECTED_STATS } from '../expected.js';
import { FACTS, ids, models, type ModelOrder, type ModelWhere } from '../facts-oracle.js';

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string; name: string; year: number | null; parameters: number | null } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE = `query Page($first: Int, $after: String, $where: ModelWhere, $orderBy: [ModelOrder!]) {
  models(first: $first, after: $after, where: $where, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id name year parameters } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function page(server: TestServer, variables: Record<string, unknown>): Promise<Page> {
  const response = await server.gql<{ models: Page }>(PAGE, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.models;
}

async function allPages(server: TestServer, variables: Record<string, unknown>): Promise<{ ids: string[]; pages: Page[] }> {
  const pages: Page[] = [];
  let after: string | null = null;
  for (;;) {
    const current = await page(server, { ...variables, after });
    pages.push(current);
    if (!current.pageInfo.hasNextPage) break;
    after = current.pageInfo.endCursor;
  }
  return { ids: pages.flatMap((p) => p.edges.map((e) => e.node.id)), pages };
}

describe('models connection', () => {
  const server = useTestServer();

  it('sorts by name by default and counts all models', async () => {
    const first = await page(server, { first: 5 });
    expect(first.totalCount).toBe(EXPECTED_STATS.models);
    expect(first.edges.map((e) => e.node.id)).toEqual(ids(models()).slice(0, 5));
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.pageInfo.hasPreviousPage).toBe(false);
    expect(first.pageInfo.startCursor).toBe(first.edges[0]!.cursor);
    expect(first.pageInfo.endCursor).toBe(first.edges[4]!.cursor);
  });

  // Each filter with a model the facts say it matches, so that the oracle is seen to read the filter as meant.
  it.each<[string, ModelWhere, string]>([
    ['domain', { domain: 'drug-discovery' }, 'alphafold-3'],
    ['task', { task: 'protein-structure-prediction' }, 'alphafold-2'],
    ['dataset (trained or evaluated)', { dataset: 'uniref50' }, 'esm-2'],
    ['paradigm', { paradigm: 'HYBRID' }, 'caire-covid'],
    ['modality', { modality: 'PATHOLOGY_IMAGE' }, 'biomedclip'],
    ['organization, case-insensitively', { organization: 'META ai' }, 'esm-2'],
    ['nameContains, case-insensitively', { nameContains: 'BeRt' }, 'antiberta'],
    ['yearFrom', { yearFrom: 2024 }, 'alphafold-3'],
    ['yearTo', { yearTo: 2019 }, 'bert'],
    ['openWeights', { openWeights: false }, 'amie'],
    ['minParameters beyond 32 bits', { minParameters: 100_000_000_000 }, 'bloom'],
  ])('filters by %s', async (_name, where, member) => {
    const expected = ids(models(where));
    expect(expected).toContain(member);
    expect(expected.length).toBeLessThan(FACTS.models.length);
    const { ids: seen, pages } = await allPages(server, { first: 100, where });
    expect(pages[0]!.totalCount).toBe(expected.length);
    expect(seen).toEqual(expected);
  });

  it('combines filters with AND', async () => {
    const where = { domain: 'drug-discovery', yearFrom: 2023, openWeights: true };
    const expected = models(where);
    expect(expected.length).toBeLessThan(models({ domain: 'drug-discovery' }).length);
    const result = await page(server, { first: 0, where });
    expect(result.totalCount).toBe(expected.length);
    expect(result.edges).toEqual([]);
    expect(result.pageInfo).toEqual({ hasNextPage: expected.length > 0, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it.each<[ModelOrder['field'], ModelOrder['direction']]>([
    ['YEAR', 'ASC'],
    ['YEAR', 'DESC'],
    ['PARAMETERS', 'ASC'],
    ['PARAMETERS', 'DESC'],
    ['NAME', 'ASC'],
    ['NAME', 'DESC'],
  ])('orders by %s %s with missing values last, paging through every model once', async (field, direction) => {
    const orderBy: ModelOrder[] = [{ field, direction }, { field: 'NAME' === field ? 'YEAR' : 'NAME', direction: 'ASC' }];
    const { ids: seen } = await allPages(server, { first: 100, orderBy });
    expect(seen).toHaveLength(EXPECTED_STATS.models);
    expect(new Set(seen).size).toBe(EXPECTED_STATS.models);
    expect(seen).toEqual(ids(models({}, orderBy)));
  });

  it('pages through all models with first: 7, each exactly once and in order', async () => {
    const { ids, pages } = await allPages(server, { first: 7 });
    const everything = await allPages(server, { first: 100 });
    expect(pages).toHaveLength(Math.ceil(EXPECTED_STATS.models / 7));
    expect(ids).toHaveLength(pages[0]!.totalCount);
    expect(new Set(ids).size).toBe(EXPECTED_STATS.models);
    expect(ids).toEqual(everything.ids);
    expect(pages.slice(1).every((p) => p.pageInfo.hasPreviousPage)).toBe(true);
  });

  it('pages with first: 7 under a descending order where many values are missing', async () => {
    const orderBy: ModelOrder[] = [{ field: 'PARAMETERS', direction: 'DESC' }];
    const { ids: seen } = await allPages(server, { first: 7, orderBy });
    expect(models({ minParameters: 0 }).length).toBeLessThan(FACTS.models.length);
    expect(seen).toEqual(ids(models({}, orderBy)));
    expect(new Set(seen).size).toBe(EXPECTED_STATS.models);
  });

  it.each<[string, ModelWhere, ModelOrder[]]>([
    ['YEAR DESC within yearFrom', { yearFrom: 2000 }, [{ field: 'YEAR', direction: 'DESC' }]],
    ['YEAR ASC within yearTo', { yearTo: 2030 }, [{ field: 'YEAR', direction: 'ASC' }]],
    ['PARAMETERS ASC within minParameters', { minParameters: 0 }, [{ field: 'PARAMETERS', direction: 'ASC' }]],
    [
      'YEAR DESC then NAME ASC',
      { yearFrom: 2000 },
      [
        { field: 'YEAR', direction: 'DESC' },
        { field: 'NAME', direction: 'ASC' },
      ],
    ],
  ])('pages an index-ordered list (%s) with first: 7, each model once, in order', async (_name, where, orderBy) => {
    const expected = ids(models(where, orderBy));
    const { ids: seen, pages } = await allPages(server, { first: 7, where, orderBy });
    expect(pages[0]!.totalCount).toBe(expected.length);
    expect(new Set(seen).size).toBe(expected.length);
    expect(seen).toEqual(expected);
  });

  it('breaks ties by id in the direction of the last key', async () => {
    const years = (list: { year: number | null }[]): (number | null)[] => list.map((m) => m.year);
    const hasTie = (list: { year: number | null }[]): boolean => years(list).some((year, i) => i > 0 && year === years(list)[i - 1]);
    const cases: { where: ModelWhere; direction: ModelOrder['direction'] }[] = [
      { where: { yearFrom: 2000 }, direction: 'DESC' },
      { where: {}, direction: 'ASC' },
    ];
    for (const { where, direction } of cases) {
      const orderBy: ModelOrder[] = [{ field: 'YEAR', direction }];
      const expected = models(where, orderBy).slice(0, 10);
      expect(hasTie(expected)).toBe(true);
      const result = await page(server, { first: 10, where, orderBy });
      expect(result.edges.map((e) => [e.node.year, e.node.id])).toEqual(expected.map((m) => [m.year, m.id]));
    }
  });

  it('pages the nested connection of a domain', async () => {
    const query = `query($after: String) { domain(id: "medical-imaging") { models(first: 50, after: $after) {
      totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`;
    interface DomainModels {
      domain: { models: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    }
    const expected = ids(models({ domain: 'medical-imaging' }));
    expect(expected.length).toBeGreaterThan(50);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const response: { data?: DomainModels | null } = await server.gql<DomainModels>(query, { after });
      const connection = response.data!.domain.models;
      expect(connection.totalCount).toBe(expected.length);
      seen.push(...connection.nodes.map((n) => n.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });
});
