import { beforeAll, describe, expect, it } from 'vitest';
import { FACETS } from '../../src/db/model-facets.js';
import { useTestServer } from '../harness.js';
import { everyModel, valuesOf, type Dimension, type ModelFacts } from './every-model.js';

interface Facet {
  value: string;
  label: string;
  count: number;
}


const FACET_FIELDS = Object.keys(FACETS).map((name) => `${name} { value label count }`).join(' ');

const LIST = `query Facets($where: ModelWhere, $top: Int) {
  models(first: 5, where: $where) { totalCount nodes { id } facets(top: $top) { ${FACET_FIELDS} } }
}`;

/** How each dimension's values sort among equal counts: years by number, false before true, the rest by label. */
function tieOrder(dimension: Dimension, a: Facet, b: Facet): number {
  if (dimension === 'YEAR') return Number(a.value) - Number(b.value);
  if (dimension === 'OPEN_WEIGHTS') return a.value === b.value ? 0 : a.value === 'false' ? -1 : 1;
  const [x, y] = [a.label.toLowerCase(), b.label.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : a.value < b.value ? -1 : 1;
}

/** Facets by hand: per value of the dimension, how many of `models` have it; largest first, then tie order, `top` of them. */
function facetByHand(models: ModelFacts[], dimension: Dimension, top = 100): Facet[] {
  const facets = new Map<string, Facet>();
  for (const model of models) {
    for (const { value, label } of valuesOf(model, dimension)) {
      const facet = facets.get(value) ?? { value, label, count: 0 };
      facet.count += 1;
      facets.set(value, facet);
    }
  }
  return [...facets.values()].sort((a, b) => b.count - a.count || tieOrder(dimension, a, b)).slice(0, top);
}

describe('ModelConnection.facets', () => {
  const server = useTestServer();
  let all: ModelFacts[];

  beforeAll(async () => {
    all = await everyModel(server);
  });

  async function facets(where: Record<string, unknown> | undefined, top: number) {
    const response = await server.gql<{ models: { totalCount: number; nodes: unknown[]; facets: Record<string, Facet[]> } }>(
      LIST,
      { where, top },
    );
    expect(response.errors).toBeUndefined();
    return { ...response.data!.models, roundTrips: response.extensions!.cypherQueries! };
  }

  it('counts every dimension over the whole list, not the page, exactly as paging through it does', async () => {
    const result = await facets(undefined, 100);
    expect(result.nodes).toHaveLength(5);
    for (const [name, dimension] of Object.entries(FACETS)) {
      expect(result.facets[name], name).toEqual(facetByHand(all, dimension));
    }
    // The page in one query; its total and its facets in another (the facets count the list they spread).
    expect(result.roundTrips).toBe(2);
  });

  it.each([
    ['a domain', { domain: 'medical-imaging' }],
    ['a year range with open weights', { yearFrom: 2022, yearTo: 2024, openWeights: true }],
    ['models with no training data', { hasTrainingData: false }],
    ['models trained on one of two datasets', { trainedOnAny: ['uniref50', 'pubmed'] }],
    ['descendants of BERT', { descendantOf: 'bert' }],
    ['a name match', { nameContains: 'med' }],
  ])('counts a filtered list (%s) exactly', async (_name, where) => {
    const filtered = await everyModel(server, where);
    const result = await facets(where, 100);
    expect(result.totalCount).toBe(filtered.length);
    for (const [name, dimension] of Object.entries(FACETS)) {
      expect(result.facets[name], name).toEqual(facetByHand(filtered, dimension));
    }
  });

  it('keeps the top values of each dimension, largest first', async () => {
    const result = await facets(undefined, 3);
    for (const [name, dimension] of Object.entries(FACETS)) {
      expect(result.facets[name], name).toEqual(facetByHand(all, dimension, 3));
    }
    expect(result.facets['tasks']).toHaveLength(3);
  });

  it('answers facets asked twice with different tops, and the total beside them, from one query', async () => {
    const response = await server.gql<{ models: { totalCount: number; few: Record<string, Facet[]>; many: Record<string, Facet[]> } }>(
      `{ models(first: 0) { totalCount few: facets(top: 2) { domains { value label count } } many: facets(top: 6) { years { value label count } tasks { value label count } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const { totalCount, few, many } = response.data!.models;
    expect(totalCount).toBe(all.length);
    expect(few).toEqual({ domains: facetByHand(all, 'DOMAIN', 2) });
    expect(many).toEqual({ years: facetByHand(all, 'YEAR', 6), tasks: facetByHand(all, 'TASK', 6) });
    // The page (empty, but asked), then one query for the total and both facets.
    expect(response.extensions?.cypherQueries).toBe(2);
  });

  it('gives empty facets for an empty list', async () => {
    const result = await facets({ nameContains: 'no model is called this' }, 20);
    expect(result.totalCount).toBe(0);
    expect(Object.values(result.facets).every((list) => list.length === 0)).toBe(true);
  });

  it('counts the facets of every domain’s models in one query, each as paging through that domain does', async () => {
    const response = await server.gql<{ domains: { id: string; models: { facets: Record<string, Facet[]> } }[] }>(
      `{ domains { id models(first: 2) { facets(top: 100) { ${FACET_FIELDS} } } } }`,
    );
    expect(response.errors).toBeUndefined();
    // Domains, one page query for all of them, one facets query for all of them.
    expect(response.extensions?.cypherQueries).toBe(3);
    const domains = response.data!.domains;
    expect(domains.length).toBeGreaterThan(1);
    for (const domain of domains) {
      const models = await everyModel(server, { domain: domain.id });
      expect(domain.models.facets['domains']![0]).toMatchObject({ value: domain.id, count: models.length });
      for (const [name, dimension] of Object.entries(FACETS)) {
        expect(domain.models.facets[name], `${domain.id} ${name}`).toEqual(facetByHand(models, dimension));
      }
    }
  });

  it.each([0, 101])('rejects top: %i with BAD_USER_INPUT naming top', async (top) => {
    const response = await server.gql(LIST, { top });
    expect(response.errors![0]).toMatchObject({
      message: `top must be 1..100, got ${String(top)}`,
      extensions: { code: 'BAD_USER_INPUT', argument: 'top' },
    });
  });
});
