/**
 * The buckets in Redis, shared by every replica that names the same server: one Lua script reads, refills and
 * takes from a client's bucket atomically, on the Redis server's clock (so the replicas' clocks do not matter),
 * and lets a bucket expire once it would be full again. A bucket's key is a hash of its client, so no API key is
 * stored in Redis.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { type BucketStore, BucketStoreUnavailableError, type Taken, type TokenBucket } from './token-bucket.js';

const KEY_PREFIX = 'biofm-graph:rate-limit:';

/**
 * Errors Redis answers with while it cannot serve (a read-only replica after a failover, loading its data, busy
 * with a script, out of memory, not authenticated): outages, like no answer; any other is this store's fault.
 */
const UNAVAILABLE_REPLY = /^(READONLY|LOADING|BUSY|MASTERDOWN|NOAUTH|WRONGPASS|OOM|CLUSTERDOWN|TRYAGAIN) /;

function isOutage(error: unknown): boolean {
  return !(error instanceof Error && error.name === 'ReplyError') || UNAVAILABLE_REPLY.test(error.message);
}

// KEYS[1]: the client's bucket, a hash of `tokens` and `at` (ms); ARGV: capacity, tokens gained per ms, cost, and
// "drain" to take all the bucket holds when it holds less than the cost (BucketStore.drain), else "take".
// Returns { 1 if taken else 0, the tokens left as a string (Redis would truncate a Lua number to an integer) }.
const SETTLE = `
local capacity, refill, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local held = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local level = capacity
if held[1] then level = math.min(capacity, tonumber(held[1]) + math.max(0, now - tonumber(held[2])) * refill) end
local taken = level >= cost
if taken then level = level - cost elseif ARGV[4] == 'drain' then level = 0 end
redis.call('HSET', KEYS[1], 'tokens', tostring(level), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - level) / refill) + 1)
return { taken and 1 or 0, tostring(level) }
`;

export class RedisBuckets implements BucketStore {
  /** Whether the last take got Redis's answer: an outage is logged when it begins and when it ends, not per take. */
  #answering = true;

  private constructor(
    private readonly bucket: TokenBucket,
    private readonly redis: Redis,
    private readonly logger: Logger,
  ) {}

  /**
   * Connects before the server takes requests (an unreachable Redis stops the start). Later, while Redis is
   * unreachable, a take fails with BucketStoreUnavailableError (the request gets 503: replicas never fall back to
   * budgets of their own): at once when the connection is down, after `timeoutMs` when Redis stopped answering on
   * it. The client reconnects by itself; each connection error is logged.
   */
  static async connect(bucket: TokenBucket, url: string, timeoutMs: number, logger: Logger): Promise<RedisBuckets> {
    // Loaded only here: a server without Redis is spared its start-up (about 0.1 s).
    const { Redis } = await import('ioredis');
    const redis = new Redis(url, {
      lazyConnect: true,
      // A command fails at once while the connection is down, instead of waiting in a queue for it.
      enableOfflineQueue: false,
      // A Redis that stopped answering (frozen, cut off) would leave a connected client waiting forever: each take
      // gives up after the timeout, and the connection is dropped (then made again) once nothing came back for as
      // long, rather than when the kernel gives up on it (minutes for a host gone without a word).
      commandTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      // A take belongs to its request: sent again after a reconnect, it would come late or for a request gone.
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // A replica that became read-only (a managed Redis's failover) is left for the new primary.
      reconnectOnError: (error) => error.message.startsWith('READONLY'),
    });
    let lastError: Error | undefined;
    redis.on('error', (error) => {
      lastError = error;
      logger.warn({ err: error }, 'rate limit: Redis unreachable');
    });
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      // connect() says only that the connection closed; the error event before said why (refused, unknown host).
      const why = lastError ?? error;
      throw new Error(`RATE_LIMIT_REDIS_URL: cannot connect to Redis (${why instanceof Error ? why.message : String(why)})`);
    }
    return new RedisBuckets(bucket, redis, logger);
  }

  take(client: string, cost: number): Promise<Taken> {
    return this.run(client, cost, 'take');
  }

  async drain(client: string, cost: number): Promise<number> {
    return (await this.run(client, cost, 'drain')).level;
  }

  /**
   * Closes the connection and stops reconnecting. Called once the server has drained, when no take is waiting; a
   * QUIT would wait for a Redis that may not answer.
   */
  close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }

  private async run(client: string, cost: number, mode: 'take' | 'drain'): Promise<Taken> {
    const key = KEY_PREFIX + createHash('sha256').update(client).digest('base64url');
    let answer: unknown;
    try {
      answer = await this.redis.eval(SETTLE, 1, key, this.bucket.capacity, this.bucket.refillPerMs, cost, mode);
    } catch (error) {
      if (!isOutage(error)) throw error;
      if (this.#answering) this.logger.warn({ err: error }, 'rate limit: Redis does not answer; requests are refused until it does');
      this.#answering = false;
      throw new BucketStoreUnavailableError(error);
    }
    if (!this.#answering) this.logger.info('rate limit: Redis answers again');
    this.#answering = true;
    const [taken, level] = answer as [number, string];
    return { allowed: taken === 1, level: Number(level) };
  }
}
