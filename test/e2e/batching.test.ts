import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';
import { models } from '../facts-oracle.js';

const NESTED = (first: number) => `{
  models(first: ${String(first)}) { nodes { id name domains { name tasks { name datasets { name } } } } }
}`;

describe('batched loading', () => {
  const server = useTestServer();

  it('runs the same number of Cypher queries for 5 and for 50 parents, fewer than one per level', async () => {
    type Nested = { models: { nodes: { id: string; domains: { tasks: { datasets: unknown[] }[] }[] }[] } };
    const small = await server.gql<Nested>(NESTED(5));
    const large = await server.gql<Nested>(NESTED(50));
    expect(small.data?.models.nodes).toHaveLength(5);
    expect(large.data?.models.nodes).toHaveLength(50);
    // The page carries the models' domains; the domains' tasks carry their datasets (look-ahead, one level each).
    expect(small.extensions?.cypherQueries).toBe(2);
    expect(large.extensions?.cypherQueries).toBe(2);
    // Every level is there: as many (model, domain, task) and (…, dataset) steps as the graph holds.
    const ids = large.data!.models.nodes.map((m) => m.id);
    const [counts] = await server.db.read(
      `MATCH (m:Model)-[:IN_DOMAIN]->(:Domain)-[:HAS_TASK]->(t:Task) WHERE m.id IN $ids
       RETURN count(t) AS tasks, sum(COUNT { (t)-[:BENCHMARKED_ON]->(:Dataset) }) AS datasets`,
      { ids },
    );
    const tasks = large.data!.models.nodes.flatMap((m) => m.domains.flatMap((d) => d.tasks));
    expect(tasks.length).toBe(Number(counts!['tasks']));
    expect(tasks.flatMap((t) => t.datasets).length).toBe(Number(counts!['datasets']));
    expect(tasks.length).toBeGreaterThan(0);
  });

  it('adds exactly one count query for totalCount, whatever the number of parents', async () => {
    const query = (first: number) => `{ domains { models(first: ${String(first)}) { totalCount nodes { trainedOn { name } } } } }`;
    const small = await server.gql(query(1));
    const large = await server.gql(query(50));
    // domains, one page query for all five domains (its models carrying trainedOn), one count query.
    expect(small.extensions?.cypherQueries).toBe(3);
    expect(large.extensions?.cypherQueries).toBe(3);
  });

  it('answers counts, facets, lineage and paths in one query each, however many parents ask', async () => {
    const counts = await server.gql('{ modelCounts(by: [YEAR, DOMAIN]) { year domain { name } count } }');
    expect(counts.extensions?.cypherQueries).toBe(1);
    const paths = await server.gql('{ paths(from: "esm-2", to: "chembl", first: 20) { nodes { id } } }');
    expect(paths.extensions?.cypherQueries).toBe(1);
    const nested = (first: number) => `{ domains { models(first: ${String(first)}) {
      facets(top: 5) { years { count } } nodes { descendants { model { name } } ancestors { via { name } } } } } }`;
    // Domains, the pages of all domains, their facets, then descendants and ancestors of every model listed.
    expect((await server.gql(nested(1))).extensions?.cypherQueries).toBe(5);
    expect((await server.gql(nested(50))).extensions?.cypherQueries).toBe(5);
  });

  it('loads entities by id in one query however many root fields ask', async () => {
    const response = await server.gql('{ a: model(id: "esm-2") { id } b: model(id: "bert") { id } c: node(id: "chembl") { id } d: domain(id: "drug-discovery") { id } }');
    expect(response.extensions?.cypherQueries).toBe(1);
  });

  it('reads a neighbourhood, its entities and their relationships in one query at any depth', async () => {
    const depth = async (d: number) =>
      (await server.gql(`{ neighborhood(id: "esm-2", depth: ${String(d)}) { nodes { id ... on Model { description } } edges { type } } }`)).extensions?.cypherQueries;
    expect(await depth(1)).toBe(1);
    expect(await depth(2)).toBe(1);
    expect(await depth(3)).toBe(1);
  });

  it('reads a domains → tasks → models → trainedOn tree in three queries: the model pages carry trainedOn', async () => {
    const response = await server.gql<{ domains: { tasks: { models: { nodes: { trainedOn: unknown[] }[] } }[] }[] }>(
      '{ domains { tasks { models(first: 10) { nodes { name trainedOn { name } } } } } }',
    );
    const tasks = response.data!.domains.flatMap((d) => d.tasks);
    expect(tasks.length).toBeGreaterThanOrEqual(75);
    expect(response.extensions?.cypherQueries).toBe(3);
  });

  it('reads long texts of listed entities with one more query per level, only when asked for', async () => {
    const lean = await server.gql('{ domains { tasks { name } } }');
    const rich = await server.gql<{ domains: { tasks: { description: string }[] }[] }>('{ domains { tasks { name description } } }');
    expect(lean.extensions?.cypherQueries).toBe(2);
    expect(rich.extensions?.cypherQueries).toBe(3);
    expect(rich.data!.domains.flatMap((d) => d.tasks).every((t) => t.description.length > 10)).toBe(true);
  });

  it('carries full rows in a page of all models, which holds at most 101', async () => {
    const lean = await server.gql('{ models(first: 30) { nodes { name tasks { name } } } }');
    const rich = await server.gql<{ models: { nodes: { description: string; tasks: { description: string }[] }[] } }>(
      '{ models(first: 30) { nodes { name description architecture tasks { name description } } } }',
    );
    // The page carries the models' tasks.
    expect(lean.extensions?.cypherQueries).toBe(1);
    // The page already holds the model texts; the task texts take one entity query.
    expect(rich.extensions?.cypherQueries).toBe(2);
    const nodes = rich.data!.models.nodes;
    expect(nodes[0]?.description).toBe(models()[0]!.description);
    expect(nodes.every((m) => m.tasks.every((t) => typeof t.description === 'string' && t.description.length > 10))).toBe(true);
  });
});
