import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledExecution } from '../../src/compiled-execution.js';

/** Which executor resolves a field, told by the caller of the resolver: graphql-jit's compiled code, or graphql-js. */
const executedBy = (): string => ((new Error().stack ?? '').includes('/graphql-jit/') ? 'compiled' : 'graphql-js');

class Unavailable extends Error {}

const schema = makeExecutableSchema({
  typeDefs: 'input Range { from: Int!, to: Int } enum Side { LEFT, RIGHT } type Query { executor(n: Int): String, failing: String, refused: String, echo(n: Int!, range: Range, side: Side, ids: [ID!]): String }',
  resolvers: {
    Query: {
      executor: executedBy,
      echo: (_root, args: Record<string, unknown>) => `${executedBy()} ${JSON.stringify(args)}`,
      failing: () => {
        throw new Unavailable('the database is away');
      },
      refused: () => {
        throw new GraphQLError('not like that', { extensions: { code: 'BAD_USER_INPUT', argument: 'n' } });
      },
    },
  },
});

describe('compiled execution', () => {
  const apollo = new ApolloServer({ gateway: compiledExecution(schema), includeStacktraceInErrorResponses: false });
  beforeAll(() => apollo.start());
  afterAll(() => apollo.stop());

  const run = async (query: string, variables?: Record<string, unknown>) => {
    const response = await apollo.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, ...response.body.singleResult };
  };

  it('runs a document with graphql-js the first time and compiled from the second time on', async () => {
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push((await run('{ executor }')).data);
    expect(answers).toEqual([{ executor: 'graphql-js' }, { executor: 'compiled' }, { executor: 'compiled' }]);
  });

  it('never compiles a document that comes once, however many come', async () => {
    for (let n = 0; n < 20; n += 1) expect((await run(`{ executor(n: ${String(n)}) }`)).data).toEqual({ executor: 'graphql-js' });
  });

  it('reports bad variables of a compiled operation as graphql-js does: BAD_USER_INPUT, nothing executed', async () => {
    const query = 'query Q($n: Int) { executor(n: $n) }';
    await run(query, { n: 1 });
    const answers = [await run(query, { n: 'one' }), await run(query, { n: 'one' })];
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[1]).toMatchObject({ status: 400, errors: [{ message: expect.stringContaining('Variable "$n" got invalid value') as string, extensions: { code: 'BAD_USER_INPUT' } }] });
    expect(answers[1]!.data).toBeUndefined();
  });

  it('hands a compiled operation its variables coerced as graphql-js coerces them', async () => {
    const query = 'query Q($n: Int!, $range: Range, $side: Side, $ids: [ID!]) { echo(n: $n, range: $range, side: $side, ids: $ids) }';
    const variables = { n: 2, range: { from: 1 }, side: 'LEFT', ids: 7 };
    const [first, second] = [await run(query, variables), await run(query, variables)];
    expect(first.data).toEqual({ echo: 'graphql-js {"n":2,"range":{"from":1},"side":"LEFT","ids":["7"]}' });
    expect(second.data).toEqual({ echo: 'compiled {"n":2,"range":{"from":1},"side":"LEFT","ids":["7"]}' });
  });

  it.each([
    ['a missing non-null variable', {}],
    ['a float for an Int', { n: 1.5 }],
    ['an Int past 32 bits', { n: 2 ** 31 }],
    ['an unknown field of an input object', { n: 1, range: { from: 1, until: 2 } }],
    ['a missing non-null field of an input object', { n: 1, range: { to: 2 } }],
    ['a value that is not of the enum', { n: 1, side: 'UP' }],
    ['a boolean for an ID', { n: 1, ids: [true] }],
  ])('refuses %s compiled as graphql-js refuses it, with the same errors', async (refused, variables) => {
    const query = 'query R($n: Int!, $range: Range, $side: Side, $ids: [ID!]) { echo(n: $n, range: $range, side: $side, ids: $ids) }';
    await run(query, { n: 0 });
    // The same operation in a document of its own (a comment differs), run once: by graphql-js.
    const byGraphqlJs = await run(`${query} # ${refused}`, variables);
    const compiled = await run(query, variables);
    expect(compiled).toEqual(byGraphqlJs);
    expect(compiled).toMatchObject({ status: 400, errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    expect(compiled.data).toBeUndefined();
  });

  it("gives a resolver's error the same code, path and locations compiled as not", async () => {
    const query = '{ failing refused executor }';
    const [first, second] = [await run(query), await run(query)];
    expect(first.data).toEqual({ failing: null, refused: null, executor: 'graphql-js' });
    expect(second.data).toEqual({ failing: null, refused: null, executor: 'compiled' });
    expect(second.errors).toEqual(first.errors);
    expect(second.errors).toEqual([
      { message: 'the database is away', locations: [{ line: 1, column: 3 }], path: ['failing'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      { message: 'not like that', locations: [{ line: 1, column: 11 }], path: ['refused'], extensions: { code: 'BAD_USER_INPUT', argument: 'n' } },
    ]);
  });
});
