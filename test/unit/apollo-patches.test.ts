import { createHash } from 'node:crypto';
import Module from 'node:module';
import { ApolloServer, type ApolloServerOptionsWithGateway, type BaseContext } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { printSchema } from 'graphql';
import Negotiator from 'negotiator';
import { afterEach, describe, expect, it, vi } from 'vitest';

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

// scripts/patches/@apollo+server+*.patch, first: Apollo gave every request's gateway context an object literal with a
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

// The same patch, in Apollo's request pipeline: two things it did for every request that a server with a gateway
// executor (ours, src/compiled-execution.ts) pays for and never uses (README, "Benchmark").
describe("Apollo Server's request pipeline (patched)", () => {
  /** Runs `check` on a started server whose gateway answers `{ answer }` with 42, then stops it. */
  async function withServer(check: (apollo: ApolloServer) => Promise<void>): Promise<void> {
    const apollo = new ApolloServer({ gateway: gatewayOf(() => Promise.resolve({ data: { answer: 42 } })) });
    await apollo.start();
    try {
      await check(apollo);
    } finally {
      await apollo.stop();
    }
  }

  const answerOf = async (apollo: ApolloServer) => {
    const response = await apollo.executeOperation({ query: '{ answer }' });
    return response.body.kind === 'single' && response.body.singleResult.data;
  };

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('hashes a document for its document cache in one call, without loading the crypto module again each time', () =>
    withServer(async (apollo) => {
      // @apollo/utils.createhash called module.require('crypto') for every hash it made.
      const load = vi.spyOn(Module.prototype, 'require');
      expect(await answerOf(apollo)).toEqual({ answer: 42 });
      expect(load).not.toHaveBeenCalled();
    }));

  it("still takes a query's SHA-256 in hex as its hash, and refuses another (automatic persisted queries)", () =>
    withServer(async (apollo) => {
      const query = '{ answer }';
      const persisted = (sha256Hash: string) => apollo.executeOperation({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
      const right = await persisted(createHash('sha256').update(query).digest('hex'));
      expect(right.body.kind === 'single' && right.body.singleResult).toEqual({ data: { answer: 42 } });
      const wrong = await persisted(createHash('sha256').update(`${query} `).digest('hex'));
      expect(wrong.body.kind === 'single' && wrong.body.singleResult.errors?.map((error) => error.message)).toEqual([
        'provided sha does not match query',
      ]);
    }));

  it('does not negotiate the legacy incremental delivery format, which only its own executor reads', () =>
    withServer(async (apollo) => {
      const negotiated = vi.spyOn(Negotiator.prototype, 'mediaType');
      expect(await answerOf(apollo)).toEqual({ answer: 42 });
      expect(negotiated).not.toHaveBeenCalled();
    }));
});
