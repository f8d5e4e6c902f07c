/**
 * The cost-weighted part of the rate limit: once an operation's node estimate is known, and before it runs, it
 * takes the rest of its tokens (one per RATE_LIMIT_NODES_PER_POINT estimated nodes, one of them already taken at
 * the door; a full bucket at most); a client whose bucket lacks them gets 429 RATE_LIMITED with Retry-After, and
 * nothing runs (503 SERVICE_UNAVAILABLE when the buckets' store cannot be reached). Once the operation has run, it takes the tokens of the work the estimate could not foresee (the
 * suggestions for unknown ids), as many as the bucket still holds: that work is done, and its answer stands.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { type RateLimiter, type RateLimitState, STORE_UNAVAILABLE } from './rate-limiter.js';
import { BucketStoreUnavailableError } from './token-bucket.js';

export interface ChargedWork<C> {
  /** The operation's node estimate, once made. */
  estimateOf(contextValue: C): number | undefined;
  /** The nodes of the work the estimate could not foresee, once the operation has run. */
  unforeseenOf(contextValue: C): number;
}

type Limiter = Pick<RateLimiter, 'pointsFor' | 'take' | 'drain' | 'headers' | 'close'>;

export function rateLimitPlugin<C extends { client?: string | undefined; requestId: string }>(
  limiter: Limiter,
  { estimateOf, unforeseenOf }: ChargedWork<C>,
  logger: Logger,
): ApolloServerPlugin<C> {
  return {
    // Apollo stops when the server does: the buckets' store (a Redis connection, which would otherwise keep
    // reconnecting) closes with it.
    serverWillStart() {
      return Promise.resolve({ serverWillStop: () => limiter.close() });
    },
    requestDidStart() {
      let state: RateLimitState | undefined;
      return Promise.resolve({
        async didResolveOperation({ contextValue }) {
          const client = contextValue.client;
          if (client === undefined) return;
          const points = limiter.pointsFor(estimateOf(contextValue) ?? 0) - 1;
          if (points <= 0) return;
          const taken = await limiter.take(client, points).catch((error: unknown) => {
            if (!(error instanceof BucketStoreUnavailableError)) throw error;
            throw new GraphQLError(STORE_UNAVAILABLE, {
              extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503, headers: new Map([['retry-after', '1']]) } },
            });
          });
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
        async willSendResponse({ response, contextValue }) {
          const { client, requestId } = contextValue;
          const unforeseen = unforeseenOf(contextValue);
          if (client !== undefined && unforeseen > 0) {
            try {
              state = await limiter.drain(client, limiter.pointsFor(unforeseen));
            } catch (error) {
              // The answer is made: a store that cannot be reached (Redis gone) leaves the tokens untaken, not the
              // answer unsent. The fields then say what was known before.
              logger.warn({ requestId, err: error }, 'rate limit: the tokens of unforeseen work could not be taken');
            }
          }
          if (state) for (const [name, value] of Object.entries(limiter.headers(state))) response.http.headers.set(name, value);
        },
      });
    },
  };
}
