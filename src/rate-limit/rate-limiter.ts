/**
 * A token bucket per client (token-bucket.ts; in this process's memory, or in Redis when several replicas share
 * the budgets): each request takes tokens by its cost and the bucket refills continuously, `points` tokens per
 * window. Reports a client's state as the RateLimit and RateLimit-Policy header fields of
 * draft-ietf-httpapi-ratelimit-headers-10 (the structured-field form the drafts have used since -08).
 */
import { logger as processLogger, type Logger } from '../logger.js';
import { MemoryBuckets } from './memory-buckets.js';
import { RedisBuckets } from './redis-buckets.js';
import { TokenBucket, type BucketStore } from './token-bucket.js';

export interface RateLimitConfig {
  /** Off by default for local use, on in production. */
  enabled: boolean;
  /** Tokens a client's bucket holds when full. */
  points: number;
  /** Seconds an empty bucket takes to fill up (it gains `points` tokens per window, continuously). */
  windowSeconds: number;
  /** A GraphQL operation takes one token per this many estimated nodes (at least one). */
  nodesPerPoint: number;
  /** Tokens a whole-graph export takes. */
  exportPoints: number;
  /** Accepted API keys; a request carrying one is limited per key instead of per IP. */
  apiKeys: string[];
  /** The request header that carries an API key. */
  apiKeyHeader: string;
  /** A Redis URL to share the buckets between replicas (needs the `ioredis` package); in memory when absent. */
  redisUrl?: string | undefined;
  /** How long a take waits for Redis's answer before its request is refused (503). */
  redisTimeoutMs: number;
}

/** Where a client's bucket stands after a request. */
export interface RateLimitState {
  /** Whole tokens left in the bucket. */
  remaining: number;
  /**
   * Seconds until the bucket holds another whole token, or, for a refused request, until it holds that request's
   * tokens; undefined when the bucket is full.
   */
  resetSeconds: number | undefined;
}

export type Take = { allowed: true; state: RateLimitState } | { allowed: false; state: { remaining: number; resetSeconds: number } };

/** The policy's name in the header fields. */
const POLICY = 'default';

/** What a client is told while the buckets' store (Redis) cannot be reached. */
export const STORE_UNAVAILABLE = "The rate limit's store does not answer; try again shortly.";

/** The header fields of the IETF draft "RateLimit header fields for HTTP" every charged answer carries. */
export const RATE_LIMIT_FIELDS = ['ratelimit-policy', 'ratelimit'] as const;

export class RateLimiter {
  private constructor(
    private readonly config: RateLimitConfig,
    private readonly bucket: TokenBucket,
    private readonly store: BucketStore,
  ) {}

  /**
   * `now` is the clock of the in-memory store (milliseconds, never going back; the Redis store uses Redis's);
   * `logger` hears about an unreachable Redis.
   */
  static async create(config: RateLimitConfig, { now, logger = processLogger }: { now?: () => number; logger?: Logger } = {}): Promise<RateLimiter> {
    const bucket = new TokenBucket(config.points, config.windowSeconds * 1000);
    const store = config.redisUrl === undefined ? new MemoryBuckets(bucket, now) : await RedisBuckets.connect(bucket, config.redisUrl, config.redisTimeoutMs, logger);
    return new RateLimiter(config, bucket, store);
  }

  get policy(): RateLimitConfig {
    return this.config;
  }

  /**
   * Tokens an operation with this node estimate takes: one per `nodesPerPoint` nodes, at least one, and at most
   * a full bucket (so whatever the API's own limits let through can run once the bucket is full).
   */
  pointsFor(nodes: number): number {
    return Math.min(this.bucket.capacity, Math.max(1, Math.ceil(nodes / this.config.nodesPerPoint)));
  }

  /**
   * Takes `points` tokens (at most a full bucket) from `client`'s bucket, or none when it holds fewer: a refused
   * request costs nothing.
   */
  async take(client: string, points: number): Promise<Take> {
    const cost = Math.min(points, this.bucket.capacity);
    const { allowed, level } = await this.store.take(client, cost);
    if (!allowed) return { allowed, state: { remaining: Math.floor(level), resetSeconds: this.seconds(this.bucket.msUntil(level, cost)) } };
    return { allowed, state: this.stateAt(level) };
  }

  /**
   * Takes `points` tokens from `client`'s bucket for work already done, which cannot be refused: all the bucket
   * holds when it holds fewer, so that the client's next request waits for a token.
   */
  async drain(client: string, points: number): Promise<RateLimitState> {
    return this.stateAt(await this.store.drain(client, points));
  }

  /** Closes the buckets' store (its Redis connection): the server stops. */
  close(): Promise<void> {
    return this.store.close();
  }

  /** The header fields for a client's state: the policy (q tokens, refilled over w seconds) and what is left. */
  headers(state: RateLimitState): Record<(typeof RATE_LIMIT_FIELDS)[number], string> {
    const reset = state.resetSeconds === undefined ? '' : `;t=${String(state.resetSeconds)}`;
    return {
      'ratelimit-policy': `"${POLICY}";q=${String(this.config.points)};w=${String(this.config.windowSeconds)}`,
      ratelimit: `"${POLICY}";r=${String(state.remaining)}${reset}`,
    };
  }

  /** The state of a bucket holding `level` tokens after a request it served. */
  private stateAt(level: number): RateLimitState {
    const remaining = Math.floor(level);
    return { remaining, resetSeconds: level >= this.bucket.capacity ? undefined : this.seconds(this.bucket.msUntil(level, remaining + 1)) };
  }

  /** Whole seconds, rounded up and at least one: delay-seconds never tell a client to come back too early. */
  private seconds(ms: number): number {
    return Math.max(1, Math.ceil(ms / 1000));
  }
}
