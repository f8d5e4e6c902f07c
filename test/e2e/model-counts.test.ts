import { beforeAll, describe, expect, it } from 'vitest';
import { FIELD_COSTS, NODES_PER_DB_HIT } from '../../src/limits/field-costs.js';
import { expectWarnings, useTestServer } from '../harness.js';
import { countByHand, DIMENSIONS, everyModel, type Dimension, type ModelFacts } from './every-model.js';

interface Group {
  year: number | null;
  domain: { id: string; name: string } | null;
  task: { id: string; name: string } | null;
  modality: string | null;
  paradigm: string | null;
  openWeights: boolean | null;
  baseModel: { id: string; name: string } | null;
  organization: { id: string; name: string } | null;
  organizationGroup: { id: string; name: string } | null;
  count: number;
}

const COUNTS = `query Counts($by: [ModelDimension!]!, $where: ModelWhere) {
  modelCounts(by: $by, where: $where) {
    year domain { id name } task { id name } modality paradigm openWeights baseModel { id name }
    organization { id name } organizationGroup { id name } count
  }
}`;

const FIELD: Record<Dimension, keyof Omit<Group, 'count'>> = {
  YEAR: 'year',
  DOMAIN: 'domain',
  TASK: 'task',
  MODALITY: 'modality',
  PARADIGM: 'paradigm',
  OPEN_WEIGHTS: 'openWeights',
  BASE_MODEL: 'baseModel',
  ORGANIZATION: 'organization',
  ORGANIZATION_GROUP: 'organizationGroup',
};

function valueOf(group: Group, dimension: Dimension): string {
  const value = group[FIELD[dimension]];
  return value !== null && typeof value === 'object' ? value.id : String(value);
}

describe('Query.modelCounts', () => {
  const server = useTestServer();
  let all: ModelFacts[];

  beforeAll(async () => {
    all = await everyModel(server);
  });

  async function counts(by: Dimension[], where?: Record<string, unknown>): Promise<{ groups: Group[]; roundTrips: number }> {
    const response = await server.gql<{ modelCounts: Group[] }>(COUNTS, { by, where });
    expect(response.errors).toBeUndefined();
    return { groups: response.data!.modelCounts, roundTrips: response.extensions!.cypherQueries! };
  }

  /** The API's groups as hand counts are keyed, checking that only the dimensions asked for are set. */
  function asMap(groups: Group[], by: Dimension[]): Map<string, number> {
    for (const group of groups) {
      for (const dimension of DIMENSIONS) expect(group[FIELD[dimension]] === null).toBe(!by.includes(dimension));
    }
    return new Map(groups.map((group) => [by.map((d) => valueOf(group, d)).join('|'), group.count]));
  }

  it('reads every model to count by hand', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
  });

  it.each(DIMENSIONS)('counts by %s exactly as paging through every model does, in one round trip', async (dimension) => {
    const { groups, roundTrips } = await counts([dimension]);
    const expected = countByHand(all, [dimension]);
    expect(expected.size).toBeGreaterThan(1);
    expect(asMap(groups, [dimension])).toEqual(expected);
    expect(groups).toHaveLength(expected.size);
    expect(roundTrips).toBe(1);
  });

  const pairs = DIMENSIONS.flatMap((a) => DIMENSIONS.filter((b) => b !== a).map((b) => [a, b] as const));

  it.each(pairs)('counts by %s x %s exactly', async (a, b) => {
    const { groups, roundTrips } = await counts([a, b]);
    expect(asMap(groups, [a, b])).toEqual(countByHand(all, [a, b]));
    expect(roundTrips).toBe(1);
  });

  it.each([
    ['a domain', { domain: 'drug-discovery' }],
    ['recent open models', { yearFrom: 2023, openWeights: true }],
    ['models with no dataset links', { hasTrainingData: false, hasEvaluationData: false }],
    ['descendants of LLaMA', { descendantOf: 'llama' }],
    ['text or protein models', { modalityAny: ['TEXT', 'PROTEIN_SEQUENCE'] }],
  ])('counts a filtered list (%s) exactly as paging through that list does', async (_name, where) => {
    const filtered = await everyModel(server, where);
    expect(filtered.length).toBeGreaterThan(0);
    for (const by of [['YEAR', 'DOMAIN'], ['MODALITY'], ['BASE_MODEL', 'PARADIGM']] as Dimension[][]) {
      const { groups } = await counts(by, where);
      expect(asMap(groups, by)).toEqual(countByHand(filtered, by));
    }
  });

  it('orders groups by the first dimension, then the largest count, then the second dimension', async () => {
    const { groups } = await counts(['YEAR', 'DOMAIN']);
    const key = (g: Group) => [g.year!, -g.count, g.domain!.name.toLowerCase()] as const;
    for (let i = 1; i < groups.length; i += 1) {
      const [a, b] = [key(groups[i - 1]!), key(groups[i]!)];
      const order = a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
      expect(order, `${JSON.stringify(groups[i - 1])} before ${JSON.stringify(groups[i])}`).toBeLessThan(0);
    }
  });

  it('leaves out models with no value in a dimension, so groups add up to the models that have one', async () => {
    const { groups } = await counts(['OPEN_WEIGHTS']);
    const known = all.filter((m) => m.openWeights !== null).length;
    expect(known).toBeLessThan(all.length);
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(known);
  });

  it('counts a model once per organisation it lists, and once per group however many of its organisations share it', async () => {
    const { groups } = await counts(['ORGANIZATION']);
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(all.reduce((sum, m) => sum + m.organizations.length, 0));
    // Some model lists two organisations of one group (e.g. two parts of one company): its group counts it once.
    const shared = all.find((m) => m.organizationGroups.length < m.organizations.length);
    expect(shared).toBeDefined();
    const byGroup = await counts(['ORGANIZATION_GROUP']);
    const group = byGroup.groups.find((g) => g.organizationGroup!.id === shared!.organizationGroups[0]!.id)!;
    expect(group.count).toBe(all.filter((m) => m.organizationGroups.some((g) => g.id === group.organizationGroup!.id)).length);
    expect(byGroup.groups.reduce((sum, g) => sum + g.count, 0)).toBe(all.reduce((sum, m) => sum + m.organizationGroups.length, 0));
  });

  it('warns about each unknown where id, as model lists do, and not about known ids that count nothing', async () => {
    const unknown = await server.gql<{ modelCounts: Group[] }>(COUNTS, {
      by: ['YEAR'],
      where: { domain: 'computational-biologi', developedBy: 'nope', descendantOf: 'nope' },
    });
    expect(unknown.data!.modelCounts).toEqual([]);
    expectWarnings(unknown, [
      {
        code: 'UNKNOWN_ID',
        argument: 'where.domain',
        message: 'no domain has the id "computational-biologi"; did you mean "computational-biology" (Computational Biology)?',
        suggestion: 'computational-biology',
      },
      { code: 'UNKNOWN_ID', argument: 'where.developedBy', message: 'no organization has the id "nope"' },
      { code: 'UNKNOWN_ID', argument: 'where.descendantOf', message: 'no model has the id "nope"' },
    ]);
    // The counting query, one batched lookup of the ids, then one search for what the unknown ones were meant as.
    expect(unknown.extensions?.cypherQueries).toBe(3);
    const known = await server.gql<{ modelCounts: Group[] }>(COUNTS, { by: ['YEAR'], where: { domain: 'drug-discovery', yearTo: 1900 } });
    expect(known.data!.modelCounts).toEqual([]);
    expect(known.extensions?.warnings).toBeUndefined();
    const found = await server.gql<{ modelCounts: Group[] }>(COUNTS, { by: ['YEAR'], where: { domain: 'drug-discovery' } });
    expect(found.data!.modelCounts.length).toBeGreaterThan(0);
    expect(found.extensions?.warnings).toBeUndefined();
    expect(found.extensions?.cypherQueries).toBe(1);
  });

  it('refuses two in one request over the node limit, naming the field whose database work it counts', async () => {
    const perCall = FIELD_COSTS['Query.modelCounts']!.dbHits({}) * NODES_PER_DB_HIT;
    const response = await server.gql('{ a: modelCounts(by: [YEAR]) { count } b: modelCounts(by: [DOMAIN]) { count } }');
    expect(response.status).toBe(400);
    expect(response.errors![0]!.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors![0]!.message).toContain(`Of it, the database work of Query.modelCounts (${perCall.toLocaleString('en-US')} a call)`);
    expect(response.extensions?.cypherQueries).toBe(0);
  });

  it.each([
    ['no dimension', [], 'by must list 1..2 dimensions, got 0'],
    ['three dimensions', ['YEAR', 'DOMAIN', 'TASK'], 'by must list 1..2 dimensions, got 3'],
    ['a dimension twice', ['YEAR', 'YEAR'], 'by lists YEAR more than once'],
  ])('rejects %s with BAD_USER_INPUT naming by', async (_name, by, message) => {
    const response = await server.gql(COUNTS, { by });
    expect(response.errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', argument: 'by' } });
    expect(response.extensions?.cypherQueries).toBe(0);
  });
});
