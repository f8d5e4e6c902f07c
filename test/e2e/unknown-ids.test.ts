import { describe, expect, it } from 'vitest';
import { MAX_SUGGESTIONS } from '../../src/loaders/suggestions.js';
import { expectWarnings, useTestServer } from '../harness.js';

describe('an id that names nothing', () => {
  const server = useTestServer();

  it('answers null or [] with an UNKNOWN_ID warning naming the entity of that kind probably meant', async () => {
    const response = await server.gql<Record<string, unknown>>(`{
      model(id: "esm2") { name }
      dataset(id: "MedQA") { name }
      task(id: "protien-design") { name }
      node(id: "geneformr") { id }
      relatedModels(id: "alphafold") { score }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ model: null, dataset: null, task: null, node: null, relatedModels: [] });
    expectWarnings(response, [
      { code: 'UNKNOWN_ID', argument: 'id', message: 'no model has the id "esm2"; did you mean "esm-2" (ESM-2)?', suggestion: 'esm-2' },
      { code: 'UNKNOWN_ID', argument: 'id', message: 'no dataset has the id "medqa"; did you mean "medqa-usmle" (MedQA (USMLE))?', suggestion: 'medqa-usmle' },
      {
        code: 'UNKNOWN_ID',
        argument: 'id',
        message: 'no task has the id "protien-design"; did you mean "protein-design" (Protein design and generation)?',
        suggestion: 'protein-design',
      },
      { code: 'UNKNOWN_ID', argument: 'id', message: 'no entity has the id "geneformr"; did you mean "geneformer" (Geneformer)?', suggestion: 'geneformer' },
      { code: 'UNKNOWN_ID', argument: 'id', message: 'no model has the id "alphafold"; did you mean "alphafold-2" (AlphaFold 2)?', suggestion: 'alphafold-2' },
    ]);
  });

  it('suggests only an entity of the kind asked for, near the start of a name as a whole, and nothing for an id near no name as a whole', async () => {
    // ESM-2 is a model: as a dataset id, "esm2" is near no dataset. "nope" is near the word "note" of a task's name,
    // which a search finds, but near no task's name, id or alias as a whole.
    const response = await server.gql<Record<string, unknown>>(
      '{ dataset(id: "esm2") { name } organization(id: "qqqqzz") { name } domain(id: "drug-discovry") { name } task(id: "nope") { name } model(id: "alfafold") { name } }',
    );
    expect(response.data).toEqual({ dataset: null, organization: null, domain: null, task: null, model: null });
    // A letter or two starts too many names to hint at one.
    const short = await server.gql('{ a: model(id: "a") { name } t: node(id: "t") { id } }');
    expectWarnings(short, [
      { code: 'UNKNOWN_ID', argument: 'id', message: 'no model has the id "a"' },
      { code: 'UNKNOWN_ID', argument: 'id', message: 'no entity has the id "t"' },
    ]);
    expectWarnings(response, [
      // Misspelt and without its version: 3 edits from AlphaFold 2's whole key, 2 from the start of it.
      { code: 'UNKNOWN_ID', argument: 'id', message: 'no model has the id "alfafold"; did you mean "alphafold-2" (AlphaFold 2)?', suggestion: 'alphafold-2' },
      { code: 'UNKNOWN_ID', argument: 'id', message: 'no task has the id "nope"' },
      {
        code: 'UNKNOWN_ID',
        argument: 'id',
        message: 'no domain has the id "drug-discovry"; did you mean "drug-discovery" (Drug Discovery and Development)?',
        suggestion: 'drug-discovery',
      },
      { code: 'UNKNOWN_ID', argument: 'id', message: 'no dataset has the id "esm2"' },
      { code: 'UNKNOWN_ID', argument: 'id', message: 'no organization has the id "qqqqzz"' },
    ]);
  });

  it('says what an id of another kind is, in lookups and filters, instead of suggesting a name near it', async () => {
    // Ids of the seeded graph, each of one kind: given as another kind, each was meant as itself.
    type Named = { __typename: string; name: string };
    const { data: found } = await server.gql<Record<'chembl' | 'alphabet' | 'imaging' | 'esm', Named>>(`{
      chembl: node(id: "chembl") { __typename ... on Dataset { name } }
      alphabet: node(id: "alphabet") { __typename ... on Organization { name } }
      imaging: node(id: "medical-imaging") { __typename ... on Domain { name } }
      esm: node(id: "esm-2") { __typename ... on Model { name } }
    }`);
    expect(Object.values(found!).map(({ __typename }) => __typename)).toEqual(['Dataset', 'Organization', 'Domain', 'Model']);
    const { chembl, alphabet, imaging, esm } = found!;
    const response = await server.gql<Record<string, unknown>>(`{
      model(id: "ChEMBL") { name }
      models(where: { domain: "chembl" }) { nodes { id } }
      dataset(id: "alphabet") { name }
      relatedModels(id: "medical-imaging") { score }
      leaderboard(dataset: "esm-2", metric: "accuracy", setting: "zero-shot") { metric }
    }`);
    expect(response.data).toEqual({ model: null, models: { nodes: [] }, dataset: null, relatedModels: [], leaderboard: null });
    expectWarnings(response, [
      // Once suggested as ChemLML, a model whose name is near "chembl".
      { code: 'UNKNOWN_ID', argument: 'id', message: `no model has the id "chembl"; "chembl" is a dataset (${chembl.name})`, otherKind: 'DATASET' },
      { code: 'UNKNOWN_ID', argument: 'where.domain', message: `no domain has the id "chembl"; "chembl" is a dataset (${chembl.name})`, otherKind: 'DATASET' },
      { code: 'UNKNOWN_ID', argument: 'id', message: `no dataset has the id "alphabet"; "alphabet" is an organization (${alphabet.name})`, otherKind: 'ORGANIZATION' },
      { code: 'UNKNOWN_ID', argument: 'id', message: `no model has the id "medical-imaging"; "medical-imaging" is a domain (${imaging.name})`, otherKind: 'DOMAIN' },
      { code: 'UNKNOWN_ID', argument: 'dataset', message: `no dataset has the id "esm-2"; "esm-2" is a model (${esm.name})`, otherKind: 'MODEL' },
    ]);
    // The lookup by id tells the kind: no search for a name near it.
    const one = await server.gql('{ model(id: "chembl") { name } }');
    expect(one.extensions?.cypherQueries).toBe(1);
  });

  it('costs nothing more when the id is known, and one search for all the suggestions of a request', async () => {
    const known = await server.gql<Record<string, unknown>>('{ a: model(id: "esm-2") { name } b: model(id: "geneformer") { name } }');
    expect(known.extensions?.warnings).toBeUndefined();
    expect(known.extensions?.cypherQueries).toBe(1);
    const unknown = await server.gql<Record<string, unknown>>('{ a: model(id: "esm2") { name } b: model(id: "geneformr") { name } }');
    expect(unknown.extensions?.warnings?.map((w) => w.suggestion)).toEqual(expect.arrayContaining(['esm-2', 'geneformer']));
    // The batched lookup by id, then one search for both.
    expect(unknown.extensions?.cypherQueries).toBe(2);
  });

  it(`suggests for at most ${String(MAX_SUGGESTIONS)} ids a request, since a suggestion is a search the cost limit does not charge`, async () => {
    const ids = ['esm2', 'geneformr', 'alphafold', 'chemberta2', 'biogpt2', 'scgpt2', 'medpalm3'];
    const response = await server.gql<Record<string, unknown>>(`{ ${ids.map((id, i) => `m${String(i)}: model(id: "${id}") { name }`).join(' ')} }`);
    const warnings = response.extensions!.warnings!;
    expect(warnings.map((w) => w.message.split(';')[0])).toEqual(expect.arrayContaining(ids.map((id) => `no model has the id "${id}"`)));
    expect(warnings).toHaveLength(ids.length);
    expect(warnings.filter((w) => w.suggestion !== undefined)).toHaveLength(MAX_SUGGESTIONS);
    expect(response.extensions?.cypherQueries).toBe(2);
  });

  it('names the entity probably meant in the NOT_FOUND error of an unknown path end', async () => {
    const response = await server.gql('{ path(from: "esm2", to: "chembl") { length } }');
    expect(response.errors![0]).toMatchObject({
      message: 'from: no entity has the id "esm2"; did you mean "esm-2" (ESM-2)?',
      extensions: { code: 'NOT_FOUND', argument: 'from', suggestion: 'esm-2' },
    });
  });
});
