import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

type Tree = { domain: { tasks: { id: string; models: { nodes: { id: string; trainedOn: { id: string }[] }[] } }[] } };

const TREE = `query Tree($domain: ID!) {
  domain(id: $domain) { tasks { id name models(first: 10) { nodes { id name trainedOn { id name } } } } }
}`;

/** The same tree read from the graph level by level: tasks, ten models of each by name, their training data. */
const TREE_FROM_GRAPH = `
MATCH (:Domain {id: $domain})-[:HAS_TASK]->(t:Task)
WITH DISTINCT t ORDER BY toLower(t.name), t.id
CALL (t) {
  MATCH (t)<-[:PERFORMS]-(m:Model)
  WITH m ORDER BY toLower(m.name), m.id LIMIT 10
  RETURN collect({id: m.id, trainedOn: COLLECT {
    MATCH (m)-[:TRAINED_ON]->(s:Dataset) WITH DISTINCT s ORDER BY toLower(s.name), s.id RETURN s.id
  }}) AS models
}
RETURN collect({id: t.id, models: models}) AS tasks`;

const shape = (data: Tree) =>
  data.domain.tasks.map((t) => ({ id: t.id, models: t.models.nodes.map((m) => ({ id: m.id, trainedOn: m.trainedOn.map((s) => s.id) })) }));

describe('look-ahead: a list brings the lists selected on its rows in the same query, when those carry none', () => {
  const server = useTestServer();
  const busiestDomain = async (): Promise<string> => {
    const [row] = await server.db.read('MATCH (d:Domain) RETURN d.id AS id ORDER BY COUNT { (d)-[:HAS_TASK]->(:Task) } DESC, d.id LIMIT 1');
    return String(row!['id']);
  };

  it('answers domain → tasks → models → trainedOn in two queries (the domain carries its tasks, the pages trainedOn), as the graph holds it', async () => {
    const domain = await busiestDomain();
    const response = await server.gql<Tree>(TREE, { domain });
    expect(response.errors).toBeUndefined();
    // Level by level this took four: the domain, its tasks, their model pages, those models' training data. The
    // tasks do not carry the pages, as those carry trainedOn: one statement nests one level of lists.
    expect(response.extensions?.cypherQueries).toBe(2);
    const [expected] = await server.db.read(TREE_FROM_GRAPH, { domain });
    expect(shape(response.data!)).toEqual(expected!['tasks']);
    expect(response.data!.domain.tasks.some((t) => t.models.nodes.some((m) => m.trainedOn.length > 0))).toBe(true);
  });

  it('carries each alias of a field with its own arguments, and lists selected through fragments', async () => {
    const domain = await busiestDomain();
    const response = await server.gql<{ domain: { tasks: { a: { nodes: { id: string }[] }; b: { nodes: { id: string; datasets?: unknown }[] } }[] } }>(
      `query Aliases($domain: ID!) { domain(id: $domain) { tasks { ...Pages } } }
       fragment Pages on Task { a: models(first: 2) { nodes { id } } b: models(first: 5) { edges { node { id trainedOn { id } } } nodes { id } } }`,
      { domain },
    );
    expect(response.errors).toBeUndefined();
    // The domain; its tasks carrying the pages `a` (which carry nothing); the pages `b` carrying trainedOn.
    expect(response.extensions?.cypherQueries).toBe(3);
    for (const task of response.data!.domain.tasks) {
      expect(task.a.nodes.length).toBeLessThanOrEqual(2);
      expect(task.b.nodes.slice(0, task.a.nodes.length)).toEqual(task.a.nodes);
    }
  });

  it('brings the lists selected on an entity looked up by id with it, and answers null for an id of another kind', async () => {
    const domain = await busiestDomain();
    const [row] = await server.db.read(
      `MATCH (:Domain {id: $domain})-[:HAS_TASK]->(t:Task)
       WITH t ORDER BY toLower(t.name), t.id
       RETURN collect(t.id) AS tasks, collect(t.name)[0] AS name, head(collect(t.id)) AS task`,
      { domain },
    );
    const response = await server.gql<{ domain: { description: unknown; tasks: { id: string }[] }; task: { name: string; models: { nodes: unknown[] } } }>(
      `query ById($domain: ID!, $task: ID!) {
        domain(id: $domain) { description tasks { id } }
        task(id: $task) { name models(first: 3) { nodes { id } } }
      }`,
      { domain, task: row!['task'] },
    );
    expect(response.errors).toBeUndefined();
    // Each lookup carries its list: one query each, whatever the number of tasks.
    expect(response.extensions?.cypherQueries).toBe(2);
    expect(response.data!.domain.tasks.map((t) => t.id)).toEqual(row!['tasks']);
    expect(response.data!.domain.description).toEqual(expect.any(String));
    expect(response.data!.task.name).toBe(row!['name']);
    const wrongKind = await server.gql<{ domain: null }>(`query Wrong($id: ID!) { domain(id: $id) { tasks { id } } }`, { id: row!['task'] });
    expect(wrongKind.errors).toBeUndefined();
    expect(wrongKind.data!.domain).toBeNull();
  });

  it('leaves a page with arguments its resolver refuses to the resolver, which says what is wrong', async () => {
    const domain = await busiestDomain();
    const response = await server.gql(`query Bad($domain: ID!) { domain(id: $domain) { tasks { models(first: 1000) { nodes { id } } } } }`, { domain });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.['argument']).toBe('first');
  });
});
