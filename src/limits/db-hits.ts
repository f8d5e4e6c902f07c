/**
 * Measures the database work of a GraphQL operation: it runs the operation in-process, every Cypher query of it
 * under PROFILE, and adds up their database hits. The field costs of src/limits/field-costs.ts come from it.
 */
import { ApolloServer } from '@apollo/server';
import { requestContextOn, type RequestContext } from '../context.js';
import type { Database, Reader } from '../db/database.js';
import { resolvers } from '../resolvers/index.js';
import { typeDefs } from '../server.js';

export interface DbHits {
  dbHits: number;
  /** The codes of the errors the operation met (an unknown id is not an error). */
  errors: string[];
}

export interface DbHitsProbe {
  measure(query: string, variables: Record<string, unknown>): Promise<DbHits>;
  stop(): Promise<void>;
}

export async function dbHitsProbe(db: Database): Promise<DbHitsProbe> {
  // No limits, no plugins: the schema and the resolvers, as the server runs them.
  const apollo = new ApolloServer<RequestContext>({ typeDefs, resolvers });
  await apollo.start();
  return {
    async measure(query, variables) {
      let dbHits = 0;
      const counter = { cypherQueries: 0 };
      const reader: Reader = {
        read: async (cypher, params = {}) => {
          counter.cypherQueries += 1;
          const profiled = await db.profile(cypher, params);
          dbHits += profiled.dbHits;
          return profiled.rows;
        },
      };
      const response = await apollo.executeOperation(
        { query, variables },
        { contextValue: requestContextOn(reader, counter, { batching: true }, 'db-hits') },
      );
      const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
      return { dbHits, errors: errors.map((error) => String(error.extensions?.['code'] ?? error.message)) };
    },
    stop: () => apollo.stop(),
  };
}
