/**
 * A budget of tokens per client (rate-limiter-flexible: in memory, or in Redis when several replicas share the
 * budget): each request takes tokens by its cost, and the budget refills in full at the end of the client's
 * window. Reports its state as the IETF RateLimit and RateLimit-Policy header fields.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface RateLimitConfig {
  /** Off by default for local use, on in production. */
  enabled: boolean;
  /** Tokens in a client's budget per window. */
  points: number;
  windowSeconds: number;
  /** A GraphQL operation takes one token per this many estimated nodes (at least one). */
  nodesPerPoint: number;
  /** Tokens a whole-graph export takes. */
  exportPoints: number;
  /** Accepted API keys; a request carrying one is limited per key instead of per IP. */
  apiKeys: string[];
  /** The request header that carries an API key. */
  apiKeyHeader: string;
  /** A Redis URL to share the budgets between replicas (needs the `ioredis` package); in memory when absent. */
  redisUrl?: string | undefined;
}

/** Where a client's budget stands after a request. */
export interface RateLimitState {
  /** Tokens left in the window. */
  remaining: number;
  /** Seconds until the budget refills. */
  resetSeconds: number;
}

export interface Take {
  allowed: boolean;
  state: RateLimitState;
}

/** The policy's name in the header fields. */
const POLICY = 'default';

function stateOf(result: RateLimiterRes, points: number): RateLimitState {
  return { remaining: Math.max(0, Math.min(points, result.remainingPoints)), resetSeconds: Math.ceil(result.msBeforeNext / 1000) };
}

export class RateLimiter {
  private constructor(
    private readonly config: RateLimitConfig,
    private readonly limiter: RateLimiterAbstract,
  ) {}

  static async create(config: RateLimitConfig): Promise<RateLimiter> {
    const options = { points: config.points, duration: config.windowSeconds, keyPrefix: 'biofm-graph' };
    if (config.redisUrl === undefined) return new RateLimiter(config, new RateLimiterMemory(options));
    let Redis: new (url: string, options: Record<string, unknown>) => unknown;
    try {
      // Optional: only deployments that share budgets through Redis install it.
      ({ Redis } = (await import('ioredis' as string)) as { Redis: typeof Redis });
    } catch {
      throw new Error('RATE_LIMIT_REDIS_URL is set but the ioredis package is not installed; run npm install ioredis');
    }
    const storeClient = new Redis(config.redisUrl, { enableOfflineQueue: false, lazyConnect: false });
    return new RateLimiter(config, new RateLimiterRedis({ ...options, storeClient }));
  }

  get policy(): RateLimitConfig {
    return this.config;
  }

  /** Tokens an operation with this node estimate takes. */
  pointsFor(nodes: number): number {
    return Math.max(1, Math.ceil(nodes / this.config.nodesPerPoint));
  }

  /**
   * Takes `points` tokens from `client`'s budget, or none when the budget cannot cover them (a refused request
   * costs nothing).
   */
  async take(client: string, points: number): Promise<Take> {
    try {
      return { allowed: true, state: stateOf(await this.limiter.consume(client, points), this.config.points) };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const given = await this.limiter.reward(client, points);
      return { allowed: false, state: { ...stateOf(given, this.config.points), resetSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) } };
    }
  }

  /** The IETF header fields (draft-ietf-httpapi-ratelimit-headers) for a client's state. */
  headers(state: RateLimitState): Record<string, string> {
    return {
      'ratelimit-policy': `"${POLICY}";q=${String(this.config.points)};w=${String(this.config.windowSeconds)}`,
      ratelimit: `"${POLICY}";r=${String(state.remaining)};t=${String(state.resetSeconds)}`,
    };
  }
}
