import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';
import { EXPECTED_STATS } from '../expected.js';

describe('bad arguments', () => {
  const server = useTestServer();

  it.each([
    ['first below 0', '{ models(first: -1) { totalCount } }', 'first', 'first must be 0..100, got -1'],
    ['first above 100', '{ models(first: 101) { totalCount } }', 'first', 'first must be 0..100, got 101'],
    ['nested first above 100', '{ domains { models(first: 500) { totalCount } } }', 'first', 'first must be 0..100, got 500'],
    ['search first above 100', '{ search(text: "esm", first: 1000) { score } }', 'first', 'first must be 0..100, got 1000'],
    ['relatedModels first below 0', '{ relatedModels(id: "esm-2", first: -3) { score } }', 'first', 'first must be 0..100, got -3'],
    ['maxHops 0', '{ path(from: "esm-2", to: "chembl", maxHops: 0) { length } }', 'maxHops', 'maxHops must be 1..6, got 0'],
    ['maxHops 7', '{ path(from: "esm-2", to: "chembl", maxHops: 7) { length } }', 'maxHops', 'maxHops must be 1..6, got 7'],
    ['depth 0', '{ neighborhood(id: "esm-2", depth: 0) { truncated } }', 'depth', 'depth must be 1..3, got 0'],
    ['depth 4', '{ neighborhood(id: "esm-2", depth: 4) { truncated } }', 'depth', 'depth must be 1..3, got 4'],
    ['a malformed cursor', '{ models(after: "garbage") { totalCount } }', 'after', 'after is not a valid cursor: it does not decode'],
    ['the same orderBy field twice', '{ models(orderBy: [{field: YEAR}, {field: YEAR, direction: DESC}]) { totalCount } }', 'orderBy', 'orderBy lists YEAR more than once'],
    ['maxDepth 0', '{ model(id: "llama") { ancestors(maxDepth: 0) { depth } } }', 'maxDepth', 'maxDepth must be 1..20, got 0'],
    ['maxDepth 21', '{ model(id: "llama") { descendants(maxDepth: 21) { depth } } }', 'maxDepth', 'maxDepth must be 1..20, got 21'],
    ['by with no dimension', '{ modelCounts(by: []) { count } }', 'by', 'by must list 1..2 dimensions, got 0'],
    ['by with three dimensions', '{ modelCounts(by: [YEAR, DOMAIN, TASK]) { count } }', 'by', 'by must list 1..2 dimensions, got 3'],
    ['top 0', '{ models { facets(top: 0) { years { count } } } }', 'top', 'top must be 1..100, got 0'],
    ['top 101', '{ models { facets(top: 101) { years { count } } } }', 'top', 'top must be 1..100, got 101'],
    ['paths first 0', '{ paths(from: "esm-2", to: "chembl", first: 0) { length } }', 'first', 'first must be 1..20, got 0'],
    ['paths first 21', '{ paths(from: "esm-2", to: "chembl", first: 21) { length } }', 'first', 'first must be 1..20, got 21'],
    ['paths maxHops 7', '{ paths(from: "esm-2", to: "chembl", maxHops: 7) { length } }', 'maxHops', 'maxHops must be 1..6, got 7'],
    ['the same datasets orderBy field twice', '{ datasets(orderBy: [{field: TASKS}, {field: TASKS}]) { id } }', 'orderBy', 'orderBy lists TASKS more than once'],
    ['a year range that ends before it starts', '{ models(where: { yearFrom: 2024, yearTo: 2020 }) { totalCount } }', 'where.yearFrom', 'where.yearFrom must be at most where.yearTo, got 2024 and 2020'],
    ['a reversed year range of modelCounts', '{ modelCounts(by: [YEAR], where: { yearFrom: 2024, yearTo: 2020 }) { count } }', 'where.yearFrom', 'where.yearFrom must be at most where.yearTo, got 2024 and 2020'],
    ['a reversed year range under a parent', '{ domain(id: "drug-discovery") { models(where: { yearFrom: 2023, yearTo: 2022 }) { totalCount } } }', 'where.yearFrom', 'where.yearFrom must be at most where.yearTo, got 2023 and 2022'],
    ['a reversed year range of leaderboard entries', '{ leaderboards(task: "medical-question-answering") { entries(where: { yearFrom: 2024, yearTo: 2020 }) { rank } } }', 'where.yearFrom', 'where.yearFrom must be at most where.yearTo, got 2024 and 2020'],
    ['training datasets with no training data', '{ models(where: { trainedOnAny: ["chembl"], hasTrainingData: false }) { totalCount } }', 'where.trainedOnAny', 'where.trainedOnAny and where.hasTrainingData: false exclude each other; give one of them'],
    ['evaluation datasets with no evaluation data', '{ models(where: { evaluatedOnAny: ["medqa-usmle"], hasEvaluationData: false }) { totalCount } }', 'where.evaluatedOnAny', 'where.evaluatedOnAny and where.hasEvaluationData: false exclude each other; give one of them'],
    ['datasets of one task and of another in where', '{ datasets(task: "medical-question-answering", where: { task: "protein-structure-prediction" }) { id } }', 'task', 'task and where.task are one condition and must agree when both are given, got "medical-question-answering" and "protein-structure-prediction"'],
    ['datasets of one modality and of another in where', '{ datasets(modality: TEXT, where: { modality: PROTEIN_STRUCTURE }) { id } }', 'modality', 'modality and where.modality are one condition and must agree when both are given, got "TEXT" and "PROTEIN_STRUCTURE"'],
    ['datasets trained on by a domain and by no model', '{ datasets(where: { trainedByDomain: "drug-discovery", usedForTraining: false }) { id } }', 'where.trainedByDomain', 'where.trainedByDomain and where.usedForTraining: false exclude each other; give one of them'],
  ])('rejects %s with BAD_USER_INPUT naming the argument', async (_case, query, argument, message) => {
    const response = await server.gql(query);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', argument } });
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|at .*\.ts/);
  });

  it('rejects a cursor made under another order', async () => {
    const { data } = await server.gql<{ models: { pageInfo: { endCursor: string } } }>(
      '{ models(first: 2) { pageInfo { endCursor } } }',
    );
    const response = await server.gql('query($after: String) { models(after: $after, orderBy: [{field: YEAR}]) { totalCount } }', {
      after: data!.models.pageInfo.endCursor,
    });
    expect(response.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
    expect(response.errors![0]!.message).toMatch(/made for another orderBy/);
  });

  it('rejects values the schema cannot take before running anything', async () => {
    const tooBig = await server.gql('{ models(first: 10000000000) { totalCount } }');
    expect(tooBig.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const empty = await server.gql('{ search(text: "") { score } }');
    expect(empty.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const blank = await server.gql('{ search(text: "   ") { score } }');
    expect(blank.errors![0]).toMatchObject({
      message: 'The text has no words to search for: expected at least one letter or digit, got "   " (only white space)',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const blankVariable = await server.gql('query($text: NonEmptyString!) { search(text: $text) { score } }', { text: ' \t ' });
    expect(blankVariable.status).toBe(400);
    expect(blankVariable.errors![0]).toMatchObject({
      message: 'Variable "$text" got invalid value " \\t "; The text has no words to search for: expected at least one letter or digit, got " \\t " (only white space)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const blankName = await server.gql('{ resolve(names: ["esm-2", " "]) { input } }');
    expect(blankName.errors![0]!.message).toMatch(/^The text has no words to search for/);
    // Search reads only letters and digits: punctuation alone could only find nothing, and is told so.
    const punctuation = await server.gql('query($text: NonEmptyString!) { search(text: $text) { score } }', { text: '!!! -- ?' });
    expect(punctuation.errors![0]).toMatchObject({
      message: 'Variable "$text" got invalid value "!!! -- ?"; The text has no words to search for: expected at least one letter or digit, got "!!! -- ?" (no letter or digit)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const punctuationName = await server.gql('{ resolve(names: ["esm-2", "***"]) { input } }');
    expect(punctuationName.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(punctuationName.errors![0]!.message).toMatch(/got "\*\*\*" \(no letter or digit\)$/);
    // A letter of any script is a word: Greek alone is searched, not refused.
    const greek = await server.gql('{ search(text: "αβ") { score } }');
    expect(greek.errors).toBeUndefined();
    const badEnum = await server.gql('query($w: ModelWhere) { models(where: $w) { totalCount } }', { w: { paradigm: 'MAGIC' } });
    expect(badEnum.status).toBe(400);
    expect(badEnum.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('treats Cypher-looking text as plain data', async () => {
    const hostile = '") MATCH (n) DETACH DELETE n //';
    const response = await server.gql(
      `query($s: String!, $text: NonEmptyString!, $id: ID!) {
        models(where: { nameContains: $s, organization: $s }) { totalCount }
        search(text: $text) { score }
        model(id: $id) { id }
        lineage: models(where: { descendantOf: $id, trainedOnAny: [$id] }) { totalCount }
        datasets(where: { nameContains: $s, domain: $id }) { id }
        path(from: $id, to: $id) { length }
      }`,
      { s: hostile, text: hostile, id: hostile },
    );
    // The id names no entity: path says so, naming the argument; everything else is plain data.
    expect(response.errors).toEqual([expect.objectContaining({ path: ['path'], extensions: { code: 'NOT_FOUND', argument: 'from' } })]);
    // The words still match as text ("n" as a prefix matches many names); nothing is executed.
    const { search, ...rest } = response.data as { search: unknown[] };
    expect(search.length).toBeLessThanOrEqual(10);
    expect(rest).toEqual({ models: { totalCount: 0 }, model: null, lineage: { totalCount: 0 }, datasets: [], path: null });
    const stats = await server.gql<{ stats: { models: number } }>('{ stats { models } }');
    expect(stats.data?.stats.models).toBe(EXPECTED_STATS.models);
  });
});
