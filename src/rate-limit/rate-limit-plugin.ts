/**
 * The cost-weighted part of the rate limit: once an operation's node estimate is known, and before it runs, it
 * takes the rest of its tokens (one per RATE_LIMIT_NODES_PER_POINT estimated nodes, one of them already taken at
 * the door; a full bucket at most); a client whose bucket lacks them gets 429 RATE_LIMITED with Retry-After, and
 * nothing runs.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { RateLimiter, RateLimitState } from './rate-limiter.js';

export function rateLimitPlugin<C extends { client?: string | undefined }>(
  limiter: RateLimiter,
  estimateOf: (contextValue: C) => number | undefined,
): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      let state: RateLimitState | undefined;
      return Promise.resolve({
        async didResolveOperation({ contextValue }) {
          const client = contextValue.client;
          if (client === undefined) return;
          const points = limiter.pointsFor(estimateOf(contextValue) ?? 0) - 1;
          if (points <= 0) return;
          const taken = await limiter.take(client, points);
          state = taken.state;
          if (!taken.allowed) {
            const wait = String(taken.state.resetSeconds);
            const headers = new Map(Object.entries({ ...limiter.headers(state), 'retry-after': wait }));
            throw new GraphQLError(
              `Rate limit reached: this operation takes ${String(points + 1)} tokens; they are back in ${wait} s.`,
              { extensions: { code: ErrorCode.RATE_LIMITED, http: { status: 429, headers } } },
            );
          }
        },
        willSendResponse({ response }) {
          if (state) for (const [name, value] of Object.entries(limiter.headers(state))) response.http.headers.set(name, value);
          return Promise.resolve();
        },
      });
    },
  };
}
