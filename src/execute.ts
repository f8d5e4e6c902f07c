/**
 * Runs a GraphQL operation through Apollo's whole request pipeline without HTTP: the same validation rules,
 * limits, cost, rate limit and error masking as a request to /graphql. The adapters (MCP tools, entity links)
 * use it instead of a road of their own to the database.
 */
import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { createRequestContext, type RequestContext } from './context.js';
import type { Database } from './db/database.js';

export interface OperationResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

/**
 * `onHeaders`, when given, hears the HTTP header fields the operation's answer would carry over /graphql (the rate
 * limit's fields once the operation is charged), for an adapter whose own answer should carry them too.
 */
export type ExecuteOperation = (
  query: string,
  variables: Record<string, unknown>,
  client: string | undefined,
  onHeaders?: (headers: ReadonlyMap<string, string>) => void,
) => Promise<OperationResult>;

export function operationExecutor(apollo: ApolloServer<RequestContext>, db: Database, batching: boolean): ExecuteOperation {
  return async (query, variables, client, onHeaders) => {
    const contextValue = { ...createRequestContext(db, { batching }), client };
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    onHeaders?.(response.http.headers);
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not used by this server');
    const { data, errors, extensions } = response.body.singleResult;
    return { data, ...(errors && { errors }), ...(extensions && { extensions }) };
  };
}
