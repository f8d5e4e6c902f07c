import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

interface DatasetFacts {
  id: string;
  name: string;
  modality: string | null;
  trainedModelCount: number;
  evaluatedModelCount: number;
  tasks: { id: string; domains: { id: string }[] }[];
  trainedModels: { id: string; domains: { id: string }[] }[];
  evaluatedModels: { id: string }[];
}

const LIST = `query Datasets($where: DatasetWhere, $orderBy: [DatasetOrder!], $task: ID, $modality: Modality) {
  datasets(where: $where, orderBy: $orderBy, task: $task, modality: $modality) {
    id name modality trainedModelCount evaluatedModelCount
    tasks { id domains { id } } trainedModels { id domains { id } } evaluatedModels { id }
  }
}`;

const byName = (a: DatasetFacts, b: DatasetFacts): number => {
  const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
};

describe('Query.datasets with where and orderBy', () => {
  const server = useTestServer();
  let all: DatasetFacts[];

  async function list(variables: Record<string, unknown>): Promise<{ datasets: DatasetFacts[]; roundTrips: number }> {
    const response = await server.gql<{ datasets: DatasetFacts[] }>(LIST, variables);
    expect(response.errors).toBeUndefined();
    return { datasets: response.data!.datasets, roundTrips: response.extensions!.cypherQueries! };
  }

  beforeAll(async () => {
    ({ datasets: all } = await list({}));
  });

  it('lists every dataset by name with its stored counts equal to its links', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all).toEqual([...all].sort(byName));
    for (const dataset of all) {
      expect(dataset.trainedModelCount, dataset.id).toBe(dataset.trainedModels.length);
      expect(dataset.evaluatedModelCount, dataset.id).toBe(dataset.evaluatedModels.length);
    }
  });

  const inDomain = (dataset: DatasetFacts, domain: string): boolean => dataset.tasks.some((t) => t.domains.some((d) => d.id === domain));

  it.each([
    ['modality', { modality: 'PROTEIN_SEQUENCE' }, (d: DatasetFacts) => d.modality === 'PROTEIN_SEQUENCE'],
    ['task', { task: 'medical-question-answering' }, (d: DatasetFacts) => d.tasks.some((t) => t.id === 'medical-question-answering')],
    ['domain', { domain: 'drug-discovery' }, (d: DatasetFacts) => inDomain(d, 'drug-discovery')],
    ['usedForTraining: true', { usedForTraining: true }, (d: DatasetFacts) => d.trainedModels.length > 0],
    ['usedForTraining: false', { usedForTraining: false }, (d: DatasetFacts) => d.trainedModels.length === 0],
    ['usedForEvaluation: false', { usedForEvaluation: false }, (d: DatasetFacts) => d.evaluatedModels.length === 0],
    [
      'trainedByDomain',
      { trainedByDomain: 'computational-biology' },
      (d: DatasetFacts) => d.trainedModels.some((m) => m.domains.some((x) => x.id === 'computational-biology')),
    ],
    ['nameContains, case-insensitively', { nameContains: 'MIMIC' }, (d: DatasetFacts) => d.name.toLowerCase().includes('mimic')],
    [
      'several conditions',
      { usedForTraining: false, usedForEvaluation: true, domain: 'clinical-informatics' },
      (d: DatasetFacts) => d.trainedModels.length === 0 && d.evaluatedModels.length > 0 && inDomain(d, 'clinical-informatics'),
    ],
  ])('filters by %s as the links say', async (_name, where, keep) => {
    const expected = all.filter(keep);
    expect(expected.length).toBeGreaterThan(0);
    const { datasets } = await list({ where });
    expect(datasets.map((d) => d.id)).toEqual(expected.map((d) => d.id));
  });

  it('keeps the older task and modality arguments', async () => {
    const older = await list({ task: 'protein-structure-prediction', modality: 'PROTEIN_STRUCTURE' });
    const newer = await list({ where: { task: 'protein-structure-prediction', modality: 'PROTEIN_STRUCTURE' } });
    expect(older.datasets.length).toBeGreaterThan(0);
    expect(older.datasets).toEqual(newer.datasets);
    const both = await list({ task: 'Protein-Structure-Prediction', modality: 'PROTEIN_STRUCTURE', where: { task: 'protein-structure-prediction', modality: 'PROTEIN_STRUCTURE' } });
    expect(both.datasets).toEqual(newer.datasets);
  });

  const KEY = {
    TRAINED_MODELS: (d: DatasetFacts) => d.trainedModels.length,
    EVALUATED_MODELS: (d: DatasetFacts) => d.evaluatedModels.length,
    TASKS: (d: DatasetFacts) => d.tasks.length,
  };

  it.each([
    ['TRAINED_MODELS', 'DESC'],
    ['EVALUATED_MODELS', 'DESC'],
    ['TASKS', 'DESC'],
    ['TASKS', 'ASC'],
  ] as const)('orders by %s %s, then by name', async (field, direction) => {
    const sign = direction === 'ASC' ? 1 : -1;
    const expected = [...all].sort((a, b) => sign * (KEY[field](a) - KEY[field](b)) || byName(a, b));
    const { datasets } = await list({ orderBy: [{ field, direction }] });
    expect(datasets.map((d) => d.id)).toEqual(expected.map((d) => d.id));
  });

  it('orders by name descending', async () => {
    const { datasets } = await list({ orderBy: [{ field: 'NAME', direction: 'DESC' }] });
    expect(datasets.map((d) => d.name.toLowerCase())).toEqual(all.map((d) => d.name.toLowerCase()).reverse());
  });

  it('answers “datasets that benchmark the most tasks and train no model” in one request', async () => {
    const response = await server.gql<{ datasets: { id: string; trainedModelCount: number; tasks: { id: string }[] }[] }>(
      '{ datasets(where: { usedForTraining: false }, orderBy: [{ field: TASKS, direction: DESC }]) { id trainedModelCount tasks { id } } }',
    );
    const untrained = all.filter((d) => d.trainedModels.length === 0);
    const datasets = response.data!.datasets;
    expect(datasets.map((d) => d.id).sort()).toEqual(untrained.map((d) => d.id).sort());
    expect(datasets[0]!.tasks.length).toBe(Math.max(...untrained.map((d) => d.tasks.length)));
    expect(datasets.every((d) => d.trainedModelCount === 0)).toBe(true);
    // The list with its stored counts, then the tasks of all of them.
    expect(response.extensions?.cypherQueries).toBe(2);
  });

  it('rejects the same orderBy field twice', async () => {
    const response = await server.gql(LIST, { orderBy: [{ field: 'TASKS' }, { field: 'TASKS', direction: 'DESC' }] });
    expect(response.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'orderBy' } });
  });
});
