/** Rejects an operation whose node estimate exceeds the limit, after variables are known and before execution. */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import { estimateNodes, type NodeEstimateOptions } from './node-estimate.js';

export function nodeLimitPlugin<C extends object>(maxNodes: number, options: NodeEstimateOptions): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return Promise.resolve();
          const nodes = estimateNodes(schema, document, operation, request.variables ?? {}, options);
          if (nodes > maxNodes) {
            throw new GraphQLError(
              `The query could return up to ${String(nodes)} nodes; the limit is ${String(maxNodes)}. Ask for smaller pages (first) or nest fewer lists.`,
              { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, nodes, limit: maxNodes, http: { status: 400 } } },
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}
