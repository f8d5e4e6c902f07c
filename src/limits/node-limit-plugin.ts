/** Rejects an operation whose node estimate exceeds the limit, after variables are known and before execution. */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import { estimateNodes, type NodeEstimateOptions } from './node-estimate.js';

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
          const nodes = estimateNodes(schema, document, operation, request.variables ?? {}, options);
          onEstimate(contextValue, nodes);
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
