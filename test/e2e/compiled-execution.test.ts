import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, operationContext, type OperationContext } from '../../bench/src/operations.js';
import { useTestServer } from '../harness.js';

const EXAMPLE_DIR = path.resolve('src/ui/examples');

/** Documents a client may send (bad input among them), with their variables. */
const DOCUMENTS: [string, string, Record<string, unknown>][] = [
  ['a variable of the wrong type', 'query Q($id: ID!) { model(id: $id) { name } }', { id: { a: 1 } }],
  ['a required variable left out', 'query Q($id: ID!) { model(id: $id) { name } }', {}],
  ['an argument out of range', 'query Q($n: Int) { models(first: $n) { nodes { id } } }', { n: -5 }],
  ['a model that does not exist, and one that does', '{ missing: model(id: "no-such-model") { name } esm: model(id: "esm-2") { name year } }', {}],
  ['an abstract type, with fragments', '{ node(id: "esm-2") { __typename id ... on Model { name trainedOn { name } } } }', {}],
  ['introspection', '{ __type(name: "Model") { name fields { name } } }', {}],
];

/**
 * The server executes a document with graphql-js the first time it sees it and compiled (graphql-jit) from the
 * second on (src/compiled-execution.ts): the answers, errors, codes and statuses must not change between them.
 */
describe('compiled execution answers as graphql-js does', () => {
  const server = useTestServer();
  let context: OperationContext | undefined;

  /** The answer to the first request (graphql-js) and to the two after it (compiled), as the client sees them. */
  async function thrice(query: string, variables: Record<string, unknown>): Promise<unknown[]> {
    const answers: unknown[] = [];
    for (let i = 0; i < 3; i += 1) answers.push(await server.gql(query, variables));
    return answers;
  }

  const examples = readdirSync(EXAMPLE_DIR).filter((file) => file.endsWith('.graphql')).sort();
  it.each(examples)('the example %s', async (file) => {
    const [first, ...compiled] = await thrice(readFileSync(path.join(EXAMPLE_DIR, file), 'utf8'), {});
    expect(first).toMatchObject({ status: 200 });
    for (const answer of compiled) expect(answer).toEqual(first);
  });

  it.each(OPERATIONS.map((op) => [op.name, op] as const))('the benchmark operation %s', async (_name, op) => {
    context ??= await operationContext(server.db.reader({ cypherQueries: 0 }));
    const [first, ...compiled] = await thrice(op.query, op.variables(context));
    expect(first).toMatchObject({ status: 200 });
    for (const answer of compiled) expect(answer).toEqual(first);
  });

  it.each(DOCUMENTS)('%s', async (_name, query, variables) => {
    const [first, ...compiled] = await thrice(query, variables);
    for (const answer of compiled) expect(answer).toEqual(first);
  });

  it('reports bad variables as BAD_USER_INPUT, HTTP 400, when compiled too', async () => {
    const answers = await thrice('query Wrong($id: ID!) { model(id: $id) { name } }', { id: [1, 2] });
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 400, errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
      expect((answer as { data?: unknown }).data).toBeUndefined();
    }
  });
});
