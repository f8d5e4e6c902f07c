import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';
import { EXPECTED_STATS } from '../expected.js';

describe('Query fields over HTTP', () => {
  const server = useTestServer();

  it('answers { __typename } as the README promises', async () => {
    const response = await server.gql('{ __typename }');
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ __typename: 'Query' });
  });

  it('lists domains by name', async () => {
    const { data } = await server.gql<{ domains: { id: string }[] }>('{ domains { id } }');
    expect(data?.domains.map((d) => d.id)).toEqual([
      'clinical-informatics',
      'computational-biology',
      'drug-discovery',
      'medical-imaging',
      'public-health',
    ]);
  });

  it('resolves a model with its scalars, enums, paper and relations', async () => {
    const { data } = await server.gql(`{
      model(id: "esm-2") {
        id name year organization paradigm modalities parameters openWeights
        paper { title venue year url }
        domains { id } tasks { id } trainedOn { id } evaluatedOn { id } basedOn { id }
        derivatives { id }
      }
    }`);
    expect(data?.['model']).toEqual({
      id: 'esm-2',
      name: 'ESM-2',
      year: 2022,
      organization: 'Meta AI',
      paradigm: 'DISCRIMINATIVE',
      modalities: ['PROTEIN_SEQUENCE'],
      parameters: 15_000_000_000,
      openWeights: true,
      paper: {
        title: 'Evolutionary-scale prediction of atomic-level protein structure with a language model',
        venue: 'Science',
        year: 2023,
        url: 'https://doi.org/10.1126/science.ade2574',
      },
      domains: [{ id: 'computational-biology' }],
      tasks: [{ id: 'protein-function-prediction' }, { id: 'protein-structure-prediction' }, { id: 'variant-effect-prediction' }],
      trainedOn: [{ id: 'uniref50' }, { id: 'uniref90' }],
      evaluatedOn: [{ id: 'cameo' }, { id: 'casp14' }],
      basedOn: [],
      derivatives: ['deepgo-se', 'esm-aa', 'esm-gearnet', 'esmfold', 'glm-genomic', 'prot2token', 'protrek', 'protst'].map((id) => ({ id })),
    });
  });

  it('follows biobert to what it is based on', async () => {
    const { data } = await server.gql('{ model(id: "biobert") { basedOn { id name domains { id } } } }');
    expect(data?.['model']).toEqual({ basedOn: [{ id: 'bert', name: 'BERT', domains: [] }] });
  });

  it('resolves a domain with its tasks, paged models and distinct datasets', async () => {
    const { data } = await server.gql<{
      domain: { name: string; tasks: { id: string }[]; models: { totalCount: number }; datasets: { id: string }[] };
    }>('{ domain(id: "public-health") { name tasks { id } models { totalCount } datasets { id } } }');
    expect(data?.domain.name).toBe('Public Health');
    expect(data?.domain.tasks).toHaveLength(14);
    expect(data?.domain.tasks.slice(0, 2).map((t) => t.id)).toEqual(['air-quality-forecasting', 'nutrition-recommendation']);
    expect(data?.domain.models.totalCount).toBe(52);
    expect(data?.domain.datasets).toHaveLength(41);
    expect(data?.domain.datasets.slice(0, 3).map((d) => d.id)).toEqual(['apollocorpora', 'aw-fb', 'cdc-fluview']);
  });

  it('resolves a task with its domains, models and datasets', async () => {
    const { data } = await server.gql(`{
      task(id: "protein-structure-prediction") {
        name domains { id } models(first: 3) { totalCount nodes { id } } datasets { id }
      }
    }`);
    expect(data?.['task']).toEqual({
      name: 'Protein structure prediction',
      domains: [{ id: 'computational-biology' }],
      models: { totalCount: 25, nodes: [{ id: 'alphafold-2' }, { id: 'alphafold-3' }, { id: 'alphafold-multimer' }] },
      datasets: ['cameo', 'casp14', 'cb513', 'pdb', 'sabdab', 'tape'].map((id) => ({ id })),
    });
  });

  it('resolves a dataset with its modality, url, tasks and the models trained and evaluated on it', async () => {
    const { data } = await server.gql(`{
      dataset(id: "chembl") { name modality size url tasks { id } trainedModels { id } evaluatedModels { id } }
    }`);
    expect(data?.['dataset']).toEqual({
      name: 'ChEMBL',
      modality: 'SMALL_MOLECULE',
      size: 'over 2 million distinct compounds (recent releases)',
      url: 'https://www.ebi.ac.uk/chembl/',
      tasks: [{ id: 'drug-target-interaction-prediction' }, { id: 'molecular-property-prediction' }],
      trainedModels: ['grover', 'mg-bert', 'pretrain-gnn', 'smiles-transformer'].map((id) => ({ id })),
      evaluatedModels: [],
    });
  });

  it('filters the root task and dataset lists', async () => {
    const { data } = await server.gql<{ tasks: unknown[]; all: unknown[]; datasets: { id: string }[]; small: unknown[] }>(`{
      tasks(domain: "drug-discovery") { id }
      all: tasks { id }
      datasets(task: "admet-prediction", modality: SMALL_MOLECULE) { id }
      small: datasets(modality: SMALL_MOLECULE) { id }
    }`);
    expect(data?.tasks).toHaveLength(17);
    expect(data?.all).toHaveLength(75);
    expect(data?.datasets.map((d) => d.id)).toEqual(['moleculenet', 'tdc']);
    expect(data?.small).toHaveLength(16);
  });

  it('resolves node(id:) to the right type', async () => {
    const { data } = await server.gql(`{
      a: node(id: "esm-2") { __typename id ... on Model { name } }
      b: node(id: "chembl") { __typename ... on Dataset { name } }
      c: node(id: "drug-discovery") { __typename }
      d: node(id: "admet-prediction") { __typename }
    }`);
    expect(data).toEqual({
      a: { __typename: 'Model', id: 'esm-2', name: 'ESM-2' },
      b: { __typename: 'Dataset', name: 'ChEMBL' },
      c: { __typename: 'Domain' },
      d: { __typename: 'Task' },
    });
  });

  it('gives null or an empty list for unknown ids, and null for an id of another type', async () => {
    const { data, errors } = await server.gql(`{
      node(id: "nope") { id } domain(id: "nope") { id } task(id: "nope") { id } dataset(id: "nope") { id }
      model(id: "nope") { id } wrongType: model(id: "chembl") { id }
      neighborhood(id: "nope") { nodes { id } }
      relatedModels(id: "nope") { score } tasks(domain: "nope") { id }
      descendants: models(where: { descendantOf: "nope" }) { totalCount }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      node: null, domain: null, task: null, dataset: null, model: null, wrongType: null,
      neighborhood: null, relatedModels: [], tasks: [], descendants: { totalCount: 0 },
    });
  });

  it('finds ESM models by full-text search, best first', async () => {
    const { data } = await server.gql<{ search: { score: number; node: { id: string } }[] }>(
      '{ search(text: "ESM", first: 10) { score node { id } } }',
    );
    const ids = data!.search.map((hit) => hit.node.id);
    expect(ids).toHaveLength(10);
    expect(ids).toEqual(expect.arrayContaining(['esm-2', 'esm-1b', 'esmfold']));
    const scores = data!.search.map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('finds a shortest path from a protein model to a drug-discovery dataset', async () => {
    const { data } = await server.gql<{
      path: { length: number; nodes: { __typename: string; id: string }[]; edges: { type: string; from: string; to: string }[] };
    }>('{ path(from: "esm-2", to: "chembl") { length nodes { __typename id } edges { type from to } } }');
    const path = data!.path;
    expect(path.length).toBe(3);
    expect(path.nodes[0]).toEqual({ __typename: 'Model', id: 'esm-2' });
    expect(path.nodes[3]).toEqual({ __typename: 'Dataset', id: 'chembl' });
    expect(path.edges).toHaveLength(3);
    // Consecutive edges share an entity: the path is connected.
    path.edges.forEach((edge, i) => {
      expect([edge.from, edge.to].sort()).toEqual([path.nodes[i]!.id, path.nodes[i + 1]!.id].sort());
    });
  });

  it('gives null when no path fits within maxHops, and a zero-length path to itself', async () => {
    const { data } = await server.gql(`{
      tooShort: path(from: "esm-2", to: "chembl", maxHops: 2) { length }
      self: path(from: "esm-2", to: "esm-2") { length nodes { id } edges { type } }
    }`);
    expect(data).toEqual({ tooShort: null, self: { length: 0, nodes: [{ id: 'esm-2' }], edges: [] } });
  });

  it('returns the depth-1 neighbourhood of esm-2 with the relationships among it', async () => {
    const { data } = await server.gql<{
      neighborhood: { truncated: boolean; nodes: { id: string }[]; edges: { type: string; from: string; to: string }[] };
    }>('{ neighborhood(id: "esm-2") { truncated nodes { id } edges { type from to } } }');
    const { nodes, edges, truncated } = data!.neighborhood;
    expect(truncated).toBe(false);
    // esm-2 itself, 1 domain, 3 tasks, 4 datasets and 8 derivatives.
    expect(nodes).toHaveLength(17);
    expect(nodes[0]).toEqual({ id: 'esm-2' });
    expect(edges).toContainEqual({ type: 'IN_DOMAIN', from: 'esm-2', to: 'computational-biology' });
    expect(edges).toContainEqual({ type: 'BASED_ON', from: 'esmfold', to: 'esm-2' });
  });

  it('caps a large neighbourhood at 200 entities and says it was cut', async () => {
    const { data } = await server.gql<{ neighborhood: { truncated: boolean; nodes: unknown[] } }>(
      '{ neighborhood(id: "computational-biology", depth: 3) { truncated nodes { id } } }',
    );
    expect(data?.neighborhood.nodes).toHaveLength(200);
    expect(data?.neighborhood.truncated).toBe(true);
  });

  it('scores related models by the Jaccard index computed by hand for esm-2', async () => {
    const { data } = await server.gql<{
      relatedModels: { score: number; model: { id: string }; sharedTasks: { id: string }[]; sharedDatasets: { id: string }[] }[];
    }>('{ relatedModels(id: "esm-2", first: 3) { score model { id } sharedTasks { id } sharedDatasets { id } } }');
    // esm-2 has 7 features: 3 tasks + uniref50, uniref90, casp14, cameo.
    // carp has 4, all shared: 4 / (7 + 4 - 4) = 4/7. esm-1b has 5, 4 shared: 4/8. esmfold has 5, 4 shared: 4/8.
    expect(data?.relatedModels).toEqual([
      {
        score: 4 / 7,
        model: { id: 'carp' },
        sharedTasks: [{ id: 'protein-function-prediction' }, { id: 'protein-structure-prediction' }, { id: 'variant-effect-prediction' }],
        sharedDatasets: [{ id: 'uniref50' }],
      },
      {
        score: 0.5,
        model: { id: 'esm-1b' },
        sharedTasks: [{ id: 'protein-function-prediction' }, { id: 'protein-structure-prediction' }, { id: 'variant-effect-prediction' }],
        sharedDatasets: [{ id: 'uniref50' }],
      },
      {
        score: 0.5,
        model: { id: 'esmfold' },
        sharedTasks: [{ id: 'protein-structure-prediction' }],
        sharedDatasets: [{ id: 'cameo' }, { id: 'casp14' }, { id: 'uniref50' }],
      },
    ]);
  });

  it('reports the sizes of the graph', async () => {
    const { data } = await server.gql('{ stats { domains tasks datasets models relationships } }');
    expect(data?.['stats']).toEqual(EXPECTED_STATS);
  });
});
