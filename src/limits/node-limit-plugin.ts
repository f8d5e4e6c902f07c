/** Rejects an operation whose node estimate exceeds the limit, after variables are known and before execution. */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getVariableValues } from 'graphql';
import { ErrorCode } from '../errors.js';
import { EstimateTooLargeError, estimateNodes, type NodeEstimateOptions } from './node-estimate.js';

function tooComplex(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, ...extensions, http: { status: 400 } } });
}

/**
 * `onEstimate` hears every estimate before the limit is checked (the cost the response reports, the tokens a
 * rate limit takes).
 */
export function nodeLimitPlugin<C extends object>(
  maxNodes: number,
  options: NodeEstimateOptions,
  onEstimate: (contextValue: C, nodes: number) => void = () => undefined,
): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ document, operation, request, schema, contextValue }) {
          if (!operation) return Promise.resolve();
          const variables = request.variables ?? {};
          // Variables that do not fit the operation stop execution before anything runs, with graphql-js's own
          // BAD_USER_INPUT message; there is nothing to estimate.
          if (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return Promise.resolve();
          let nodes: number;
          try {
            nodes = estimateNodes(schema, document, operation, variables, options);
          } catch (error) {
            if (error instanceof EstimateTooLargeError) {
              throw tooComplex('The query expands to too many selections to run; spread fewer fragments.', { limit: maxNodes });
            }
            throw error;
          }
          onEstimate(contextValue, nodes);
          if (nodes > maxNodes) {
            throw tooComplex(
              `The query could return or read up to ${String(nodes)} nodes; the limit is ${String(maxNodes)}. Ask for smaller pages (first), nest fewer lists or run fewer traversals.`,
              { nodes, limit: maxNodes },
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}
