import { describe, expect, it } from 'vitest';
import { useTestServer, type TestServer } from '../harness.js';
import { EXPECTED_STATS } from '../expected.js';

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
    expect(first.edges.map((e) => e.node.id)).toEqual(['3dsam-adapter', '3utrbert', 'abgnn', 'ablang', 'adaptivesam']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.pageInfo.hasPreviousPage).toBe(false);
    expect(first.pageInfo.startCursor).toBe(first.edges[0]!.cursor);
    expect(first.pageInfo.endCursor).toBe(first.edges[4]!.cursor);
  });

  it.each([
    ['domain', { domain: 'drug-discovery' }, 56, ['abgnn', 'agbt', 'alphafold-3']],
    ['task', { task: 'protein-structure-prediction' }, 25, ['alphafold-2', 'alphafold-3', 'alphafold-multimer']],
    ['dataset (trained or evaluated)', { dataset: 'uniref50' }, 13, ['ankh', 'biot5', 'carp']],
    ['paradigm', { paradigm: 'HYBRID' }, 12, ['caire-covid', 'clinical-bert-vlp', 'co-search']],
    ['modality', { modality: 'PATHOLOGY_IMAGE' }, 22, ['all-in-sam', 'autosam', 'biomedclip']],
    ['organization, case-insensitively', { organization: 'META ai' }, 9, ['dino-v2', 'esm-2', 'esm-if1']],
    ['nameContains, case-insensitively', { nameContains: 'BeRt' }, 46, ['3utrbert', 'alphabert', 'antiberta']],
    ['yearFrom', { yearFrom: 2024 }, 74, ['after-sam', 'alphafold-3', 'amie']],
    ['yearTo', { yearTo: 2019 }, 19, ['bart', 'behrt', 'bert']],
    ['openWeights', { openWeights: false }, 25, ['amie', 'chatcad', 'chemcrow']],
    ['minParameters beyond 32 bits', { minParameters: 100_000_000_000 }, 11, ['bloom', 'bloomz', 'flan-palm']],
  ])('filters by %s', async (_name, where, total, firstIds) => {
    const result = await page(server, { first: 3, where });
    expect(result.totalCount).toBe(total);
    expect(result.edges.map((e) => e.node.id)).toEqual(firstIds);
  });

  it('combines filters with AND', async () => {
    const result = await page(server, { first: 0, where: { domain: 'drug-discovery', yearFrom: 2023, openWeights: true } });
    expect(result.totalCount).toBe(9);
    expect(result.edges).toEqual([]);
    expect(result.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it.each([
    ['YEAR', 'ASC', ['bert', 'molecular-transformer', 'bart', 'behrt'], ['prott5', 'swinsam']],
    ['YEAR', 'DESC', ['cape', 'epillm', 'evo-2', 'evolla'], ['prott5', 'swinsam']],
    ['PARAMETERS', 'ASC', ['alphabert', 'geneformer', 'med-bert', 'antiberty'], ['yi-34b', 'zhongjing']],
    ['PARAMETERS', 'DESC', ['med-palm-m', 'palm-e', 'flan-palm', 'med-palm'], ['yi-34b', 'zhongjing']],
    ['NAME', 'ASC', ['3dsam-adapter', '3utrbert', 'abgnn', 'ablang'], ['yi-34b', 'zhongjing']],
    ['NAME', 'DESC', ['zhongjing', 'yi-34b', 'xtrimopglm', 'xtrimogene'], ['3utrbert', '3dsam-adapter']],
  ])('orders by %s %s with missing values last, paging through every model once', async (field, direction, head, tail) => {
    const orderBy = [{ field, direction }, { field: 'NAME' === field ? 'YEAR' : 'NAME', direction: 'ASC' }];
    const { ids } = await allPages(server, { first: 100, orderBy });
    expect(ids).toHaveLength(EXPECTED_STATS.models);
    expect(new Set(ids).size).toBe(EXPECTED_STATS.models);
    expect(ids.slice(0, 4)).toEqual(head);
    expect(ids.slice(-2)).toEqual(tail);
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
    const orderBy = [{ field: 'PARAMETERS', direction: 'DESC' }];
    const { ids } = await allPages(server, { first: 7, orderBy });
    const everything = await allPages(server, { first: 100, orderBy });
    expect(ids).toEqual(everything.ids);
    expect(new Set(ids).size).toBe(EXPECTED_STATS.models);
  });

  type Node = Page['edges'][number]['node'];
  const byKeys =
    (...keys: ((n: Node) => number | string)[]) =>
    (a: Node, b: Node): number => {
      for (const key of keys) {
        const [x, y] = [key(a), key(b)];
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    };
  const desc = (key: (n: Node) => number | string) => (a: Node, b: Node) => byKeys(key)(b, a);
  const id = (n: Node): string => n.id;

  it.each([
    ['YEAR DESC within yearFrom', { yearFrom: 2000 }, [{ field: 'YEAR', direction: 'DESC' }], 424, [desc((n) => n.year!), desc(id)]],
    ['YEAR ASC within yearTo', { yearTo: 2030 }, [{ field: 'YEAR', direction: 'ASC' }], 424, [byKeys((n) => n.year!, id)]],
    ['PARAMETERS ASC within minParameters', { minParameters: 0 }, [{ field: 'PARAMETERS', direction: 'ASC' }], 114, [byKeys((n) => n.parameters!, id)]],
    [
      'YEAR DESC then NAME ASC',
      { yearFrom: 2000 },
      [{ field: 'YEAR', direction: 'DESC' }, { field: 'NAME', direction: 'ASC' }],
      424,
      [desc((n) => n.year!), byKeys((n) => n.name.toLowerCase(), id)],
    ],
  ])('pages an index-ordered list (%s) with first: 7, each model once, in order', async (_name, where, orderBy, total, comparators) => {
    const { ids, pages } = await allPages(server, { first: 7, where, orderBy });
    const nodes = pages.flatMap((p) => p.edges.map((e) => e.node));
    const expected = [...nodes].sort((a, b) => {
      for (const compare of comparators) {
        const c = compare(a, b);
        if (c !== 0) return c;
      }
      return 0;
    });
    expect(pages[0]!.totalCount).toBe(total);
    expect(new Set(ids).size).toBe(total);
    expect(ids).toEqual(expected.map(id));
  });

  it('breaks ties by id in the direction of the last key', async () => {
    const desc = await page(server, { first: 4, where: { yearFrom: 2025 }, orderBy: [{ field: 'YEAR', direction: 'DESC' }] });
    expect(desc.edges.map((e) => [e.node.year, e.node.id])).toEqual([
      [2025, 'txgemma'],
      [2025, 'naturelm'],
      [2025, 'evolla'],
      [2025, 'evo-2'],
    ]);
    const asc = await page(server, { first: 3, orderBy: [{ field: 'YEAR', direction: 'ASC' }] });
    expect(asc.edges.map((e) => [e.node.year, e.node.id])).toEqual([
      [2018, 'bert'],
      [2018, 'molecular-transformer'],
      [2019, 'bart'],
    ]);
  });

  it('pages the nested connection of a domain', async () => {
    const query = `query($after: String) { domain(id: "medical-imaging") { models(first: 50, after: $after) {
      totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`;
    interface DomainModels {
      domain: { models: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const response: { data?: DomainModels | null } = await server.gql<DomainModels>(query, { after });
      const models = response.data!.domain.models;
      expect(models.totalCount).toBe(117);
      seen.push(...models.nodes.map((n) => n.id));
      if (!models.pageInfo.hasNextPage) break;
      after = models.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(117);
    expect(new Set(seen).size).toBe(117);
  });
});
