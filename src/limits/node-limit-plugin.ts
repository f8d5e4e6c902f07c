/** Rejects an operation whose node estimate exceeds the limit, after variables are known and before execution. */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getVariableValues, type DocumentNode } from 'graphql';
import { ErrorCode } from '../errors.js';
import { EstimateTooLargeError, estimateNodes, type NodeEstimateOptions } from './node-estimate.js';
import { checkVariableValues } from './variable-values.js';

function tooComplex(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, ...extensions, http: { status: 400 } } });
}

/**
 * What a refusal over the node limit says: the advice for lists, and the fields charged their database work the
 * query asks for, with what one call counts, dearest first. Two `modelCounts` are over the limit however small
 * their answers: only the names tell a client what to drop.
 */
function tooManyNodes(nodes: number, maxNodes: number, charged: ReadonlyMap<string, number>): string {
  const found = `The query could return or read up to ${nodes.toLocaleString('en-US')} nodes; the limit is ${maxNodes.toLocaleString('en-US')}.`;
  if (charged.size === 0) return `${found} Ask for smaller pages (first), nest fewer lists or run fewer traversals.`;
  const fields = [...charged]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([field, perCall]) => `${field} (${perCall.toLocaleString('en-US')} a call)`);
  return `${found} Of it, the database work of ${fields.join(', ')}; ask for fewer of these in one request, smaller pages (first) or fewer nested lists.`;
}

/** Estimates kept per parsed document (Apollo keeps the parsed documents), for this many variable sets at most. */
const ESTIMATES_PER_DOCUMENT = 64;

/**
 * `onEstimate` hears every estimate before the limit is checked (the cost the response reports, the tokens a
 * rate limit takes).
 */
export function nodeLimitPlugin<C extends object>(
  maxNodes: number,
  options: NodeEstimateOptions,
  onEstimate: (contextValue: C, nodes: number) => void = () => undefined,
): ApolloServerPlugin<C> {
  // The estimate depends only on the document, the operation and the variables: a document asked again (the usual
  // case: a client's fixed queries) is not walked again. Apollo hands repeated query strings the same document.
  const estimates = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ document, operation, request, schema, contextValue }) {
          if (!operation) return Promise.resolve();
          const variables = request.variables ?? {};
          checkVariableValues(variables);
          let known = estimates.get(document);
          const key = `${operation.name?.value ?? ''}\n${JSON.stringify(variables)}`;
          let nodes = known?.get(key);
          if (nodes === undefined) {
            // Variables that do not fit the operation stop execution before anything runs, with graphql-js's own
            // BAD_USER_INPUT message; there is nothing to estimate.
            if (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return Promise.resolve();
            try {
              nodes = estimateNodes(schema, document, operation, variables, options);
            } catch (error) {
              if (error instanceof EstimateTooLargeError) {
                throw tooComplex('The query expands to too many selections to run; spread fewer fragments.', { limit: maxNodes });
              }
              throw error;
            }
            if (!known || known.size >= ESTIMATES_PER_DOCUMENT) estimates.set(document, (known = new Map()));
            known.set(key, nodes);
          }
          onEstimate(contextValue, nodes);
          if (nodes > maxNodes) {
            const charged = new Map<string, number>();
            estimateNodes(schema, document, operation, variables, options, charged);
            throw tooComplex(tooManyNodes(nodes, maxNodes, charged), { nodes, limit: maxNodes });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
