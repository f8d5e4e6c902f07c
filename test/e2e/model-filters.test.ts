import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';
import { everyModel, lineageByHand, type ModelFacts } from './every-model.js';

const ids = (models: { id: string }[]): string[] => models.map((m) => m.id).sort();
const has = (refs: { id: string }[], wanted: string[]): boolean => refs.some((ref) => wanted.includes(ref.id));

describe('ModelWhere over lineage, datasets and any-of lists', () => {
  const server = useTestServer();
  let all: ModelFacts[];

  beforeAll(async () => {
    all = await everyModel(server);
  });

  const cases: [string, Record<string, unknown>, (m: ModelFacts) => boolean][] = [
    ['descendantOf LLaMA', { descendantOf: 'llama' }, (m) => lineageByHand(all, 'llama', 'descendants').has(m.id)],
    ['descendantOf SAM', { descendantOf: 'sam' }, (m) => lineageByHand(all, 'sam', 'descendants').has(m.id)],
    ['ancestorOf LLaVA-Med', { ancestorOf: 'llava-med' }, (m) => lineageByHand(all, 'llava-med', 'ancestors').has(m.id)],
    ['trainedOnAny', { trainedOnAny: ['uniref50', 'mimic-iii'] }, (m) => has(m.trainedOn, ['uniref50', 'mimic-iii'])],
    ['evaluatedOnAny', { evaluatedOnAny: ['medqa', 'casp14'] }, (m) => has(m.evaluatedOn, ['medqa', 'casp14'])],
    ['hasTrainingData: true', { hasTrainingData: true }, (m) => m.trainedOn.length > 0],
    ['hasTrainingData: false', { hasTrainingData: false }, (m) => m.trainedOn.length === 0],
    ['hasEvaluationData: false', { hasEvaluationData: false }, (m) => m.evaluatedOn.length === 0],
    [
      'no dataset links at all',
      { hasTrainingData: false, hasEvaluationData: false },
      (m) => m.trainedOn.length === 0 && m.evaluatedOn.length === 0,
    ],
    ['modalityAny', { modalityAny: ['DNA_SEQUENCE', 'RNA_SEQUENCE'] }, (m) => m.modalities.some((x) => x === 'DNA_SEQUENCE' || x === 'RNA_SEQUENCE')],
    ['domainAny', { domainAny: ['public-health', 'drug-discovery'] }, (m) => has(m.domains, ['public-health', 'drug-discovery'])],
    ['taskAny', { taskAny: ['protein-structure-prediction', 'medical-question-answering'] }, (m) => has(m.tasks, ['protein-structure-prediction', 'medical-question-answering'])],
    ['descendantOf LLaMA with evaluation data', { descendantOf: 'llama', hasEvaluationData: true }, (m) => lineageByHand(all, 'llama', 'descendants').has(m.id) && m.evaluatedOn.length > 0],
    ['an empty any-of list', { domainAny: [] }, () => false],
    ['descendantOf an unknown id', { descendantOf: 'no-such-model' }, () => false],
  ];

  it.each(cases)('filters by %s as the links say', async (_name, where, keep) => {
    const expected = all.filter(keep);
    const found = await everyModel(server, where);
    expect(ids(found)).toEqual(ids(expected));
    const total = await server.gql<{ models: { totalCount: number } }>('query($where: ModelWhere) { models(where: $where) { totalCount } }', { where });
    expect(total.data!.models.totalCount).toBe(expected.length);
  });

  it('finds some models for each non-empty case', () => {
    for (const [name, , keep] of cases.slice(0, -2)) expect(all.filter(keep).length, name).toBeGreaterThan(0);
  });
});

interface Counted {
  id: string;
  derivativeCount: number;
  descendantCount: number;
  datasetCount: number;
}

describe('ordering models by stored counts', () => {
  const server = useTestServer();
  const PAGE = `query($first: Int, $after: String, $orderBy: [ModelOrder!], $where: ModelWhere) {
    models(first: $first, after: $after, orderBy: $orderBy, where: $where) {
      totalCount nodes { id derivativeCount descendantCount datasetCount } pageInfo { hasNextPage endCursor }
    }
  }`;

  async function pageThrough(variables: Record<string, unknown>): Promise<{ nodes: Counted[]; trips: number[] }> {
    const nodes: Counted[] = [];
    const trips: number[] = [];
    let after: string | null = null;
    for (;;) {
      const response = await server.gql<{ models: { nodes: Counted[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(PAGE, {
        ...variables,
        after,
      });
      expect(response.errors).toBeUndefined();
      trips.push(response.extensions!.cypherQueries!);
      const page: { nodes: Counted[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = response.data!.models;
      nodes.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return { nodes, trips };
      after = page.pageInfo.endCursor;
    }
  }

  const KEY = { DERIVATIVES: 'derivativeCount', DESCENDANTS: 'descendantCount', DATASETS: 'datasetCount' } as const;

  it.each([
    ['DERIVATIVES', 'DESC', undefined],
    ['DESCENDANTS', 'DESC', undefined],
    ['DATASETS', 'DESC', undefined],
    ['DATASETS', 'ASC', undefined],
    ['DESCENDANTS', 'DESC', { domain: 'clinical-informatics' }],
    ['DATASETS', 'DESC', { yearFrom: 2023 }],
  ] as const)('pages by %s %s (filter %o) with first: 7, each model once, ties by id in the same direction', async (field, direction, where) => {
    const { nodes, trips } = await pageThrough({ first: 7, orderBy: [{ field, direction }], where });
    const { nodes: everything } = await pageThrough({ first: 100, where });
    expect(nodes).toHaveLength(everything.length);
    const sign = direction === 'ASC' ? 1 : -1;
    const expected = [...everything].sort((a, b) => sign * (a[KEY[field]] - b[KEY[field]] || (a.id < b.id ? -1 : 1)));
    expect(nodes.map((n) => n.id)).toEqual(expected.map((n) => n.id));
    expect(nodes[0]![KEY[field]]).not.toBe(nodes[nodes.length - 1]![KEY[field]]);
    // The page with its rows, and its total: two queries, however deep.
    expect(new Set(trips)).toEqual(new Set([2]));
  });

  it('sorts a domain’s models by descendants', async () => {
    const response = await server.gql<{ domain: { models: { nodes: Counted[] } } }>(
      '{ domain(id: "medical-imaging") { models(first: 100, orderBy: [{ field: DESCENDANTS, direction: DESC }]) { nodes { id descendantCount } } } }',
    );
    const counts = response.data!.domain.models.nodes.map((n) => n.descendantCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBeGreaterThan(0);
  });
});
