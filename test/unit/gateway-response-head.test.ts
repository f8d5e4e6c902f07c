import { ApolloServer, type ApolloServerOptionsWithGateway, type BaseContext } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

const schema = makeExecutableSchema({ typeDefs: 'type Query { answer: Int }' });

function gatewayOf(executor: Executor): Gateway {
  return {
    load: () => Promise.resolve({ executor }),
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    stop: () => Promise.resolve(),
  };
}

// scripts/patches/@apollo+server+*.patch: Apollo gave every request's gateway context an object literal with a
// `status` getter and setter. V8 keeps such accessors in the old generation, and through their closures every
// request's whole context survived each young-generation GC (README, "Benchmark"). The patch moves them to a class.
describe("Apollo Server's gateway context (patched)", () => {
  it("gives the executor a response head whose status is its class's accessor, and the status it sets is the answer's", async () => {
    let head: object | undefined;
    const apollo = new ApolloServer({
      gateway: gatewayOf((request) => {
        const http = request.response?.http;
        if (!http) throw new Error('the gateway context has no response head');
        head = http;
        http.status = 203;
        return Promise.resolve({ data: { answer: 42 } });
      }),
    });
    await apollo.start();
    try {
      const response = await apollo.executeOperation({ query: '{ answer }' });
      expect(response.http.status).toBe(203);
      expect(response.body.kind === 'single' && response.body.singleResult.data).toEqual({ answer: 42 });
      expect(head).toBeDefined();
      expect(Object.getOwnPropertyDescriptor(head, 'status')).toBeUndefined();
      expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(head) as object, 'status')?.get).toBeTypeOf('function');
    } finally {
      await apollo.stop();
    }
  });
});
