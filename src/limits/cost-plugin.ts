/**
 * The cost a client can see: every GraphQL response carries `extensions.cost = { estimated, limit }`, the node
 * estimate computed before execution (node-limit-plugin.ts reports it here) and MAX_NODES. An operation that
 * never got that far (it did not parse or validate) is estimated at 0: nothing of it ran.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { RequestSlot } from '../request-slot.js';

export interface CostRecorder<C extends object> {
  /** Give this to nodeLimitPlugin as its `onEstimate`. */
  record(contextValue: C, nodes: number): void;
  /** The estimate of the request, or undefined before one was made. */
  estimateOf(contextValue: C): number | undefined;
  plugin: ApolloServerPlugin<C>;
}

export function costRecorder<C extends object>(maxNodes: number): CostRecorder<C> {
  const estimates = new RequestSlot<C, number>('cost estimate');
  return {
    record: (contextValue, nodes) => {
      estimates.set(contextValue, nodes);
    },
    estimateOf: (contextValue) => estimates.get(contextValue),
    plugin: {
      requestDidStart() {
        return Promise.resolve({
          willSendResponse({ response, contextValue }) {
            if (response.body.kind === 'single') {
              const cost = { estimated: estimates.get(contextValue) ?? 0, limit: maxNodes };
              response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost };
            }
            return Promise.resolve();
          },
        });
      },
    },
  };
}
