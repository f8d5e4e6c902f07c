import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';
import { EXPECTED, EXPECTED_STATS } from '../expected.js';
import * as oracle from '../facts-oracle.js';

const idsOf = (items: readonly { id: string }[]): { id: string }[] => items.map(({ id }) => ({ id }));

describe('Query fields over HTTP', () => {
  const server = useTestServer();

  it('answers { __typename } as the README promises', async () => {
    const response = await server.gql('{ __typename }');
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ __typename: 'Query' });
  });

  it('lists domains by name', async () => {
    const { data } = await server.gql<{ domains: { id: string }[] }>('{ domains { id } }');
    expect(data?.domains.map((d) => d.id)).toEqual(oracle.ids(oracle.byName(oracle.FACTS.domains)));
    expect(data?.domains.map((d) => d.id)).toContain('drug-discovery');
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
    const esm2 = oracle.model('esm-2');
    // The facts as the API spells them: enum values in upper snake case, the paper as an object.
    expect(oracle.apiModel(esm2)).toMatchObject({ name: 'ESM-2', paradigm: 'DISCRIMINATIVE', modalities: ['PROTEIN_SEQUENCE'] });
    expect(data?.['model']).toEqual({
      ...oracle.apiModel(esm2),
      domains: idsOf(oracle.modelDomains(esm2)),
      tasks: idsOf(oracle.modelTasks(esm2)),
      trainedOn: idsOf(oracle.modelTrainedOn(esm2)),
      evaluatedOn: idsOf(oracle.modelEvaluatedOn(esm2)),
      basedOn: idsOf(oracle.modelBasedOn(esm2)),
      derivatives: idsOf(oracle.derivatives('esm-2')),
    });
    expect(oracle.ids(oracle.derivatives('esm-2'))).toContain('esmfold');
  });

  it('says where the facts of every model without a paper come from, and nothing for one with a paper', async () => {
    interface Sourced {
      id: string;
      paper: { url: string | null } | null;
      sourceNote: string | null;
    }
    interface SourcedPage {
      models: { nodes: Sourced[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
    }
    const answered = new Map<string, Sourced>();
    let after: string | null = null;
    do {
      const page: SourcedPage['models'] = (
        await server.gql<SourcedPage>(
          'query($after: String) { models(first: 100, after: $after) { nodes { id paper { url } sourceNote } pageInfo { endCursor hasNextPage } } }',
          { after },
        )
      ).data!.models;
      for (const node of page.nodes) answered.set(node.id, node);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    expect(answered.size).toBe(oracle.FACTS.models.length);
    const noted = oracle.FACTS.models.filter((m) => m.sourceNote !== undefined);
    expect(noted.length).toBeGreaterThan(0);
    for (const model of oracle.FACTS.models) expect(answered.get(model.id)!.sourceNote).toBe(model.sourceNote ?? null);
    for (const model of noted) expect(answered.get(model.id)!.paper).toBeNull();
    const { data } = await server.gql<{ model: { sourceNote: string | null } }>('{ model(id: "ark-plus") { sourceNote } }');
    expect(data!.model.sourceNote).toBe(oracle.model('ark-plus').sourceNote);
  });

  it('follows biobert to what it is based on', async () => {
    const { data } = await server.gql('{ model(id: "biobert") { basedOn { id name domains { id } } } }');
    const basedOn = oracle.modelBasedOn(oracle.model('biobert'));
    expect(oracle.ids(basedOn)).toContain('bert');
    expect(data?.['model']).toEqual({
      basedOn: basedOn.map((m) => ({ id: m.id, name: m.name, domains: idsOf(oracle.modelDomains(m)) })),
    });
  });

  it('resolves a domain with its tasks, paged models and distinct datasets', async () => {
    const { data } = await server.gql<{
      domain: { name: string; tasks: { id: string }[]; models: { totalCount: number }; datasets: { id: string }[] };
    }>('{ domain(id: "public-health") { name tasks { id } models { totalCount } datasets { id } } }');
    expect(data?.domain.name).toBe(oracle.domain('public-health').name);
    expect(data?.domain.tasks).toEqual(idsOf(oracle.domainTasks('public-health')));
    expect(oracle.ids(oracle.domainTasks('public-health'))).toContain('air-quality-forecasting');
    expect(data?.domain.models.totalCount).toBe(oracle.models({ domain: 'public-health' }).length);
    const datasets = oracle.domainDatasets('public-health');
    // Distinct: a dataset benchmarking several of the domain's tasks is listed once.
    expect(datasets.length).toBeLessThan(oracle.domainTasks('public-health').flatMap((t) => oracle.taskDatasets(t.id)).length);
    expect(data?.domain.datasets).toEqual(idsOf(datasets));
  });

  it('resolves a task with its domains, models and datasets', async () => {
    const { data } = await server.gql(`{
      task(id: "protein-structure-prediction") {
        name domains { id } models(first: 3) { totalCount nodes { id } } datasets { id }
      }
    }`);
    const task = oracle.task('protein-structure-prediction');
    const models = oracle.models({ task: task.id });
    expect(oracle.ids(models)).toContain('alphafold-2');
    expect(data?.['task']).toEqual({
      name: task.name,
      domains: idsOf(oracle.taskDomains(task)),
      models: { totalCount: models.length, nodes: idsOf(models.slice(0, 3)) },
      datasets: idsOf(oracle.taskDatasets(task.id)),
    });
  });

  it('resolves a dataset with its modality, url, tasks and the models trained and evaluated on it', async () => {
    const { data } = await server.gql(`{
      dataset(id: "chembl") { name modality size url tasks { id } trainedModels { id } evaluatedModels { id } }
    }`);
    const chembl = oracle.dataset('chembl');
    expect(chembl).toMatchObject({ name: 'ChEMBL', modality: 'small-molecule', url: 'https://www.ebi.ac.uk/chembl/' });
    expect(oracle.ids(oracle.trainedModels('chembl'))).toContain('grover');
    expect(data?.['dataset']).toEqual({
      name: chembl.name,
      modality: 'SMALL_MOLECULE',
      size: chembl.size,
      url: chembl.url,
      tasks: idsOf(oracle.datasetTasks(chembl)),
      trainedModels: idsOf(oracle.trainedModels('chembl')),
      evaluatedModels: idsOf(oracle.evaluatedModels('chembl')),
    });
  });

  it('filters the root task and dataset lists', async () => {
    const { data } = await server.gql<{ tasks: unknown[]; all: unknown[]; datasets: { id: string }[]; small: unknown[] }>(`{
      tasks(domain: "drug-discovery") { id }
      all: tasks { id }
      datasets(task: "admet-prediction", modality: SMALL_MOLECULE) { id }
      small: datasets(modality: SMALL_MOLECULE) { id }
    }`);
    const admet = oracle.datasets({ task: 'admet-prediction', modality: 'SMALL_MOLECULE' });
    const small = oracle.datasets({ modality: 'SMALL_MOLECULE' });
    // Each filter narrows the list it applies to.
    expect(oracle.ids(admet)).toContain('tdc');
    expect(admet.length).toBeLessThan(small.length);
    expect(small.length).toBeLessThan(oracle.FACTS.datasets.length);
    expect(oracle.tasks('drug-discovery').length).toBeLessThan(oracle.FACTS.tasks.length);
    expect(data?.tasks).toEqual(idsOf(oracle.tasks('drug-discovery')));
    expect(data?.all).toEqual(idsOf(oracle.tasks()));
    expect(data?.datasets).toEqual(idsOf(admet));
    expect(data?.small).toEqual(idsOf(small));
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
    // esm-2 itself, then its domains, tasks, datasets, base models, derivatives and organisations by name.
    const neighbours = oracle.modelNeighbours(oracle.model('esm-2'));
    expect(oracle.ids(neighbours)).toEqual(expect.arrayContaining(['computational-biology', 'esmfold', 'meta-ai']));
    expect(nodes).toEqual([{ id: 'esm-2' }, ...idsOf(neighbours)]);
    expect(edges).toContainEqual({ type: 'IN_DOMAIN', from: 'esm-2', to: 'computational-biology' });
    expect(edges).toContainEqual({ type: 'BASED_ON', from: 'esmfold', to: 'esm-2' });
  });

  it('answers the fields selected on the neighbourhood entities from its one query, as the graph stores them', async () => {
    const response = await server.gql<{ neighborhood: { nodes: { id: string; name: string; __typename: string; year?: number | null; modality?: string | null }[] } }>(
      `{ neighborhood(id: "esm-2") { nodes { id __typename
        ... on Model { name year } ... on Dataset { name modality } ... on Task { name } ... on Domain { name } ... on Organization { name }
      } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.cypherQueries).toBe(1);
    const nodes = response.data!.neighborhood.nodes;
    const rows = await server.db.read(
      `UNWIND $ids AS id MATCH (n:Entity {id: id})
       RETURN n.id AS id, n.name AS name, head([l IN labels(n) WHERE l <> 'Entity']) AS label, n.year AS year, n.modality AS modality`,
      { ids: nodes.map((n) => n.id) },
    );
    const stored = new Map(rows.map((row) => [row['id'] as string, row]));
    expect(nodes.map((n) => n.__typename)).toEqual(expect.arrayContaining(['Model', 'Domain', 'Task']));
    for (const node of nodes) {
      const row = stored.get(node.id)!;
      expect(node.name).toBe(row['name']);
      expect(node.__typename).toBe(row['label']);
      if (node.__typename === 'Model') expect(node.year).toBe(row['year'] ?? null);
      if (node.__typename === 'Dataset') expect(node.modality?.toLowerCase().replaceAll('_', '-') ?? null).toBe(row['modality'] ?? null);
    }
  });

  it('caps a large neighbourhood at 200 entities and says it was cut', async () => {
    const { data } = await server.gql<{ neighborhood: { truncated: boolean; nodes: unknown[] } }>(
      '{ neighborhood(id: "computational-biology", depth: 3) { truncated nodes { id } } }',
    );
    expect(data?.neighborhood.nodes).toHaveLength(200);
    expect(data?.neighborhood.truncated).toBe(true);
  });

  it('scores related models of esm-2 by the Jaccard index of their tasks and datasets, best first', async () => {
    const { data } = await server.gql<{
      relatedModels: { score: number; model: { id: string }; sharedTasks: { id: string }[]; sharedDatasets: { id: string }[] }[];
    }>('{ relatedModels(id: "esm-2", first: 3) { score model { id } sharedTasks { id } sharedDatasets { id } } }');
    const expected = oracle.relatedModels('esm-2').slice(0, 3);
    expect(expected).toHaveLength(3);
    expect(data?.relatedModels).toEqual(
      expected.map((r) => ({
        score: r.score,
        model: { id: r.model.id },
        sharedTasks: idsOf(r.sharedTasks),
        sharedDatasets: idsOf(r.sharedDatasets),
      })),
    );
  });

  it('answers the related models\' own fields from the one query that scores them', async () => {
    const { data, extensions } = await server.gql<{
      relatedModels: { model: { id: string; year: number | null; architecture: string | null; paper: { url: string | null } | null } }[];
    }>('{ relatedModels(id: "esm-2", first: 3) { model { id year architecture paper { url } } } }');
    const expected = oracle.relatedModels('esm-2').slice(0, 3);
    expect(data?.relatedModels).toEqual(
      expected.map(({ model }) => ({
        model: { id: model.id, year: model.year, architecture: model.architecture, paper: model.paper && { url: model.paper.url } },
      })),
    );
    expect(extensions?.cypherQueries).toBe(1);
  });

  it('reports the sizes of the graph', async () => {
    const { data } = await server.gql('{ stats { domains tasks datasets models organizations relationships } }');
    expect(data?.['stats']).toEqual(EXPECTED_STATS);
  });

  it('counts in relationships the RelationType kinds and the ACHIEVED and ON links of each result, as the schema says', async () => {
    const { data } = await server.gql<{ __type: { enumValues: { name: string }[] }; stats: { relationships: number } }>(
      '{ __type(name: "RelationType") { enumValues { name } } stats { relationships } }',
    );
    const kinds = data!.__type.enumValues.map(({ name }) => name);
    const ofKinds = kinds.reduce((sum, kind) => sum + (EXPECTED.relationships[kind] ?? 0), 0);
    const results = EXPECTED.labels['Result']!;
    expect(kinds).not.toContain('ACHIEVED');
    expect(results).toBeGreaterThan(0);
    expect([EXPECTED.relationships['ACHIEVED'], EXPECTED.relationships['ON']]).toEqual([results, results]);
    expect(data!.stats.relationships).toBe(ofKinds + 2 * results);
  });
});
